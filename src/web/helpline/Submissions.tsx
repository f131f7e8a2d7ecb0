// Reports and complaints from the public pages, with their messages; staff reply (the reporter
// reads it with the secret) and set the status.
import { Alert, Anchor, Badge, Button, Card, Code, Group, Pagination, Paper, Select, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { errorMessage, ErrorNotice, Loading, QueryView } from '../lib/feedback';
import { formatDateTime } from '../lib/format';
import { helplineApi, helplineKeys, useSubmission, useSubmissions } from './api';
import { useLabel, useOptions } from './labels';

const PAGE_SIZE = 25;

export function Submissions() {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const options = useOptions();
  const [kind, setKind] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const list = useSubmissions({ kind: kind ?? undefined, status: status ?? undefined, page, pageSize: PAGE_SIZE });
  return (
    <Stack gap="md">
      <Group align="flex-end" wrap="wrap">
        <Select
          label={t('helpline.kind')}
          placeholder={t('common.all')}
          data={(['report', 'complaint'] as const).map((k) => ({ value: k, label: t(`helpline.kinds.${k}`) }))}
          value={kind}
          onChange={(v) => (setKind(v), setPage(1))}
          clearable
          w={{ base: '100%', sm: 180 }}
        />
        <Select label={t('helpline.status')} placeholder={t('common.all')} data={options('submissionStatuses')} value={status} onChange={(v) => (setStatus(v), setPage(1))} clearable w={{ base: '100%', sm: 180 }} />
      </Group>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <Text c="dimmed">{t('helpline.submissionsEmpty')}</Text>
      ) : (
        <>
          <Table.ScrollContainer minWidth={720}>
            <Table striped highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('public.report.reference')}</Table.Th>
                  <Table.Th>{t('helpline.kind')}</Table.Th>
                  <Table.Th>{t('helpline.received')}</Table.Th>
                  <Table.Th>{t('helpline.status')}</Table.Th>
                  <Table.Th>{t('helpline.summary')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.items.map((s) => (
                  <Table.Tr key={s.id} data-testid="submission-row">
                    <Table.Td>
                      <Anchor component={Link} to={`/helpline/submissions/${s.id}`} dir="ltr">
                        {s.reference}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{t(`helpline.kinds.${s.kind}`)}</Table.Td>
                    <Table.Td>{formatDateTime(s.createdAt, i18n.language)}</Table.Td>
                    <Table.Td>
                      <Badge variant="light">{label('submissionStatuses', s.status)}</Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" lineClamp={2}>
                        {s.agency ? `${s.agency}: ` : ''}
                        {s.whatHappened}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Group justify="space-between">
            <Text size="sm" c="dimmed">
              {t('common.total', { count: list.data.total })}
            </Text>
            <Pagination total={Math.max(1, Math.ceil(list.data.total / PAGE_SIZE))} value={page} onChange={setPage} size="sm" />
          </Group>
        </>
      )}
    </Stack>
  );
}

export function SubmissionPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const sub = useSubmission(id);
  const qc = useQueryClient();
  const [body, setBody] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const reply = useMutation({
    mutationFn: (version: number) => helplineApi.reply(id, version, body, status ?? undefined),
    onSuccess: (next) => {
      qc.setQueryData(helplineKeys.submission(id), next);
      setBody('');
      void qc.invalidateQueries({ queryKey: ['helpline', 'submissions'] });
    },
    onError: () => void sub.refetch(),
  });
  return (
    <QueryView query={sub}>
      {(s) => (
        <Stack gap="md">
          <Group gap="sm">
            <Title order={2} size="h3" dir="ltr">
              {s.reference}
            </Title>
            <Badge variant="light">{t(`helpline.kinds.${s.kind}`)}</Badge>
            <Badge>{label('submissionStatuses', s.status)}</Badge>
            {s.contactId && (
              <Anchor component={Link} to={`/helpline/contacts/${s.contactId}`}>
                {t('helpline.openContact')}
              </Anchor>
            )}
          </Group>
          <Text size="sm" c="dimmed">
            {formatDateTime(s.createdAt, i18n.language)} · {label('languages', s.language)}
            {s.wantsContact ? ` · ${t('helpline.wantsContact')}` : ''}
          </Text>
          <Paper withBorder p="md">
            <Title order={3} size="h5" mb="xs">
              {t('helpline.content')}
            </Title>
            {s.agency && (
              <Text>
                <b>{t('helpline.agency')}:</b> {s.agency}
              </Text>
            )}
            <Text style={{ whiteSpace: 'pre-wrap' }}>{s.whatHappened}</Text>
            <Code block mt="sm" dir="ltr">
              {JSON.stringify(s.content, null, 2)}
            </Code>
          </Paper>
          <Title order={3} size="h5">
            {t('helpline.messages')}
          </Title>
          {s.messages.map((m, i) => (
            <Card key={i} withBorder padding="sm" bg={m.from === 'staff' ? 'var(--mantine-color-blue-0)' : undefined}>
              <Text size="xs" c="dimmed">
                {m.from === 'staff' ? t('helpline.fromStaff') : t('helpline.fromReporter')} · {formatDateTime(m.at, i18n.language)}
              </Text>
              <Text style={{ whiteSpace: 'pre-wrap' }}>{m.body}</Text>
            </Card>
          ))}
          <Paper withBorder p="md">
            <Stack gap="sm">
              {reply.isError && (
                <Alert color="red" variant="light" role="alert">
                  {errorMessage(reply.error)}
                </Alert>
              )}
              <Textarea label={t('helpline.replyText')} value={body} onChange={(e) => setBody(e.currentTarget.value)} autosize minRows={3} />
              <Group align="flex-end">
                <Select
                  label={t('helpline.setStatus')}
                  data={(['in-review', 'answered', 'closed'] as const).map((v) => ({ value: v, label: label('submissionStatuses', v) }))}
                  value={status}
                  onChange={setStatus}
                  clearable
                  w={200}
                />
                <Button onClick={() => reply.mutate(s.version)} loading={reply.isPending} disabled={!body.trim()}>
                  {t('helpline.sendReply')}
                </Button>
              </Group>
            </Stack>
          </Paper>
        </Stack>
      )}
    </QueryView>
  );
}
