// The case register: filters (kept in the address so a filtered view can be shared), a paged
// table, and exports of the same filters.
import { Anchor, Badge, Button, Checkbox, Group, Pagination, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { IconFileSpreadsheet, IconFileTypeCsv, IconFilter, IconPlus, IconSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { CASE_STAGES } from '../../domain/taxonomies';
import { useUnits } from '../admin/api';
import { withQuery } from '../lib/api';
import { ErrorNotice, Loading } from '../lib/feedback';
import { formatDate, unitName } from '../lib/format';
import { useSignedIn } from '../lib/session';
import { useLaw, useRegister, type RegisterFilters } from './api';
import { offenceLabel, termOptions, useLang, useTerm } from './labels';

const PAGE_SIZE = 25;
const FILTER_KEYS = ['unitId', 'stage', 'statute', 'offence', 'category', 'minAgeDays', 'overdue', 'q', 'mine'] as const;

/** Register filters from the address bar. */
export function filtersFrom(params: URLSearchParams): RegisterFilters {
  const f: RegisterFilters = {};
  for (const k of FILTER_KEYS) {
    const v = params.get(k);
    if (!v) continue;
    if (k === 'minAgeDays') f.minAgeDays = Number(v) || undefined;
    else if (k === 'overdue' || k === 'mine') f[k] = v === 'true' ? 'true' : undefined;
    else f[k] = v;
  }
  return f;
}

/** The filter bar shared by the register and the monitoring dashboard. */
export function RegisterFilterBar({ value, onChange, withMine = false }: { value: RegisterFilters; onChange: (f: RegisterFilters) => void; withMine?: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const law = useLaw();
  const units = useUnits();
  const [q, setQ] = useState(value.q ?? '');
  const [debouncedQ] = useDebouncedValue(q.trim(), 350);
  useEffect(() => {
    const next = debouncedQ.length >= 2 ? debouncedQ : undefined;
    if (next !== value.q) onChange({ ...value, q: next });
    // only the typed text drives this effect
  }, [debouncedQ]);
  const set = (patch: Partial<RegisterFilters>) => onChange({ ...value, ...patch });
  const atus = (units.data ?? []).filter((u) => u.kind === 'atu' || u.kind === 'circle').map((u) => ({ value: u.id, label: unitName(u, lang) }));
  const statutes = (law.data?.statutes ?? []).map((s) => ({ value: s.code, label: s.shortTitle }));
  const offences = (law.data?.offences ?? []).filter((o) => !value.statute || o.statute === value.statute).map((o) => ({ value: o.code, label: offenceLabel(o, lang) }));
  const w = { base: '100%', sm: 200 };
  const phone = useMediaQuery('(max-width: 48em)');
  const [open, setOpen] = useState(false);
  const active = Object.values(value).filter((v) => v !== undefined && v !== '').length;
  if (phone && !open) {
    return (
      <Button variant="default" leftSection={<IconFilter size={16} />} onClick={() => setOpen(true)} aria-expanded={false}>
        {t('cases.filters.show', { count: active })}
      </Button>
    );
  }
  return (
    <Group align="flex-end" gap="sm">
      {phone && (
        <Button variant="subtle" size="xs" onClick={() => setOpen(false)} aria-expanded>
          {t('cases.filters.hide')}
        </Button>
      )}
      <TextInput label={t('cases.filters.q')} placeholder={t('cases.filters.qHint')} leftSection={<IconSearch size={16} />} value={q} onChange={(e) => setQ(e.currentTarget.value)} w={{ base: '100%', sm: 260 }} />
      <Select label={t('cases.filters.atu')} placeholder={t('common.all')} data={atus} value={value.unitId ?? null} onChange={(v) => set({ unitId: v ?? undefined })} searchable clearable w={w} />
      <Select label={t('cases.filters.stage')} placeholder={t('common.all')} data={termOptions(CASE_STAGES, lang)} value={value.stage ?? null} onChange={(v) => set({ stage: v ?? undefined })} clearable w={w} />
      <Select label={t('cases.filters.statute')} placeholder={t('common.all')} data={statutes} value={value.statute ?? null} onChange={(v) => set({ statute: v ?? undefined, offence: undefined })} clearable w={w} />
      <Select label={t('cases.filters.offence')} placeholder={t('common.all')} data={offences} value={value.offence ?? null} onChange={(v) => set({ offence: v ?? undefined })} searchable clearable w={{ base: '100%', sm: 280 }} />
      <Select
        label={t('cases.filters.category')}
        placeholder={t('common.all')}
        data={(['trafficking', 'smuggling', 'both', 'other'] as const).map((c) => ({ value: c, label: t(`cases.categories.${c}`) }))}
        value={value.category ?? null}
        onChange={(v) => set({ category: v ?? undefined })}
        clearable
        w={w}
      />
      <Select
        label={t('cases.filters.age')}
        placeholder={t('common.all')}
        data={[30, 90, 180, 365, 730].map((d) => ({ value: String(d), label: t('cases.filters.olderThan', { count: d }) }))}
        value={value.minAgeDays ? String(value.minAgeDays) : null}
        onChange={(v) => set({ minAgeDays: v ? Number(v) : undefined })}
        clearable
        w={w}
      />
      <Checkbox label={t('cases.filters.overdue')} checked={value.overdue === 'true'} onChange={(e) => set({ overdue: e.currentTarget.checked ? 'true' : undefined })} mb={8} />
      {withMine && <Checkbox label={t('cases.filters.mine')} checked={value.mine === 'true'} onChange={(e) => set({ mine: e.currentTarget.checked ? 'true' : undefined })} mb={8} />}
    </Group>
  );
}

export function StageBadge({ stage }: { stage: string }) {
  const term = useTerm();
  const color = stage === 'closed' ? 'gray' : stage === 'trial' || stage === 'judgment' || stage === 'appeal' ? 'indigo' : stage === 'transferred' ? 'grape' : 'teal';
  return (
    <Badge variant="light" color={color}>
      {term(CASE_STAGES, stage)}
    </Badge>
  );
}

export function Register() {
  const { t, i18n } = useTranslation();
  const { user } = useSignedIn();
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const page = Number(params.get('page')) || 1;
  const list = useRegister({ ...filters, page, pageSize: PAGE_SIZE });
  const canRegister = user.roles.some((r) => r === 'atu-investigator' || r === 'atu-supervisor');
  const setFilters = (f: RegisterFilters) => {
    const next = new URLSearchParams();
    for (const [k, v] of Object.entries(f)) if (v !== undefined && v !== '') next.set(k, String(v));
    setParams(next, { replace: true });
  };
  const setPage = (p: number) => {
    const next = new URLSearchParams(params);
    next.set('page', String(p));
    setParams(next);
  };
  const exportHref = (format: 'xlsx' | 'csv') => withQuery('/api/v1/cases/export', { ...filters, format });

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('cases.register.title')}
        </Title>
        <Group gap="xs">
          <Button component="a" href={exportHref('xlsx')} variant="default" size="sm" leftSection={<IconFileSpreadsheet size={16} />} data-export>
            {t('cases.register.exportXlsx')}
          </Button>
          <Button component="a" href={exportHref('csv')} variant="default" size="sm" leftSection={<IconFileTypeCsv size={16} />}>
            {t('cases.register.exportCsv')}
          </Button>
          {canRegister && (
            <Button component={Link} to="/cases/new" leftSection={<IconPlus size={16} />}>
              {t('cases.register.new')}
            </Button>
          )}
        </Group>
      </Group>
      <RegisterFilterBar value={filters} onChange={setFilters} withMine />
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <>
          <Table.ScrollContainer minWidth={860}>
            <Table striped highlightOnHover aria-busy={list.isFetching} aria-label={t('cases.register.title')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('cases.register.ref')}</Table.Th>
                  <Table.Th>{t('cases.register.caseTitle')}</Table.Th>
                  <Table.Th>{t('cases.register.atu')}</Table.Th>
                  <Table.Th>{t('cases.register.stage')}</Table.Th>
                  <Table.Th>{t('cases.register.statute')}</Table.Th>
                  <Table.Th>{t('cases.register.nextHearing')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.items.map((c) => (
                  <Table.Tr key={c.id} data-testid="case-row">
                    <Table.Td>
                      <Anchor component={Link} to={`/cases/${c.id}`} dir="ltr" className="hz-mono" fw={600}>
                        {c.ref}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {c.title}
                      </Text>
                      <Group gap={4}>
                        <Badge size="sm" variant="outline" color={c.category === 'smuggling' ? 'orange' : 'blue'}>
                          {t(`cases.categories.${c.category as 'trafficking'}`, { defaultValue: c.category })}
                        </Badge>
                        {c.overdue && (
                          <Badge size="sm" color="red">
                            {t('cases.register.overdue')}
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>{c.unitName}</Table.Td>
                    <Table.Td>
                      <StageBadge stage={c.stage} />
                      <Text size="xs" c="dimmed">
                        {t('cases.register.since', { date: formatDate(c.stageSince, i18n.language) })}
                      </Text>
                    </Table.Td>
                    <Table.Td dir="ltr">{c.statute}</Table.Td>
                    <Table.Td>{c.nextHearing ? formatDate(c.nextHearing, i18n.language) : '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {list.data.items.length === 0 && <Text c="dimmed">{t('cases.register.empty')}</Text>}
          <Group justify="space-between">
            <Text size="sm" c="dimmed">
              {t(list.data.totalCapped ? 'common.totalMore' : 'common.total', { count: list.data.total })}
            </Text>
            <Pagination total={Math.max(1, Math.ceil(list.data.total / PAGE_SIZE))} value={page} onChange={setPage} size="sm" aria-label={t('pagination.label')} />
          </Group>
        </>
      )}
    </Stack>
  );
}
