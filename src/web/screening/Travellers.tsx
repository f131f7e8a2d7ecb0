// The SOP on off-loadees and deportees: the off-loading decision (grounds, destination,
// sponsor/agent, recruitment agency) and the deportee intake with its structured interview
// (who arranged, how much was paid, to whom, route, what happened), each with its recent records.
import { Alert, Badge, Button, Card, Checkbox, Grid, Group, MultiSelect, NumberInput, Pagination, Radio, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { ApiError } from '../lib/api';
import { ErrorNotice, errorMessage, QueryView } from '../lib/feedback';
import { formatDate } from '../lib/format';
import { travellerApi, useDeportees, useOffloadees, type Assessment, type DeporteeSaved, type ScreenedDocument, type Traveller } from './api';
import { useLabel, useOptions } from './labels';

const PAGE_SIZE = 10;
const opt = (s: string) => (s.trim() ? s.trim() : undefined);

interface TravellerFields {
  name: string;
  documentNumber: string;
  nationality: string;
  dateOfBirth: string;
}
const emptyTraveller: TravellerFields = { name: '', documentNumber: '', nationality: '', dateOfBirth: '' };

function fromDocument(doc: ScreenedDocument | undefined): TravellerFields {
  if (!doc) return emptyTraveller;
  return {
    name: doc.name ?? [doc.givenNames, doc.surname].filter(Boolean).join(' '),
    documentNumber: doc.documentNumber ?? '',
    nationality: doc.nationality ?? '',
    dateOfBirth: doc.dateOfBirth ?? '',
  };
}

function TravellerInputs({ value, onChange, errors }: { value: TravellerFields; onChange: (v: TravellerFields) => void; errors: Record<string, string> }) {
  const { t } = useTranslation();
  const set = (k: keyof TravellerFields) => (e: React.ChangeEvent<HTMLInputElement>) => onChange({ ...value, [k]: e.currentTarget.value });
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
      <TextInput label={t('screening.traveller.name')} value={value.name} onChange={set('name')} required dir="ltr" error={errors.name ?? errors.traveller} />
      <TextInput label={t('screening.traveller.documentNumber')} value={value.documentNumber} onChange={set('documentNumber')} dir="ltr" error={errors.documentNumber} />
      <TextInput label={t('screening.traveller.nationality')} value={value.nationality} onChange={set('nationality')} maxLength={3} placeholder="PAK" dir="ltr" error={errors.nationality} />
      <TextInput label={t('screening.traveller.dob')} value={value.dateOfBirth} onChange={set('dateOfBirth')} placeholder="YYYY-MM-DD" dir="ltr" error={errors.dateOfBirth} />
    </SimpleGrid>
  );
}

const fieldErrors = (e: unknown) => (e instanceof ApiError ? e.fieldErrors() : {});

function travellerBody(v: TravellerFields): { traveller: Traveller; nationality?: string } {
  const nationality = opt(v.nationality.toUpperCase());
  return {
    traveller: { name: v.name.trim(), ...(opt(v.documentNumber) ? { documentNumber: v.documentNumber.trim().toUpperCase() } : {}), ...(opt(v.dateOfBirth) ? { dateOfBirth: v.dateOfBirth.trim() } : {}) },
    ...(nationality ? { nationality } : {}),
  };
}

// ── off-loading ────────────────────────────────────────────────────────────────────────────────
export function Offloading() {
  const { t } = useTranslation();
  const options = useOptions();
  const qc = useQueryClient();
  const state = useLocation().state as { encounterId?: string; document?: ScreenedDocument } | null;
  const [traveller, setTraveller] = useState<TravellerFields>(() => fromDocument(state?.document));
  const emptyForm = { grounds: [] as string[], destination: '', route: '', purpose: '', sponsor: '', agency: '', note: '' };
  const [form, setForm] = useState(emptyForm);
  const [tried, setTried] = useState(false);
  const save = useMutation({
    mutationFn: () =>
      travellerApi.offload({
        ...travellerBody(traveller),
        encounterId: state?.encounterId,
        grounds: form.grounds,
        destination: form.destination.trim(),
        route: opt(form.route),
        purpose: opt(form.purpose),
        sponsor: opt(form.sponsor),
        agency: opt(form.agency),
        note: opt(form.note),
      }),
    onSuccess: () => {
      notifications.show({ color: 'green', message: t('screening.offload.saved') });
      setTraveller(emptyTraveller);
      setForm(emptyForm);
      setTried(false);
      void qc.invalidateQueries({ queryKey: ['screening', 'offloadees'] });
    },
  });
  const errors = fieldErrors(save.error);
  const set = (k: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => setForm({ ...form, [k]: e.currentTarget.value });

  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, lg: 6 }}>
        <Card withBorder padding="md" radius="md">
          <form
            onSubmit={(e) => {
              e.preventDefault();
              setTried(true);
              if (form.grounds.length > 0) save.mutate();
            }}
          >
            <Stack gap="sm">
              <Title order={2} size="h4">
                {t('screening.offload.title')}
              </Title>
              <Text size="sm" c="dimmed">
                {t('screening.offload.intro')}
              </Text>
              {state?.document && (
                <Badge variant="light" color="blue">
                  {t('screening.traveller.fromCounter')}
                </Badge>
              )}
              <TravellerInputs value={traveller} onChange={setTraveller} errors={errors} />
              <MultiSelect
                label={t('screening.offload.grounds')}
                data={options('grounds')}
                value={form.grounds}
                onChange={(v) => setForm({ ...form, grounds: v })}
                required
                error={(tried && form.grounds.length === 0 ? t('screening.offload.needGround') : undefined) ?? errors.grounds}
                comboboxProps={{ withinPortal: true }}
              />
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                <TextInput label={t('screening.offload.destination')} value={form.destination} onChange={set('destination')} required error={errors.destination} />
                <TextInput label={t('screening.offload.route')} value={form.route} onChange={set('route')} error={errors.route} />
                <TextInput label={t('screening.offload.purpose')} value={form.purpose} onChange={set('purpose')} error={errors.purpose} />
                <TextInput label={t('screening.offload.sponsor')} value={form.sponsor} onChange={set('sponsor')} error={errors.sponsor} />
              </SimpleGrid>
              <TextInput label={t('screening.offload.agency')} value={form.agency} onChange={set('agency')} error={errors.agency} />
              <Textarea label={t('screening.offload.note')} value={form.note} onChange={set('note')} autosize minRows={2} error={errors.note} />
              {save.isError && Object.keys(errors).length === 0 && <ErrorNotice error={save.error} />}
              <Group>
                <Button type="submit" color="orange" loading={save.isPending}>
                  {t('screening.offload.save')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Card>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 6 }}>
        <RecentOffloadees />
      </Grid.Col>
    </Grid>
  );
}

function RecentOffloadees() {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const [page, setPage] = useState(1);
  return (
    <RecentTable
      title={t('screening.offload.recent')}
      empty={t('screening.offload.empty')}
      testId="offloadees"
      query={useOffloadees(page, PAGE_SIZE)}
      page={page}
      setPage={setPage}
      headers={[t('screening.traveller.when'), t('screening.traveller.name'), t('screening.offload.grounds'), t('screening.offload.destination'), t('screening.offload.agency')]}
      row={(o) => (
        <>
          <WhenAndWho on={o.on} postName={o.postName} name={o.traveller?.name} language={i18n.language} />
          <Table.Td>
            <Group gap={4}>
              {o.grounds.map((g) => (
                <Badge key={g} size="sm" variant="light" color="orange">
                  {label('grounds', g)}
                </Badge>
              ))}
            </Group>
          </Table.Td>
          <Table.Td>{o.destination}</Table.Td>
          <Table.Td>{o.agency ?? ''}</Table.Td>
        </>
      )}
    />
  );
}

/** A recent-records table of a post: title, the records page by page, or a line saying there are none. */
function RecentTable<T extends { id: string }>(props: {
  title: string;
  empty: string;
  testId: string;
  query: { data: { items: T[]; total: number } | undefined; error: unknown; isPending: boolean; isError: boolean; refetch: () => unknown };
  page: number;
  setPage: (page: number) => void;
  headers: string[];
  row: (item: T) => React.ReactNode;
}) {
  return (
    <Stack gap="sm">
      <Title order={2} size="h4">
        {props.title}
      </Title>
      <QueryView query={props.query}>
        {(data) =>
          data.items.length === 0 ? (
            <Text c="dimmed">{props.empty}</Text>
          ) : (
            <>
              <Table.ScrollContainer minWidth={560}>
                <Table striped verticalSpacing="xs" data-testid={props.testId}>
                  <Table.Thead>
                    <Table.Tr>
                      {props.headers.map((h) => (
                        <Table.Th key={h}>{h}</Table.Th>
                      ))}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.items.map((item) => (
                      <Table.Tr key={item.id}>{props.row(item)}</Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              <Pager total={data.total} page={props.page} setPage={props.setPage} />
            </>
          )
        }
      </QueryView>
    </Stack>
  );
}

/** The first two cells of a recent record: date and post, then the traveller's name (Latin, left to right). */
function WhenAndWho({ on, postName, name, language }: { on: string; postName: string; name: string | undefined; language: string }) {
  return (
    <>
      <Table.Td>
        <Text size="sm">{formatDate(on, language)}</Text>
        <Text size="xs" c="dimmed">
          {postName}
        </Text>
      </Table.Td>
      <Table.Td dir="ltr" style={{ textAlign: 'start' }}>
        {name ?? '—'}
      </Table.Td>
    </>
  );
}

export function Pager({ total, page, setPage, pageSize = PAGE_SIZE }: { total: number; page: number; setPage: (p: number) => void; pageSize?: number }) {
  const { t } = useTranslation();
  return (
    <Group justify="space-between">
      <Text size="sm" c="dimmed">
        {t('common.total', { count: total })}
      </Text>
      {total > pageSize && <Pagination total={Math.ceil(total / pageSize)} value={page} onChange={setPage} size="sm" />}
    </Group>
  );
}

// ── deportees ──────────────────────────────────────────────────────────────────────────────────
export function Deportees() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [traveller, setTraveller] = useState<TravellerFields>(emptyTraveller);
  const empty = { deportingCountry: '', reason: '', on: '', travelHistory: '', arrangedBy: '', amountPaidRs: '' as number | string, paidTo: '', route: '', whatHappened: '', assessment: 'none' as Assessment, referToAtu: false };
  const [form, setForm] = useState(empty);
  const [saved, setSaved] = useState<DeporteeSaved | null>(null);
  const save = useMutation({
    mutationFn: () => {
      const interview = {
        ...(opt(form.arrangedBy) ? { arrangedBy: form.arrangedBy.trim() } : {}),
        ...(typeof form.amountPaidRs === 'number' ? { amountPaidRs: form.amountPaidRs } : {}),
        ...(opt(form.paidTo) ? { paidTo: form.paidTo.trim() } : {}),
        ...(opt(form.route) ? { route: form.route.trim() } : {}),
        ...(opt(form.whatHappened) ? { whatHappened: form.whatHappened.trim() } : {}),
      };
      return travellerApi.deportee({
        ...travellerBody(traveller),
        ...(opt(form.on) ? { on: form.on.trim() } : {}),
        deportingCountry: form.deportingCountry.trim(),
        reason: form.reason.trim(),
        travelHistory: form.travelHistory
          .split(/[,;\n]/)
          .map((c) => c.trim())
          .filter(Boolean)
          .map((country) => ({ country })),
        ...(Object.keys(interview).length ? { interview } : {}),
        assessment: form.assessment,
        referToAtu: form.assessment !== 'none' && form.referToAtu,
      });
    },
    onSuccess: (r) => {
      notifications.show({ color: 'green', message: t('screening.deportee.saved') });
      setSaved(r);
      setTraveller(emptyTraveller);
      setForm(empty);
      void qc.invalidateQueries({ queryKey: ['screening', 'deportees'] });
      void qc.invalidateQueries({ queryKey: ['screening', 'referrals'] });
    },
  });
  const errors = fieldErrors(save.error);
  const set = (k: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => setForm({ ...form, [k]: e.currentTarget.value });

  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, lg: 6 }}>
        <Card withBorder padding="md" radius="md">
          <form
            onSubmit={(e) => {
              e.preventDefault();
              setSaved(null);
              save.mutate();
            }}
          >
            <Stack gap="sm">
              <Title order={2} size="h4">
                {t('screening.deportee.title')}
              </Title>
              <Text size="sm" c="dimmed">
                {t('screening.deportee.intro')}
              </Text>
              {saved && (
                <Alert color="green" variant="light" data-testid="deportee-saved">
                  {t('screening.deportee.saved')} {saved.referralId && saved.atu ? t('screening.deportee.referredTo', { atu: saved.atu.name, ref: saved.caseRef ?? '' }) : ''}
                </Alert>
              )}
              <TravellerInputs value={traveller} onChange={setTraveller} errors={errors} />
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                <TextInput label={t('screening.deportee.country')} value={form.deportingCountry} onChange={set('deportingCountry')} required error={errors.deportingCountry} />
                <TextInput label={t('screening.deportee.arrivedOn')} value={form.on} onChange={set('on')} placeholder="YYYY-MM-DD" dir="ltr" error={errors.on} />
              </SimpleGrid>
              <TextInput label={t('screening.deportee.reason')} value={form.reason} onChange={set('reason')} required error={errors.reason} />
              <TextInput label={t('screening.deportee.travelHistory')} description={t('screening.deportee.travelHistoryHint')} value={form.travelHistory} onChange={set('travelHistory')} error={errors.travelHistory} />
              <Card withBorder padding="sm" radius="sm" component="fieldset">
                <Text component="legend" fw={600} px={4}>
                  {t('screening.deportee.interview')}
                </Text>
                <Stack gap="sm">
                  <TextInput label={t('screening.deportee.arrangedBy')} value={form.arrangedBy} onChange={set('arrangedBy')} />
                  <NumberInput label={t('screening.deportee.amountPaid')} value={form.amountPaidRs} onChange={(v) => setForm({ ...form, amountPaidRs: v })} min={0} thousandSeparator="," dir="ltr" error={errors.interview} />
                  <TextInput label={t('screening.deportee.paidTo')} value={form.paidTo} onChange={set('paidTo')} />
                  <TextInput label={t('screening.deportee.route')} value={form.route} onChange={set('route')} />
                  <Textarea label={t('screening.deportee.whatHappened')} value={form.whatHappened} onChange={set('whatHappened')} autosize minRows={3} />
                </Stack>
              </Card>
              <Radio.Group label={t('screening.deportee.assessment')} value={form.assessment} onChange={(v) => setForm({ ...form, assessment: v as Assessment, referToAtu: v !== 'none' })} error={errors.assessment}>
                <Group gap="lg" mt={4}>
                  <Radio value="none" label={t('screening.deportee.assessmentNone')} />
                  <Radio value="suspected-victim" label={t('screening.deportee.suspectedVictim')} color="red" />
                  <Radio value="smuggled-migrant" label={t('screening.deportee.smuggledMigrant')} color="orange" />
                </Group>
              </Radio.Group>
              <Checkbox label={t('screening.deportee.referToAtu')} description={t('screening.deportee.referHint')} checked={form.referToAtu} disabled={form.assessment === 'none'} onChange={(e) => setForm({ ...form, referToAtu: e.currentTarget.checked })} />
              {save.isError && Object.keys(errors).length === 0 && <ErrorNotice error={save.error} />}
              {save.isError && Object.keys(errors).length > 0 && (
                <Alert color="red" variant="light">
                  {errorMessage(save.error)}
                </Alert>
              )}
              <Group>
                <Button type="submit" loading={save.isPending}>
                  {t('screening.deportee.save')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Card>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 6 }}>
        <RecentDeportees />
      </Grid.Col>
    </Grid>
  );
}

function RecentDeportees() {
  const { t, i18n } = useTranslation();
  const [page, setPage] = useState(1);
  return (
    <RecentTable
      title={t('screening.deportee.recent')}
      empty={t('screening.deportee.empty')}
      testId="deportees"
      query={useDeportees(page, PAGE_SIZE)}
      page={page}
      setPage={setPage}
      headers={[t('screening.traveller.when'), t('screening.traveller.name'), t('screening.deportee.country'), t('screening.deportee.reason'), t('screening.deportee.flags')]}
      row={(d) => (
        <>
          <WhenAndWho on={d.on} postName={d.postName} name={d.traveller?.name} language={i18n.language} />
          <Table.Td>{d.deportingCountry}</Table.Td>
          <Table.Td>{d.reason}</Table.Td>
          <Table.Td>
            <Group gap={4}>
              {d.assessment === 'suspected-victim' && (
                <Badge size="sm" color="red" variant="light">
                  {t('screening.deportee.suspectedVictim')}
                </Badge>
              )}
              {d.assessment === 'smuggled-migrant' && (
                <Badge size="sm" color="orange" variant="light">
                  {t('screening.deportee.smuggledMigrant')}
                </Badge>
              )}
              {d.referralId && (
                <Badge size="sm" color="blue" variant="light">
                  {t('screening.deportee.referred')}
                </Badge>
              )}
            </Group>
          </Table.Td>
        </>
      )}
    />
  );
}
