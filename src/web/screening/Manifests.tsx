// Advance screening of a flight manifest: upload a JSON or CSV passenger list, watch the job's
// progress (polled each second), then read the hits only — everyone else is not listed. The
// manifests sent from this browser are remembered here (the server has no list of them).
import { Alert, Anchor, Badge, Button, Card, FileInput, Grid, Group, Progress, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useLocalStorage } from '@mantine/hooks';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, Loading } from '../lib/feedback';
import { formatDateTime } from '../lib/format';
import { ScoreBadge } from '../persons/components';
import { manifestApi, manifestFinished, useManifest, type Passenger } from './api';
import { InstructionBadge, useLabel } from './labels';
import { Pager } from './Travellers';

const PAGE_SIZE = 25;

interface Sent {
  id: string;
  flight: string | null;
  total: number;
  at: string;
}

/** A JSON manifest: an array of passengers, or {passengers: [...]}. */
function passengersOf(text: string): Passenger[] {
  const parsed = JSON.parse(text) as unknown;
  const list = Array.isArray(parsed) ? parsed : parsed && typeof parsed === 'object' && 'passengers' in parsed && Array.isArray(parsed.passengers) ? (parsed.passengers as unknown[]) : null;
  if (!list) throw new Error('The JSON file must hold an array of passengers ({"name", "dateOfBirth", "nationality", "documentNumber"}).');
  return list as Passenger[];
}

export function Manifests() {
  const { t, i18n } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [flight, setFlight] = useState('');
  const [sent, setSent] = useLocalStorage<Sent[]>({ key: 'hifazat.screening.manifests', defaultValue: [] });
  const [current, setCurrent] = useState<string | null>(null);
  const upload = useMutation({
    mutationFn: async () => {
      if (!file) throw new Error('no file');
      const content = await file.text();
      const isJson = /\.json$/i.test(file.name) || /^\s*[[{]/.test(content);
      const f = flight.trim() || undefined;
      return manifestApi.upload(isJson ? { flight: f, passengers: passengersOf(content) } : { flight: f, csv: content });
    },
    onSuccess: (m) => {
      setCurrent(m.id);
      setSent([{ id: m.id, flight: flight.trim() || file?.name || null, total: m.total, at: new Date().toISOString() }, ...sent].slice(0, 20));
      setFile(null);
    },
  });

  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, lg: 5 }}>
        <Stack gap="md">
          <Card withBorder padding="md" radius="md">
            <form
              onSubmit={(e) => {
                e.preventDefault();
                upload.mutate();
              }}
            >
              <Stack gap="sm">
                <Title order={2} size="h4">
                  {t('screening.manifests.title')}
                </Title>
                <Text size="sm" c="dimmed">
                  {t('screening.manifests.hint')}
                </Text>
                <TextInput label={t('screening.manifests.flight')} value={flight} onChange={(e) => setFlight(e.currentTarget.value.toUpperCase())} placeholder="PK-203" dir="ltr" />
                <FileInput label={t('screening.manifests.file')} accept=".json,.csv,application/json,text/csv" value={file} onChange={setFile} clearable required />
                {upload.isError && <ErrorNotice error={upload.error} />}
                <Group>
                  <Button type="submit" disabled={!file} loading={upload.isPending}>
                    {t('screening.manifests.upload')}
                  </Button>
                </Group>
              </Stack>
            </form>
          </Card>
          <Stack gap="xs">
            <Title order={2} size="h5">
              {t('screening.manifests.recent')}
            </Title>
            {sent.length === 0 ? (
              <Text c="dimmed" size="sm">
                {t('screening.manifests.empty')}
              </Text>
            ) : (
              <Table verticalSpacing={4} fz="sm">
                <Table.Tbody>
                  {sent.map((m) => (
                    <Table.Tr key={m.id} bg={current === m.id ? 'var(--mantine-color-blue-light)' : undefined}>
                      <Table.Td>
                        <Anchor component="button" type="button" onClick={() => setCurrent(m.id)} dir="ltr">
                          {m.flight ?? m.id.slice(0, 8)}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{formatDateTime(m.at, i18n.language)}</Table.Td>
                      <Table.Td dir="ltr" ta="end">
                        {m.total}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Stack>
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 7 }}>{current && <ManifestView key={current} id={current} />}</Grid.Col>
    </Grid>
  );
}

function ManifestView({ id }: { id: string }) {
  const { t } = useTranslation();
  const label = useLabel();
  const m = useManifest(id);
  const [page, setPage] = useState(1);
  if (m.isPending) return <Loading />;
  if (m.isError) return <ErrorNotice error={m.error} onRetry={() => void m.refetch()} />;
  const d = m.data;
  const finished = manifestFinished(d.status);
  const failed = d.status === 'failed';
  const pct = d.total > 0 ? Math.round((d.done / d.total) * 100) : 0;
  const hits = d.hits.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  return (
    <Stack gap="sm" data-testid="manifest" data-status={d.status}>
      <Group justify="space-between">
        <Title order={2} size="h4" dir="ltr">
          {d.flight ?? ''}
        </Title>
        <Badge variant="light" color={failed ? 'red' : finished ? 'green' : 'blue'}>
          {label('manifestStatus', d.status)}
        </Badge>
      </Group>
      <Progress value={failed ? 100 : pct} color={failed ? 'red' : finished ? 'green' : 'blue'} size="xl" animated={!finished} aria-label={t('screening.manifests.progress', { processed: d.done, total: d.total })} />
      <Text size="sm" data-testid="manifest-progress">
        {t('screening.manifests.progress', { processed: d.done, total: d.total })}
      </Text>
      {failed && <Alert color="red">{t('screening.manifests.failed', { error: d.error ?? '' })}</Alert>}
      {finished && !failed && (
        <Alert color={d.hitCount ? 'orange' : 'green'} variant="light">
          {t('screening.manifests.done', { hits: d.hitCount, total: d.total })}
        </Alert>
      )}
      <Title order={3} size="h5">
        {t('screening.manifests.hitsOnly')}
      </Title>
      {d.hits.length === 0 ? (
        <Text c="dimmed">{finished ? t('screening.manifests.noHits') : t('common.loading')}</Text>
      ) : (
        <>
          <Table.ScrollContainer minWidth={640}>
            <Table striped verticalSpacing="xs" data-testid="manifest-hits">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('screening.manifests.row')}</Table.Th>
                  <Table.Th>{t('screening.manifests.passenger')}</Table.Th>
                  <Table.Th>{t('screening.hit.list')}</Table.Th>
                  <Table.Th>{t('screening.watchlists.instruction')}</Table.Th>
                  <Table.Th>{t('screening.hit.score')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {hits.map((h) => (
                  <Table.Tr key={`${h.row}-${h.entryId}`}>
                    <Table.Td dir="ltr">{h.row}</Table.Td>
                    <Table.Td dir="ltr" style={{ textAlign: 'start' }}>
                      <Text size="sm" fw={600}>
                        {h.passenger.name}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {[h.passenger.documentNumber, h.passenger.dateOfBirth, h.passenger.nationality].filter(Boolean).join(' · ')}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{h.list.name}</Text>
                      <Text size="xs" c="dimmed">
                        {label('kinds', h.list.kind)} · {label('matchedBy', h.matchedBy)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <InstructionBadge instruction={h.list.instruction} size="md" />
                    </Table.Td>
                    <Table.Td>
                      <ScoreBadge score={h.score} alert={h.alert} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Pager total={d.hits.length} page={page} setPage={setPage} pageSize={PAGE_SIZE} />
        </>
      )}
    </Stack>
  );
}
