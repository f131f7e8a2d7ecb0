// Headquarters dashboard: encounters and hits per post per day, hit adjudication times,
// off-loadees by ground, destination and agency, deportees by country and reason — charts with
// the exact numbers in tables beside them, filtered by period and post, exported as CSV.
import { BarChart } from '@mantine/charts';
import { Button, Card, Group, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryView } from '../lib/feedback';
import { statsExportUrl, useStats, type Count, type Stats, type StatsFilters } from './api';
import { useLabel } from './labels';

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const chartDir = { style: { direction: 'ltr' as const } };

function Stat({ label, value, testId }: { label: string; value: string | number; testId: string }) {
  return (
    <Card withBorder padding="md" radius="md">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fz={28} fw={700} data-testid={testId} dir="ltr" style={{ textAlign: 'start' }}>
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

/** A bar chart of key → count with the same numbers in a small table. */
function Breakdown({ title, rows, labelOf, testId }: { title: string; rows: Count[]; labelOf?: (k: string) => string; testId: string }) {
  const { t } = useTranslation();
  const data = rows.map((r) => ({ key: labelOf ? labelOf(r.key) : r.key, [t('screening.dashboard.count')]: r.n }));
  return (
    <Panel title={title}>
      {rows.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('screening.dashboard.empty')}
        </Text>
      ) : (
        <>
          <BarChart h={Math.max(140, rows.length * 34)} data={data.slice(0, 12)} dataKey="key" orientation="vertical" yAxisProps={{ width: 150, interval: 0 }} series={[{ name: t('screening.dashboard.count'), color: 'indigo.6' }]} withBarValueLabel tickLine="none" gridAxis="x" {...chartDir} />
          <Table verticalSpacing={2} fz="sm" data-testid={testId}>
            <Table.Tbody>
              {data.map((r) => (
                <Table.Tr key={r.key}>
                  <Table.Td>{r.key}</Table.Td>
                  <Table.Td dir="ltr" ta="end">
                    {r[t('screening.dashboard.count')]}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Panel>
  );
}

export function ScreeningDashboard() {
  const { t } = useTranslation();
  const [f, setF] = useState<StatsFilters>(() => ({ from: isoDay(new Date(Date.now() - 29 * 86_400_000)), to: isoDay(new Date()) }));
  const stats = useStats(f);
  // The posts seen in the period (the filter keeps the chosen one even when it has no rows).
  const [posts, setPosts] = useState<Map<string, string>>(new Map());
  useEffect(() => {
    const rows = stats.data?.encounters ?? [];
    if (rows.some((r) => !posts.has(r.postId))) setPosts(new Map([...posts, ...rows.map((r) => [r.postId, r.postName] as const)]));
  }, [stats.data, posts]);
  return (
    <Stack gap="md">
      <Group align="flex-end" wrap="wrap" justify="space-between">
        <Group align="flex-end" wrap="wrap">
          <TextInput label={t('screening.dashboard.from')} type="date" value={f.from ?? ''} onChange={(e) => setF({ ...f, from: e.currentTarget.value || undefined })} dir="ltr" />
          <TextInput label={t('screening.dashboard.to')} type="date" value={f.to ?? ''} onChange={(e) => setF({ ...f, to: e.currentTarget.value || undefined })} dir="ltr" />
          <Select label={t('screening.dashboard.post')} placeholder={t('screening.dashboard.allPosts')} data={[...posts].map(([value, label]) => ({ value, label }))} value={f.postId ?? null} onChange={(v) => setF({ ...f, postId: v ?? undefined })} clearable searchable w={{ base: '100%', sm: 300 }} />
        </Group>
        <Group gap="xs">
          <Button component="a" href={statsExportUrl(f, 'xlsx')} variant="light" leftSection={<IconDownload size={16} />}>
            {t('screening.dashboard.export')} XLSX
          </Button>
          <Button component="a" href={statsExportUrl(f, 'csv')} variant="default" leftSection={<IconDownload size={16} />}>
            CSV
          </Button>
        </Group>
      </Group>
      <QueryView query={stats}>{(d) => <View d={d} />}</QueryView>
    </Stack>
  );
}

function View({ d }: { d: Stats }) {
  const { t } = useTranslation();
  const label = useLabel();
  const assessment = (k: string) => (k === 'suspected-victim' ? t('screening.deportee.suspectedVictim') : k === 'smuggled-migrant' ? t('screening.deportee.smuggledMigrant') : k === 'none' ? t('screening.deportee.assessmentNone') : k);
  const enc = t('screening.dashboard.encounters');
  const hits = t('screening.dashboard.hits');
  const byDay = new Map<string, { day: string; [k: string]: number | string }>();
  const byPost = new Map<string, { post: string; encounters: number; hits: number }>();
  for (const r of d.encounters) {
    const day = byDay.get(r.day) ?? { day: r.day, [enc]: 0, [hits]: 0 };
    day[enc] = Number(day[enc]) + r.encounters;
    day[hits] = Number(day[hits]) + r.hits;
    byDay.set(r.day, day);
    const p = byPost.get(r.postId) ?? { post: r.postName, encounters: 0, hits: 0 };
    p.encounters += r.encounters;
    p.hits += r.hits;
    byPost.set(r.postId, p);
  }
  const days = [...byDay.values()].sort((a, b) => a.day.localeCompare(b.day));
  const totalEnc = [...byPost.values()].reduce((n, p) => n + p.encounters, 0);
  const totalHits = [...byPost.values()].reduce((n, p) => n + p.hits, 0);
  const minutes = (sec: number | null) => (sec === null ? '—' : t('screening.dashboard.minutes', { n: Math.round(sec / 6) / 10 }));
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
        <Stat label={enc} value={totalEnc} testId="stat-encounters" />
        <Stat label={hits} value={totalHits} testId="stat-hits" />
        <Stat label={t('screening.dashboard.pending')} value={d.adjudication.pending} testId="stat-pending" />
        <Stat label={t('screening.dashboard.median')} value={minutes(d.adjudication.medianSeconds)} testId="stat-median" />
      </SimpleGrid>
      <Panel title={t('screening.dashboard.perDay')}>
        {days.length === 0 ? (
          <Text c="dimmed" size="sm">
            {t('screening.dashboard.empty')}
          </Text>
        ) : (
          <BarChart
            h={260}
            data={days}
            dataKey="day"
            series={[
              { name: enc, color: 'blue.6' },
              { name: hits, color: 'red.6' },
            ]}
            tickLine="none"
            {...chartDir}
          />
        )}
      </Panel>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <Panel title={t('screening.dashboard.perPost')}>
          <Table.ScrollContainer minWidth={360}>
            <Table striped verticalSpacing={4} fz="sm" data-testid="stats-posts">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('screening.dashboard.post')}</Table.Th>
                  <Table.Th ta="end">{enc}</Table.Th>
                  <Table.Th ta="end">{hits}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {[...byPost.values()].map((p) => (
                  <Table.Tr key={p.post}>
                    <Table.Td>{p.post}</Table.Td>
                    <Table.Td dir="ltr" ta="end">
                      {p.encounters}
                    </Table.Td>
                    <Table.Td dir="ltr" ta="end">
                      {p.hits}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Panel>
        <Panel title={t('screening.dashboard.adjudication')}>
          <Table verticalSpacing={4} fz="sm" data-testid="stats-adjudication">
            <Table.Tbody>
              <Table.Tr>
                <Table.Td>{t('screening.dashboard.decided')}</Table.Td>
                <Table.Td dir="ltr" ta="end">
                  {d.adjudication.decided}
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Td>{t('screening.dashboard.pending')}</Table.Td>
                <Table.Td dir="ltr" ta="end">
                  {d.adjudication.pending}
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Td>{t('screening.dashboard.median')}</Table.Td>
                <Table.Td ta="end">{minutes(d.adjudication.medianSeconds)}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Td>{t('screening.dashboard.p90')}</Table.Td>
                <Table.Td ta="end">{minutes(d.adjudication.p90Seconds)}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Td>{t('screening.hit.confirmed')}</Table.Td>
                <Table.Td dir="ltr" ta="end">
                  {d.adjudication.confirmed}
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Td>{t('screening.hit.falseMatched')}</Table.Td>
                <Table.Td dir="ltr" ta="end">
                  {d.adjudication.falseMatch}
                </Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
        </Panel>
        <Breakdown title={t('screening.dashboard.offloadByGround')} rows={d.offloadees.byGround} labelOf={(k) => label('grounds', k)} testId="stats-ground" />
        <Breakdown title={t('screening.dashboard.offloadByDestination')} rows={d.offloadees.byDestination} testId="stats-destination" />
        <Breakdown title={t('screening.dashboard.offloadByAgency')} rows={d.offloadees.byAgency} testId="stats-agency" />
        <Breakdown title={t('screening.dashboard.offloadByRoute')} rows={d.offloadees.byRoute} testId="stats-route" />
        <Breakdown title={t('screening.dashboard.deporteesByCountry')} rows={d.deportees.byCountry} testId="stats-country" />
        <Breakdown title={t('screening.dashboard.deporteesByReason')} rows={d.deportees.byReason} testId="stats-reason" />
        <Breakdown title={t('screening.dashboard.deporteesByAssessment')} rows={d.deportees.byAssessment} labelOf={assessment} testId="stats-assessment" />
      </SimpleGrid>
    </Stack>
  );
}
