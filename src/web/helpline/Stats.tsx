// Helpline statistics with charts: contacts by channel, classification, province and hour;
// answer and response times; abandoned calls; hand-offs and acknowledgement times. Small counts
// come back as null (suppressed) for those who are not helpline staff.
import { BarChart } from '@mantine/charts';
import '@mantine/charts/styles.css';
import { Alert, Card, Group, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, Loading } from '../lib/feedback';
import { useStats, type Cell, type Quantiles } from './api';
import { duration, useLabel } from './labels';

const iso = (d: Date) => d.toISOString().slice(0, 10);

function Chart({ title, data, testId }: { title: string; data: { key: string; count: number }[]; testId: string }) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="md" data-testid={testId}>
      <Title order={3} size="h5" mb="sm">
        {title}
      </Title>
      {data.length === 0 ? (
        <Text c="dimmed">{t('helpline.stats.none')}</Text>
      ) : (
        <BarChart h={Math.max(180, data.length * 28)} data={data} dataKey="key" orientation="vertical" yAxisProps={{ width: 150 }} series={[{ name: 'count', label: t('helpline.stats.count'), color: 'teal.6' }]} />
      )}
    </Card>
  );
}

function Times({ title, q }: { title: string; q: Quantiles }) {
  const { t, i18n } = useTranslation();
  return (
    <Card withBorder padding="sm">
      <Text size="xs" c="dimmed">
        {title}
      </Text>
      <Text fw={700} fz="lg">
        {t('helpline.stats.median', { value: duration(q.median, i18n.language) })}
      </Text>
      <Text size="sm">{t('helpline.stats.p90', { value: duration(q.p90, i18n.language) })}</Text>
    </Card>
  );
}

function Number({ title, value }: { title: string; value: number | null }) {
  return (
    <Card withBorder padding="sm">
      <Text size="xs" c="dimmed">
        {title}
      </Text>
      <Text fw={700} fz={26}>
        {value ?? '—'}
      </Text>
    </Card>
  );
}

export function HelplineStats() {
  const { t } = useTranslation();
  const label = useLabel();
  const [from, setFrom] = useState(iso(new Date(Date.now() - 30 * 86_400_000)));
  const [to, setTo] = useState(iso(new Date()));
  const stats = useStats(from, to);
  const cells = (xs: Cell[], f: (k: string) => string) => xs.filter((c) => c.count !== null).map((c) => ({ key: f(c.key), count: c.count ?? 0 }));
  return (
    <Stack gap="md">
      <Group align="flex-end">
        <TextInput type="date" label={t('helpline.stats.from')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} dir="ltr" />
        <TextInput type="date" label={t('helpline.stats.to')} value={to} onChange={(e) => setTo(e.currentTarget.value)} dir="ltr" />
      </Group>
      {stats.isPending ? (
        <Loading />
      ) : stats.isError ? (
        <ErrorNotice error={stats.error} onRetry={() => void stats.refetch()} />
      ) : (
        <>
          {stats.data.suppressed && (
            <Alert color="gray" variant="light">
              {t('helpline.stats.suppressed', { n: stats.data.smallCellThreshold })}
            </Alert>
          )}
          <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }}>
            <Number title={t('helpline.stats.total')} value={stats.data.total} />
            <Number title={t('helpline.stats.abandoned')} value={stats.data.abandonedCalls} />
            <Number title={t('helpline.stats.handoffs')} value={stats.data.handoffs.total} />
            <Number title={t('helpline.stats.acknowledged')} value={stats.data.handoffs.acknowledged} />
            <Number title={t('helpline.stats.overdue')} value={stats.data.handoffs.overdue} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Times title={t('helpline.stats.answer')} q={stats.data.answerSeconds} />
            <Times title={t('helpline.stats.response')} q={stats.data.responseSeconds} />
            <Times title={t('helpline.stats.ack')} q={stats.data.handoffs.acknowledgeSeconds} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Chart title={t('helpline.stats.byChannel')} data={cells(stats.data.byChannel, (k) => label('channels', k))} testId="chart-channel" />
            <Chart title={t('helpline.stats.byClassification')} data={cells(stats.data.byClassification, (k) => label('classifications', k))} testId="chart-classification" />
            <Chart title={t('helpline.stats.byProvince')} data={cells(stats.data.byProvince, (k) => t(`public.provinces.${k}` as 'public.provinces.Punjab', { defaultValue: k }))} testId="chart-province" />
            <Card withBorder padding="md" data-testid="chart-hour">
              <Title order={3} size="h5" mb="sm">
                {t('helpline.stats.byHour')}
              </Title>
              <BarChart h={220} data={stats.data.byHour.map((c) => ({ key: c.key, count: c.count ?? 0 }))} dataKey="key" series={[{ name: 'count', label: t('helpline.stats.count'), color: 'indigo.6' }]} />
            </Card>
          </SimpleGrid>
        </>
      )}
    </Stack>
  );
}
