// The monthly review worksheet: pick a month, read it per ATU with the cases needing review,
// download it as Excel or PDF.
import { Anchor, Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconFileSpreadsheet, IconFileTypePdf } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CASE_STAGES } from '../../domain/taxonomies';
import { useTerm } from '../cases/labels';
import { QueryView } from '../lib/feedback';
import { formatDate } from '../lib/format';
import { useWorksheet, worksheetUrl, type MonitoringFilters } from './api';

function lastMonth(): string {
  const d = new Date();
  d.setDate(1);
  d.setMonth(d.getMonth() - 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

export function WorksheetView({ filters }: { filters: MonitoringFilters }) {
  const { t, i18n } = useTranslation();
  const term = useTerm();
  const [month, setMonth] = useState(() => {
    const d = new Date();
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
  });
  const q = useWorksheet(month, filters);
  const stage = (s: string) => term(CASE_STAGES, s).replace(/ \(.*\)$/, '');
  return (
    <Stack gap="md">
      <Group align="flex-end" gap="sm">
        <TextInput label={t('monitoring.month')} type="month" value={month} onChange={(e) => setMonth(e.currentTarget.value)} w={200} />
        <Button variant="subtle" size="sm" onClick={() => setMonth(lastMonth())}>
          {t('monitoring.lastMonth')}
        </Button>
        <Button component="a" href={worksheetUrl(month, 'xlsx', filters)} variant="default" leftSection={<IconFileSpreadsheet size={16} />}>
          {t('monitoring.downloadXlsx')}
        </Button>
        <Button component="a" href={worksheetUrl(month, 'pdf', filters)} variant="default" leftSection={<IconFileTypePdf size={16} />}>
          {t('monitoring.downloadPdf')}
        </Button>
      </Group>
      <QueryView query={q}>
        {(w) => (
          <Stack gap="md">
            <Text size="sm" c="dimmed">
              {t('monitoring.asOf', { date: formatDate(w.asOf, i18n.language) })}
            </Text>
            {w.atus.length === 0 ? (
              <Text c="dimmed">{t('monitoring.noData')}</Text>
            ) : (
              <Table.ScrollContainer minWidth={1000}>
                <Table striped withTableBorder withColumnBorders aria-label={t('monitoring.tabs.worksheet')} data-testid="worksheet">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('monitoring.atu')}</Table.Th>
                      <Table.Th>{t('monitoring.newCases')}</Table.Th>
                      <Table.Th>{t('monitoring.firs')}</Table.Th>
                      <Table.Th>{t('monitoring.challans')}</Table.Th>
                      <Table.Th>{t('monitoring.convicted')}</Table.Th>
                      <Table.Th>{t('monitoring.acquitted')}</Table.Th>
                      {w.stages.map((s) => (
                        <Table.Th key={s}>{stage(s)}</Table.Th>
                      ))}
                      <Table.Th>{t('monitoring.overdueDeadlines')}</Table.Th>
                      <Table.Th>{t('monitoring.adjourned3')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {w.atus.map((r) => (
                      <Table.Tr key={r.unitId}>
                        <Table.Td>{r.unitName}</Table.Td>
                        <Table.Td>{r.newCases}</Table.Td>
                        <Table.Td>{r.firs}</Table.Td>
                        <Table.Td>{r.challans}</Table.Td>
                        <Table.Td>{r.convicted}</Table.Td>
                        <Table.Td>{r.acquitted}</Table.Td>
                        {w.stages.map((s) => (
                          <Table.Td key={s}>{r.pending[s] ?? 0}</Table.Td>
                        ))}
                        <Table.Td c={r.overdueDeadlines ? 'red' : undefined}>{r.overdueDeadlines}</Table.Td>
                        <Table.Td>{r.adjourned3}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
            <Title order={2} size="h4">
              {t('monitoring.review')}
            </Title>
            {w.review.length === 0 ? (
              <Text c="dimmed">{t('monitoring.noReview')}</Text>
            ) : (
              <Table.ScrollContainer minWidth={700}>
                <Table striped>
                  <Table.Tbody>
                    {w.review.map((r, i) => (
                      <Table.Tr key={`${r.caseId}-${r.reason}-${i}`}>
                        <Table.Td>
                          <Anchor component={Link} to={`/cases/${r.caseId}`} dir="ltr" className="hz-mono">
                            {r.ref}
                          </Anchor>
                        </Table.Td>
                        <Table.Td>{r.unitName}</Table.Td>
                        <Table.Td>{t(`monitoring.reasons.${r.reason}`)}</Table.Td>
                        <Table.Td>
                          <Text size="sm" dir="ltr">
                            {r.detail}
                          </Text>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </Stack>
        )}
      </QueryView>
    </Stack>
  );
}
