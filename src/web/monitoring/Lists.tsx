// The Cell's lists: overdue deadlines (oldest first, with the legal basis in the current
// language) and proclaimed offenders / absconders.
import { Anchor, Badge, Group, Pagination, Select, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { StageBadge } from '../cases/Register';
import { useLang } from '../cases/labels';
import { ErrorNotice, Loading } from '../lib/feedback';
import { formatDate } from '../lib/format';
import { useOverdue, useProclaimed, type MonitoringFilters } from './api';

const PAGE_SIZE = 25;
export const DEADLINE_KINDS = ['s173-report', 's173-interim-report', 'remand-expiry', 'next-hearing', 'proclamation-appearance'] as const;

function Paging({ total, page, onPage }: { total: number; page: number; onPage: (p: number) => void }) {
  const { t } = useTranslation();
  return (
    <Group justify="space-between">
      <Text size="sm" c="dimmed">
        {t('common.total', { count: total })}
      </Text>
      <Pagination total={Math.max(1, Math.ceil(total / PAGE_SIZE))} value={page} onChange={onPage} size="sm" aria-label={t('pagination.label')} />
    </Group>
  );
}

const CaseLink = ({ id, label }: { id: string; label: string }) => (
  <Anchor component={Link} to={`/cases/${id}`} dir="ltr" className="hz-mono" fw={600}>
    {label}
  </Anchor>
);

export function OverdueList({ filters }: { filters: MonitoringFilters }) {
  const { t, i18n } = useTranslation();
  const lang = useLang();
  const [page, setPage] = useState(1);
  const [kind, setKind] = useState<string | null>(null);
  const q = useOverdue({ ...filters, page, pageSize: PAGE_SIZE, kind: kind ?? undefined });
  return (
    <Stack gap="sm">
      <Select
        label={t('monitoring.kind')}
        placeholder={t('common.all')}
        data={DEADLINE_KINDS.map((k) => ({ value: k, label: t(`monitoring.kinds.${k}`) }))}
        value={kind}
        onChange={(v) => {
          setKind(v);
          setPage(1);
        }}
        clearable
        w={{ base: '100%', sm: 300 }}
      />
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <ErrorNotice error={q.error} onRetry={() => void q.refetch()} />
      ) : q.data.items.length === 0 ? (
        <Text c="dimmed">{t('monitoring.noOverdue')}</Text>
      ) : (
        <>
          <Table.ScrollContainer minWidth={820}>
            <Table striped aria-label={t('monitoring.tabs.overdue')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('cases.register.ref')}</Table.Th>
                  <Table.Th>{t('monitoring.atu')}</Table.Th>
                  <Table.Th>{t('monitoring.kind')}</Table.Th>
                  <Table.Th>{t('monitoring.due')}</Table.Th>
                  <Table.Th>{t('monitoring.basis')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {q.data.items.map((r, i) => (
                  <Table.Tr key={`${r.caseId}-${r.kind}-${i}`} data-testid="overdue-row">
                    <Table.Td>
                      <CaseLink id={r.caseId} label={r.ref} />
                      <StageBadge stage={r.stage} />
                    </Table.Td>
                    <Table.Td>{r.unitName}</Table.Td>
                    <Table.Td>{t(`monitoring.kinds.${r.kind as 's173-report'}`, { defaultValue: r.kind })}</Table.Td>
                    <Table.Td>
                      {formatDate(r.due, i18n.language)}
                      <Badge color="red" ms={6}>
                        {t('monitoring.daysOverdue', { count: r.daysOverdue })}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{lang === 'ur' ? r.basisUr : r.basis}</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Paging total={q.data.total} page={page} onPage={setPage} />
        </>
      )}
    </Stack>
  );
}

export function ProclaimedList({ filters }: { filters: MonitoringFilters }) {
  const { t, i18n } = useTranslation();
  const [page, setPage] = useState(1);
  const q = useProclaimed({ ...filters, page, pageSize: PAGE_SIZE });
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorNotice error={q.error} onRetry={() => void q.refetch()} />;
  if (q.data.items.length === 0) return <Text c="dimmed">{t('monitoring.noProclaimed')}</Text>;
  return (
    <Stack gap="sm">
      <Table.ScrollContainer minWidth={820}>
        <Table striped aria-label={t('monitoring.tabs.proclaimed')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('monitoring.accused')}</Table.Th>
              <Table.Th>{t('cases.register.ref')}</Table.Th>
              <Table.Th>{t('monitoring.atu')}</Table.Th>
              <Table.Th>{t('monitoring.status')}</Table.Th>
              <Table.Th>{t('cases.new.charges')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {q.data.items.map((r) => (
              <Table.Tr key={r.partyId} data-testid="po-row">
                <Table.Td>
                  <Text fw={500}>{r.name ?? r.personRef}</Text>
                </Table.Td>
                <Table.Td>
                  <CaseLink id={r.caseId} label={r.ref} />
                </Table.Td>
                <Table.Td>{r.unitName}</Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {r.proclaimedOffender && <Badge color="red">{t('cases.people.po')}</Badge>}
                    {r.absconding && (
                      <Badge color="red" variant="outline">
                        {t('cases.people.absconding')}
                      </Badge>
                    )}
                  </Group>
                  {r.proclamationPublishedOn && (
                    <Text size="xs" c="dimmed">
                      {t('monitoring.proclaimedOn', { date: formatDate(r.proclamationPublishedOn, i18n.language) })}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm" dir="ltr">
                    {r.charges.map((c) => c.offence).join(', ')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Paging total={q.data.total} page={page} onPage={setPage} />
    </Stack>
  );
}
