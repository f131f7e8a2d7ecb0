// Import of legacy registers: upload an Excel or CSV file → a preview of every row with its
// errors → commit, offered only when every row is clean (the server commits all or nothing).
import { Alert, Anchor, Badge, Button, FileInput, Group, List, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconDownload, IconUpload } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CASE_STAGES } from '../../domain/taxonomies';
import { useTerm } from '../cases/labels';
import { fileToBase64 } from '../cases/work-api';
import { errorMessage } from '../lib/feedback';
import { formatDate } from '../lib/format';
import { monitoringApi, templateUrl, type ImportResult } from './api';

export function ImportView() {
  const { t, i18n } = useTranslation();
  const term = useTerm();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const run = useMutation({
    mutationFn: async (commit: boolean) => {
      if (!file) throw new Error(t('monitoring.import.choose'));
      return monitoringApi.importRegister({ filename: file.name, contentBase64: await fileToBase64(file), commit });
    },
    onSuccess: (r) => {
      setResult(r);
      if (r.committed) {
        notifications.show({ color: 'teal', message: t('monitoring.import.done', { count: r.created.length }) });
        void qc.invalidateQueries({ queryKey: ['cases'] });
        void qc.invalidateQueries({ queryKey: ['monitoring'] });
      }
    },
  });
  const clean = !!result && !result.committed && result.withErrors === 0 && result.ok > 0;
  return (
    <Stack gap="md">
      <Text size="sm">{t('monitoring.import.intro')}</Text>
      <Group gap="xs">
        <Anchor href={templateUrl('xlsx')} size="sm">
          <IconDownload size={14} /> {t('monitoring.import.templateXlsx')}
        </Anchor>
        <Anchor href={templateUrl('csv')} size="sm">
          <IconDownload size={14} /> {t('monitoring.import.templateCsv')}
        </Anchor>
      </Group>
      <Group align="flex-end" gap="sm">
        <FileInput
          label={t('monitoring.import.file')}
          placeholder={t('monitoring.import.choose')}
          accept=".xlsx,.csv"
          value={file}
          onChange={(f) => {
            setFile(f);
            setResult(null);
          }}
          clearable
          w={{ base: '100%', sm: 360 }}
        />
        <Button leftSection={<IconUpload size={16} />} onClick={() => run.mutate(false)} loading={run.isPending && run.variables === false} disabled={!file}>
          {t('monitoring.import.preview')}
        </Button>
        <Button color="teal" leftSection={<IconCheck size={16} />} onClick={() => run.mutate(true)} loading={run.isPending && run.variables === true} disabled={!clean}>
          {t('monitoring.import.commit')}
        </Button>
      </Group>
      {run.isError && (
        <Alert color="red" role="alert">
          {errorMessage(run.error)}
        </Alert>
      )}
      {result && (
        <Stack gap="sm">
          {result.committed ? (
            <Alert color="teal">
              <Text size="sm">{t('monitoring.import.done', { count: result.created.length })}</Text>
              <Group gap={6} mt={4}>
                {result.created.map((c) => (
                  <Anchor key={c.id} component={Link} to={`/cases/${c.id}`} dir="ltr" className="hz-mono">
                    {c.ref}
                  </Anchor>
                ))}
              </Group>
            </Alert>
          ) : (
            <Alert color={result.withErrors ? 'orange' : 'teal'} data-testid="import-summary">
              {t('monitoring.import.summary', { ok: result.ok, bad: result.withErrors })} {result.withErrors ? t('monitoring.import.fix') : t('monitoring.import.ready')}
            </Alert>
          )}
          {result.errors.length > 0 && (
            <List size="sm" c="red">
              {result.errors.map((e, i) => (
                <List.Item key={i}>{e.message}</List.Item>
              ))}
            </List>
          )}
          {!result.committed && (
            <Table.ScrollContainer minWidth={900}>
              <Table striped withTableBorder aria-label={t('monitoring.import.preview')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('monitoring.import.row')}</Table.Th>
                    <Table.Th>{t('monitoring.import.legacyRef')}</Table.Th>
                    <Table.Th>{t('cases.register.caseTitle')}</Table.Th>
                    <Table.Th>{t('cases.register.statute')}</Table.Th>
                    <Table.Th>{t('cases.register.stage')}</Table.Th>
                    <Table.Th>{t('monitoring.import.received')}</Table.Th>
                    <Table.Th>{t('monitoring.import.people')}</Table.Th>
                    <Table.Th>{t('monitoring.import.problems')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {result.rows.map((r) => (
                    <Table.Tr key={r.row} bg={r.ok ? undefined : 'var(--mantine-color-red-0)'} data-testid="import-row">
                      <Table.Td>{r.row}</Table.Td>
                      <Table.Td dir="ltr">{r.case?.legacyRef}</Table.Td>
                      <Table.Td>{r.case?.title}</Table.Td>
                      <Table.Td dir="ltr">{r.case?.statute}</Table.Td>
                      <Table.Td>{r.case ? term(CASE_STAGES, r.case.stage) : ''}</Table.Td>
                      <Table.Td>{formatDate(r.case?.receivedOn, i18n.language)}</Table.Td>
                      <Table.Td>
                        <Text size="xs">{[r.case?.victim?.name, ...(r.case?.accused ?? []).map((a) => `${a.name} (${a.charges.join(', ')})`)].filter(Boolean).join('; ')}</Text>
                      </Table.Td>
                      <Table.Td>
                        {r.ok ? (
                          <Badge color="teal">{t('monitoring.import.ok')}</Badge>
                        ) : (
                          <Stack gap={2}>
                            {r.errors.map((e, i) => (
                              <Text key={i} size="xs" c="red">
                                {e.column ? `${e.column}: ` : ''}
                                {e.message}
                              </Text>
                            ))}
                          </Stack>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Stack>
      )}
    </Stack>
  );
}
