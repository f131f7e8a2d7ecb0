// Watchlists: the lists (kind, instruction, owner, legal basis, expiry), a list's entries (search,
// paging), adding and editing an entry (optimistic concurrency: a 409 reloads the latest), and the
// bulk import (file → preview with per-row errors → commit). Supervisors manage; officers read.
import { Alert, Anchor, Badge, Button, Checkbox, FileInput, Group, Modal, Select, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { IconFileImport, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../lib/api';
import { ErrorNotice, Loading, QueryView } from '../lib/feedback';
import { formatDate } from '../lib/format';
import { useSignedIn } from '../lib/session';
import { fileToBase64, useEntries, useWatchlists, watchlistApi, type EntryInput, type ImportResult, type Watchlist, type WatchlistEntry } from './api';
import { InstructionBadge, isSupervisor, useLabel, useOptions } from './labels';
import { Pager } from './Travellers';

const PAGE_SIZE = 20;
const opt = (s: string) => (s.trim() ? s.trim() : undefined);
const fieldErrors = (e: unknown) => (e instanceof ApiError ? e.fieldErrors() : {});

export function Watchlists() {
  const { t } = useTranslation();
  const { user } = useSignedIn();
  const manage = isSupervisor(user.roles);
  const lists = useWatchlists();
  const [selected, setSelected] = useState<string | null>(null);
  const [editing, setEditing] = useState<Watchlist | 'new' | null>(null);
  const label = useLabel();

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2} size="h3">
          {t('screening.watchlists.title')}
        </Title>
        {manage ? (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
            {t('screening.watchlists.new')}
          </Button>
        ) : (
          <Text size="sm" c="dimmed">
            {t('screening.watchlists.supervisorsOnly')}
          </Text>
        )}
      </Group>
      <QueryView query={lists}>
        {(items) =>
          items.length === 0 ? (
            <Text c="dimmed">{t('screening.watchlists.empty')}</Text>
          ) : (
            <Table.ScrollContainer minWidth={820}>
              <Table striped highlightOnHover verticalSpacing="xs" data-testid="watchlists">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('screening.watchlists.name')}</Table.Th>
                    <Table.Th>{t('screening.watchlists.kind')}</Table.Th>
                    <Table.Th>{t('screening.watchlists.instruction')}</Table.Th>
                    <Table.Th>{t('screening.watchlists.owner')}</Table.Th>
                    <Table.Th>{t('screening.watchlists.legalBasis')}</Table.Th>
                    <Table.Th>{t('screening.watchlists.expiresOn')}</Table.Th>
                    <Table.Th>{t('screening.watchlists.entries')}</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((w) => (
                    <Table.Tr key={w.id} bg={selected === w.id ? 'var(--mantine-color-blue-light)' : undefined}>
                      <Table.Td>
                        <Anchor component="button" type="button" onClick={() => setSelected(w.id)} fw={600}>
                          {w.name}
                        </Anchor>
                        {w.automatic && (
                          <Badge ms={6} size="xs" variant="light">
                            {t('screening.watchlists.fed')}
                          </Badge>
                        )}
                        {!w.active && (
                          <Badge ms={6} size="xs" color="gray">
                            {t('common.inactive')}
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td>{label('kinds', w.kind)}</Table.Td>
                      <Table.Td>
                        <InstructionBadge instruction={w.instruction} size="md" />
                      </Table.Td>
                      <Table.Td>{w.ownerName}</Table.Td>
                      <Table.Td>
                        <Text size="sm" lineClamp={2}>
                          {w.legalBasis}
                        </Text>
                      </Table.Td>
                      <Table.Td>{w.expiresOn ? formatDate(w.expiresOn, 'en') : ''}</Table.Td>
                      <Table.Td dir="ltr">{w.entries ?? ''}</Table.Td>
                      <Table.Td>
                        {w.canManage && (
                          <Button size="compact-sm" variant="subtle" onClick={() => setEditing(w)}>
                            {t('common.edit')}
                          </Button>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </QueryView>
      {selected ? <Entries key={selected} listId={selected} manage={!!lists.data?.find((w) => w.id === selected)?.canManage} /> : <Text c="dimmed">{t('screening.watchlists.select')}</Text>}
      {editing && <WatchlistForm list={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}

function WatchlistForm({ list, onClose }: { list: Watchlist | null; onClose: () => void }) {
  const { t } = useTranslation();
  const options = useOptions();
  const qc = useQueryClient();
  const [f, setF] = useState({ name: list?.name ?? '', kind: list?.kind ?? 'intelligence', instruction: list?.instruction ?? 'refer-to-atu', legalBasis: list?.legalBasis ?? '', expiresOn: list?.expiresOn ?? '', active: list?.active ?? true });
  const save = useMutation({
    mutationFn: () => {
      const body = { name: f.name.trim(), instruction: f.instruction, legalBasis: f.legalBasis.trim(), expiresOn: opt(f.expiresOn) ?? null };
      return list ? watchlistApi.update(list.id, { ...body, active: f.active, version: list.version }) : watchlistApi.create({ ...body, kind: f.kind });
    },
    onSuccess: () => {
      notifications.show({ color: 'green', message: list ? t('screening.watchlists.saved') : t('screening.watchlists.created') });
      void qc.invalidateQueries({ queryKey: ['screening', 'watchlists'] });
      onClose();
    },
    onError: (e) => {
      if (e instanceof ApiError && e.status === 409) void qc.invalidateQueries({ queryKey: ['screening', 'watchlists'] });
    },
  });
  const errors = fieldErrors(save.error);
  const set = (k: keyof typeof f) => (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => setF({ ...f, [k]: e.currentTarget.value });
  return (
    <Modal opened onClose={onClose} title={list ? t('screening.watchlists.edit') : t('screening.watchlists.new')} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack gap="sm">
          <TextInput label={t('screening.watchlists.name')} value={f.name} onChange={set('name')} required error={errors.name} data-autofocus />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Select label={t('screening.watchlists.kind')} data={options('kinds').filter((o) => o.value !== 'proclaimed-offenders-and-accused')} value={f.kind} onChange={(v) => setF({ ...f, kind: v ?? f.kind })} allowDeselect={false} disabled={!!list} error={errors.kind} />
            <Select label={t('screening.watchlists.instruction')} data={options('instruction')} value={f.instruction} onChange={(v) => setF({ ...f, instruction: v ?? f.instruction })} allowDeselect={false} error={errors.instruction} />
          </SimpleGrid>
          <Textarea label={t('screening.watchlists.legalBasis')} value={f.legalBasis} onChange={set('legalBasis')} required autosize minRows={2} error={errors.legalBasis} />
          <TextInput label={t('screening.watchlists.expiresOn')} value={f.expiresOn} onChange={set('expiresOn')} placeholder="YYYY-MM-DD" dir="ltr" error={errors.expiresOn} />
          {list && <Checkbox label={t('screening.watchlists.active')} checked={f.active} onChange={(e) => setF({ ...f, active: e.currentTarget.checked })} />}
          {save.isError && (save.error instanceof ApiError && save.error.status === 409 ? <Alert color="orange">{t('screening.watchlists.conflict')}</Alert> : Object.keys(errors).length === 0 && <ErrorNotice error={save.error} />)}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function Entries({ listId, manage }: { listId: string; manage: boolean }) {
  const { t, i18n } = useTranslation();
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q.trim(), 350);
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<WatchlistEntry | 'new' | null>(null);
  const [importing, setImporting] = useState(false);
  const entries = useEntries(listId, page, PAGE_SIZE);
  // The server pages the list; the search narrows the page on screen (names, document numbers, CNIC).
  const needle = debounced.toLowerCase();
  const shown = (entries.data?.items ?? []).filter((e) => !needle || [...e.names, ...e.documentNumbers, e.cnic ?? ''].some((v) => v.toLowerCase().includes(needle)));
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <TextInput label={t('screening.entries.search')} value={q} onChange={(e) => (setQ(e.currentTarget.value), setPage(1))} w={{ base: '100%', sm: 360 }} />
        {manage && (
          <Group gap="xs">
            <Button leftSection={<IconPlus size={16} />} variant="light" onClick={() => setEditing('new')}>
              {t('screening.entries.add')}
            </Button>
            <Button leftSection={<IconFileImport size={16} />} variant="light" onClick={() => setImporting(true)}>
              {t('screening.import.title')}
            </Button>
          </Group>
        )}
      </Group>
      {entries.isPending ? (
        <Loading />
      ) : entries.isError ? (
        <ErrorNotice error={entries.error} onRetry={() => void entries.refetch()} />
      ) : shown.length === 0 ? (
        <Text c="dimmed">{t('screening.entries.empty')}</Text>
      ) : (
        <>
          <Table.ScrollContainer minWidth={760}>
            <Table striped verticalSpacing="xs" data-testid="entries">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('screening.entries.name')}</Table.Th>
                  <Table.Th>{t('screening.entries.dob')}</Table.Th>
                  <Table.Th>{t('screening.entries.nationality')}</Table.Th>
                  <Table.Th>{t('screening.entries.documentNumber')}</Table.Th>
                  <Table.Th>{t('screening.entries.reason')}</Table.Th>
                  <Table.Th>{t('screening.entries.expiresOn')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {shown.map((e) => (
                  <Table.Tr key={e.id} opacity={e.active ? 1 : 0.5} data-testid="entry-row">
                    <Table.Td dir="ltr" style={{ textAlign: 'start' }}>
                      <Text fw={600} size="sm">
                        {e.names[0] ?? ''}
                      </Text>
                      {e.names.length > 1 && (
                        <Text size="xs" c="dimmed">
                          {e.names.slice(1).join(', ')}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td dir="ltr">{e.dateOfBirth ?? ''}</Table.Td>
                    <Table.Td dir="ltr">{e.nationality ?? ''}</Table.Td>
                    <Table.Td dir="ltr" ff="monospace">
                      {[...e.documentNumbers, e.cnic ?? ''].filter(Boolean).join(', ')}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" lineClamp={2}>
                        {e.notes ?? ''}
                      </Text>
                      {e.source === 'cases' ? (
                        <Badge size="xs" variant="light">
                          {t('screening.watchlists.fed')}
                        </Badge>
                      ) : null}
                    </Table.Td>
                    <Table.Td>{e.expiresOn ? formatDate(e.expiresOn, i18n.language) : ''}</Table.Td>
                    <Table.Td>
                      {manage && e.source !== 'cases' && (
                        <Button size="compact-sm" variant="subtle" onClick={() => setEditing(e)}>
                          {t('common.edit')}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Pager total={entries.data.total} page={page} setPage={setPage} pageSize={PAGE_SIZE} />
        </>
      )}
      {editing && <EntryForm listId={listId} entry={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {importing && <ImportDialog listId={listId} onClose={() => setImporting(false)} />}
    </Stack>
  );
}

function EntryForm({ listId, entry, onClose }: { listId: string; entry: WatchlistEntry | null; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const init = (e: WatchlistEntry | null) => ({
    name: e?.names[0] ?? '',
    aliases: e?.names.slice(1).join(', ') ?? '',
    fatherName: e?.fatherName ?? '',
    dateOfBirth: e?.dateOfBirth ?? '',
    nationality: e?.nationality ?? '',
    sex: e?.sex ?? '',
    documentNumbers: e?.documentNumbers.join(', ') ?? '',
    cnic: e?.cnic ?? '',
    notes: e?.notes ?? '',
    expiresOn: e?.expiresOn ?? '',
  });
  const [current, setCurrent] = useState(entry);
  const [f, setF] = useState(() => init(entry));
  const [conflict, setConflict] = useState(false);
  const split = (v: string) =>
    v
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean);
  const body = (): EntryInput => ({
    names: [f.name.trim(), ...split(f.aliases)].filter(Boolean),
    ...(opt(f.fatherName) ? { fatherName: f.fatherName.trim() } : {}),
    ...(opt(f.dateOfBirth) ? { dateOfBirth: f.dateOfBirth.trim() } : {}),
    ...(opt(f.nationality) ? { nationality: f.nationality.trim().toUpperCase() } : {}),
    ...(f.sex === 'M' || f.sex === 'F' ? { sex: f.sex } : {}),
    documentNumbers: split(f.documentNumbers.toUpperCase()),
    ...(opt(f.cnic) ? { cnic: f.cnic.trim() } : {}),
    ...(opt(f.notes) ? { notes: f.notes.trim() } : {}),
    expiresOn: opt(f.expiresOn) ?? null,
  });
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['screening', 'entries', listId] });
    void qc.invalidateQueries({ queryKey: ['screening', 'watchlists'] });
  };
  const save = useMutation({
    mutationFn: (deactivate: boolean) => (current ? watchlistApi.updateEntry(current.id, deactivate ? { version: current.version, active: false } : { ...body(), version: current.version }) : watchlistApi.addEntry(listId, body())),
    onSuccess: () => {
      notifications.show({ color: 'green', message: `${t('screening.watchlists.saved')} ${t('screening.entries.live')}` });
      refresh();
      onClose();
    },
    onError: async (e) => {
      // Stale version: load the latest and let the supervisor make the change again.
      if (e instanceof ApiError && e.status === 409 && current) {
        setConflict(true);
        refresh();
        const latest = await watchlistApi.getEntry(current.id).catch(() => null);
        if (latest) {
          setCurrent(latest);
          setF(init(latest));
        }
      }
    },
  });
  const errors = fieldErrors(save.error);
  const set = (k: keyof typeof f) => (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => setF({ ...f, [k]: e.currentTarget.value });
  return (
    <Modal opened onClose={onClose} title={current ? t('screening.entries.editTitle') : t('screening.entries.addTitle')} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setConflict(false);
          save.mutate(false);
        }}
      >
        <Stack gap="sm">
          {conflict && <Alert color="orange">{t('screening.watchlists.conflict')}</Alert>}
          <TextInput label={t('screening.entries.name')} value={f.name} onChange={set('name')} required dir="ltr" error={errors.name} data-autofocus />
          <TextInput label={t('screening.entries.aliases')} value={f.aliases} onChange={set('aliases')} dir="ltr" error={errors.names} />
          <TextInput label={t('screening.entries.fatherName')} value={f.fatherName} onChange={set('fatherName')} dir="ltr" error={errors.fatherName} />
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <TextInput label={t('screening.entries.dob')} value={f.dateOfBirth} onChange={set('dateOfBirth')} placeholder="YYYY-MM-DD" dir="ltr" error={errors.dateOfBirth} />
            <TextInput label={t('screening.entries.nationality')} value={f.nationality} onChange={set('nationality')} maxLength={3} dir="ltr" error={errors.nationality} />
            <Select label={t('screening.entries.sex')} data={['M', 'F']} value={f.sex || null} onChange={(v) => setF({ ...f, sex: v ?? '' })} clearable error={errors.sex} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput label={t('screening.entries.documentNumber')} value={f.documentNumbers} onChange={set('documentNumbers')} dir="ltr" error={errors.documentNumbers} />
            <TextInput label={t('screening.entries.cnic')} value={f.cnic} onChange={set('cnic')} dir="ltr" error={errors.cnic} />
          </SimpleGrid>
          <Textarea label={t('screening.entries.reason')} value={f.notes} onChange={set('notes')} autosize minRows={2} error={errors.notes} />
          <TextInput label={t('screening.entries.expiresOn')} value={f.expiresOn} onChange={set('expiresOn')} placeholder="YYYY-MM-DD" dir="ltr" error={errors.expiresOn} w={{ base: '100%', sm: 220 }} />
          {save.isError && !conflict && Object.keys(errors).length === 0 && <ErrorNotice error={save.error} />}
          <Group justify="space-between">
            {current ? (
              <Button variant="subtle" color="red" onClick={() => save.mutate(true)} loading={save.isPending && save.variables}>
                {t('screening.entries.remove')}
              </Button>
            ) : (
              <span />
            )}
            <Group>
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={save.isPending && !save.variables}>
                {t('common.save')}
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function ImportDialog({ listId, onClose }: { listId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportResult | null>(null);
  const run = useMutation({
    mutationFn: async (commit: boolean) => {
      if (!file) throw new Error('no file');
      const content = /\.xlsx$/i.test(file.name) ? await fileToBase64(file) : await file.text();
      return { commit, result: await watchlistApi.importEntries(listId, { filename: file.name, content, commit }) };
    },
    onSuccess: ({ commit, result }) => {
      if (!commit) return setPreview(result);
      notifications.show({ color: 'green', message: `${t('screening.import.done', { count: result.created })} ${t('screening.entries.live')}` });
      void qc.invalidateQueries({ queryKey: ['screening', 'entries', listId] });
      void qc.invalidateQueries({ queryKey: ['screening', 'watchlists'] });
      onClose();
    },
  });
  const errorsCount = preview?.withErrors ?? 0;
  return (
    <Modal opened onClose={onClose} title={t('screening.import.title')} size="xl">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('screening.import.hint')}
        </Text>
        <FileInput label={t('screening.import.file')} accept=".csv,.xlsx,.jsonl,.json,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" value={file} onChange={(f) => (setFile(f), setPreview(null))} clearable />
        <Group>
          <Button variant="light" disabled={!file} loading={run.isPending && run.variables === false} onClick={() => run.mutate(false)}>
            {t('screening.import.preview')}
          </Button>
          {preview && preview.ok > 0 && (
            <Button loading={run.isPending && run.variables === true} onClick={() => run.mutate(true)} data-testid="import-commit">
              {t('screening.import.commit', { count: preview.ok })}
            </Button>
          )}
        </Group>
        {run.isError && <ErrorNotice error={run.error} />}
        {preview && (
          <Stack gap="xs" data-testid="import-preview">
            <Text fw={600}>{t('screening.import.rows', { ok: preview.ok, errors: errorsCount })}</Text>
            {preview.errors.length > 0 && (
              <>
                <Text size="sm" c="orange.8">
                  {t('screening.import.fixFirst')}
                </Text>
                <Table.ScrollContainer minWidth={480} mah={320}>
                  <Table striped verticalSpacing={4} fz="sm">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t('screening.import.row')}</Table.Th>
                        <Table.Th>{t('screening.import.field')}</Table.Th>
                        <Table.Th>{t('screening.import.problem')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {preview.errors.map((e, i) => (
                        <Table.Tr key={`${e.row}-${i}`}>
                          <Table.Td dir="ltr">{e.row}</Table.Td>
                          <Table.Td dir="ltr">{e.field ?? ''}</Table.Td>
                          <Table.Td>{e.message}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              </>
            )}
          </Stack>
        )}
      </Stack>
    </Modal>
  );
}
