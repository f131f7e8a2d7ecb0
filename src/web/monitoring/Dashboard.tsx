// The Cell's dashboard: charts where a person would rather look than read (cases by stage, ageing
// by stage, trafficking vs smuggling, conviction rates, adjournments per court, monthly intake),
// with the exact numbers in small tables beside them.
import { BarChart, DonutChart, LineChart } from '@mantine/charts';
import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CASE_STAGES } from '../../domain/taxonomies';
import { useTerm } from '../cases/labels';
import { QueryView } from '../lib/feedback';
import { formatDate } from '../lib/format';
import { useDashboard, type Dashboard as Data, type MonitoringFilters } from './api';

const pct = (r: number | null) => (r === null ? '—' : `${Math.round(r * 1000) / 10}%`);
const BUCKET_COLOURS = ['teal.4', 'yellow.5', 'orange.5', 'red.5', 'red.8'];

function Stat({ label, value, testId, color }: { label: string; value: string | number; testId: string; color?: string }) {
  return (
    <Card withBorder padding="md" radius="md">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fz={28} fw={700} c={color} data-testid={testId} dir="ltr" style={{ textAlign: 'start' }}>
        {value}
      </Text>
    </Card>
  );
}

function Panel({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Card withBorder padding="md" radius="md">
      <Stack gap="sm">
        <Title order={2} size="h5">
          {title}
        </Title>
        {children}
      </Stack>
    </Card>
  );
}

function View({ d }: { d: Data }) {
  const { t, i18n } = useTranslation();
  const term = useTerm();
  const stage = (s: string) => term(CASE_STAGES, s).replace(/ \(.*\)$/, '');
  const adjournedTotal = d.adjournments.byCourt.reduce((n, c) => n + c.adjourned, 0);
  const buckets = d.ageingByStage[0]?.buckets.map((b) => b.bucket) ?? [];
  const ageing = d.ageingByStage.map((s) => ({ stage: stage(s.stage), ...Object.fromEntries(s.buckets.map((b) => [b.bucket, b.count])) }));
  const category = [
    { name: t('cases.categories.trafficking'), value: d.byCategory.trafficking, color: 'blue.6' },
    { name: t('cases.categories.smuggling'), value: d.byCategory.smuggling, color: 'orange.6' },
    { name: t('cases.categories.both'), value: d.byCategory.both, color: 'grape.6' },
    { name: t('cases.categories.other'), value: d.byCategory.other, color: 'gray.5' },
  ].filter((x) => x.value > 0);
  const judgedAtus = d.conviction.byAtu.filter((a) => a.judgments > 0);
  const convictionAtu = judgedAtus.map((a) => ({ atu: a.unitName, [t('monitoring.convicted')]: a.convicted, [t('monitoring.acquitted')]: a.acquitted, [t('monitoring.discharged')]: a.discharged }));
  const outcomeSeries = [
    { name: t('monitoring.convicted'), color: 'red.6' },
    { name: t('monitoring.acquitted'), color: 'gray.5' },
    { name: t('monitoring.discharged'), color: 'yellow.5' },
  ];
  const courts = d.adjournments.byCourt.map((c) => ({ court: c.court, [t('monitoring.hearings')]: c.hearings, [t('monitoring.adjourned')]: c.adjourned }));
  const monthly = d.monthly.map((m) => ({ month: m.month, [t('monitoring.newCases')]: m.newCases, [t('monitoring.firs')]: m.firs }));
  const chartDir = { style: { direction: 'ltr' as const } };

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('monitoring.asOf', { date: formatDate(d.asOf, i18n.language) })}
      </Text>
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
        <Stat label={t('monitoring.totalCases')} value={d.total} testId="stat-total" />
        <Stat label={t('monitoring.convictionRate')} value={pct(d.conviction.overall.rate)} testId="stat-conviction" />
        <Stat label={t('monitoring.overdueDeadlines')} value={d.overdueDeadlines.total} testId="stat-overdue" color={d.overdueDeadlines.total ? 'red' : undefined} />
        <Stat label={t('monitoring.adjournmentsTotal')} value={adjournedTotal} testId="stat-adjourned" />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <Panel title={t('monitoring.byStage')}>
          <BarChart h={300} data={d.byStage.map((s) => ({ stage: stage(s.stage), [t('monitoring.cases')]: s.count }))} dataKey="stage" orientation="vertical" yAxisProps={{ width: 110, interval: 0 }} series={[{ name: t('monitoring.cases'), color: 'teal.6' }]} withBarValueLabel tickLine="none" gridAxis="x" {...chartDir} />
        </Panel>
        <Panel title={t('monitoring.ageing')}>
          <BarChart h={300} data={ageing} dataKey="stage" type="stacked" orientation="vertical" yAxisProps={{ width: 110, interval: 0 }} gridAxis="x" withLegend series={buckets.map((b, i) => ({ name: b, label: t('monitoring.days', { range: b }), color: BUCKET_COLOURS[i] ?? 'gray.6' }))} tickLine="none" {...chartDir} />
        </Panel>
        <Panel title={t('monitoring.category')}>
          {category.length === 0 ? (
            <Text c="dimmed">{t('monitoring.noData')}</Text>
          ) : (
            <Group justify="center" gap="xl">
              <DonutChart data={category} size={180} thickness={28} withLabelsLine withLabels {...chartDir} />
              <Stack gap={4}>
                {category.map((c) => (
                  <Group key={c.name} gap={6}>
                    <Badge color={c.color.split('.')[0]} variant="filled" size="xs" circle>
                      {' '}
                    </Badge>
                    <Text size="sm">
                      {c.name}: <b>{c.value}</b>
                    </Text>
                  </Group>
                ))}
              </Stack>
            </Group>
          )}
        </Panel>
        <Panel title={t('monitoring.monthly')}>
          <LineChart h={240} data={monthly} dataKey="month" withLegend curveType="monotone" series={[{ name: t('monitoring.newCases'), color: 'teal.6' }, { name: t('monitoring.firs'), color: 'indigo.6' }]} tickLine="none" {...chartDir} />
        </Panel>
        <Panel title={t('monitoring.convictionByAtu')}>
          {convictionAtu.length > 0 && <BarChart h={220} data={convictionAtu} dataKey="atu" type="stacked" withLegend series={outcomeSeries} tickLine="none" {...chartDir} />}
          <Table striped data-testid="conviction-atu">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('monitoring.atu')}</Table.Th>
                <Table.Th>{t('monitoring.convicted')}</Table.Th>
                <Table.Th>{t('monitoring.judgments')}</Table.Th>
                <Table.Th>{t('monitoring.rate')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {judgedAtus.map((a) => (
                <Table.Tr key={a.unitId} data-unit={a.unitName}>
                  <Table.Td>{a.unitName}</Table.Td>
                  <Table.Td data-cell="convicted">{a.convicted}</Table.Td>
                  <Table.Td data-cell="judgments">{a.judgments}</Table.Td>
                  <Table.Td data-cell="rate">{pct(a.rate)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {judgedAtus.length === 0 && <Text c="dimmed">{t('monitoring.noJudgments')}</Text>}
        </Panel>
        <Panel title={t('monitoring.adjournmentsByCourt')}>
          {courts.length > 0 && (
            <BarChart h={220} data={courts} dataKey="court" withLegend series={[{ name: t('monitoring.hearings'), color: 'indigo.5' }, { name: t('monitoring.adjourned'), color: 'orange.6' }]} tickLine="none" {...chartDir} />
          )}
          <Table striped data-testid="adjournments-court">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('monitoring.court')}</Table.Th>
                <Table.Th>{t('monitoring.hearings')}</Table.Th>
                <Table.Th>{t('monitoring.adjourned')}</Table.Th>
                <Table.Th>{t('monitoring.rate')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.adjournments.byCourt.map((c) => (
                <Table.Tr key={c.court} data-court={c.court}>
                  <Table.Td>{c.court}</Table.Td>
                  <Table.Td>{c.hearings}</Table.Td>
                  <Table.Td data-cell="adjourned">{c.adjourned}</Table.Td>
                  <Table.Td>{pct(c.rate)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {d.adjournments.byCourt.length === 0 && <Text c="dimmed">{t('monitoring.noHearings')}</Text>}
        </Panel>
        <Panel title={t('monitoring.convictionByCourt')}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('monitoring.court')}</Table.Th>
                <Table.Th>{t('monitoring.convicted')}</Table.Th>
                <Table.Th>{t('monitoring.judgments')}</Table.Th>
                <Table.Th>{t('monitoring.rate')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.conviction.byCourt.map((c) => (
                <Table.Tr key={c.court}>
                  <Table.Td>{c.court}</Table.Td>
                  <Table.Td>{c.convicted}</Table.Td>
                  <Table.Td>{c.judgments}</Table.Td>
                  <Table.Td>{pct(c.rate)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {d.conviction.byCourt.length === 0 && <Text c="dimmed">{t('monitoring.noJudgments')}</Text>}
        </Panel>
        <Panel title={t('monitoring.convictionByStatute')}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('monitoring.statute')}</Table.Th>
                <Table.Th>{t('monitoring.cases')}</Table.Th>
                <Table.Th>{t('monitoring.convicted')}</Table.Th>
                <Table.Th>{t('monitoring.rate')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.conviction.byStatute.map((s) => (
                <Table.Tr key={s.statute}>
                  <Table.Td dir="ltr">{s.statute}</Table.Td>
                  <Table.Td>{s.cases}</Table.Td>
                  <Table.Td>{s.convicted}</Table.Td>
                  <Table.Td>{pct(s.rate)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Panel>
      </SimpleGrid>
      {d.adjournments.mostAdjourned.length > 0 && (
        <Panel title={t('monitoring.mostAdjourned')}>
          <Table.ScrollContainer minWidth={560}>
            <Table striped>
              <Table.Tbody>
                {d.adjournments.mostAdjourned.map((c) => (
                  <Table.Tr key={c.caseId}>
                    <Table.Td>
                      <Anchor component={Link} to={`/cases/${c.caseId}`} dir="ltr" className="hz-mono">
                        {c.ref}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{c.unitName}</Table.Td>
                    <Table.Td>{c.court}</Table.Td>
                    <Table.Td>{t('monitoring.adjournmentsCount', { count: c.adjournments })}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Panel>
      )}
    </Stack>
  );
}

export function Dashboard({ filters }: { filters: MonitoringFilters }) {
  const q = useDashboard(filters);
  return <QueryView query={q}>{(d) => <View d={d} />}</QueryView>;
}
