// A referral: for the receiving organisation only the shared snapshot; accept, decline (reason),
// start, complete (feedback); the sender may withdraw. Overdue answers are flagged.
import { Alert, Badge, Button, Card, Group, Modal, Paper, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError } from '../lib/api';
import { errorMessage, QueryView } from '../lib/feedback';
import { formatDateTime } from '../lib/format';
import { referralKeys, referralsApi, useReferral, type ReferralDetail } from './api';
import { STATUS_COLOR, useRLabel } from './labels';

const show = (v: unknown): string => {
  if (v === null || v === undefined) return '—';
  if (Array.isArray(v)) return v.map(show).join('; ');
  if (typeof v === 'object') return Object.values(v as Record<string, unknown>).filter((x) => x !== null && x !== undefined && x !== '').map(show).join(', ');
  return String(v);
};

function Actions({ r }: { r: ReferralDetail }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [ask, setAsk] = useState<'decline' | 'complete' | null>(null);
  const [text, setText] = useState('');
  const move = useMutation({
    mutationFn: (step: 'accept' | 'decline' | 'start' | 'complete' | 'withdraw') =>
      referralsApi.move(r.id, step, { version: r.version, ...(step === 'decline' ? { reason: text } : {}), ...(step === 'complete' ? { feedback: text } : {}) }),
    onSuccess: () => {
      setAsk(null);
      setText('');
      void qc.invalidateQueries({ queryKey: ['referrals'] });
    },
    onError: (e) => {
      if (e instanceof ApiError && e.status === 409) void qc.invalidateQueries({ queryKey: referralKeys.one(r.id) });
    },
  });
  const respond = r.abilities.respond;
  return (
    <Stack gap="xs">
      {move.isError && (
        <Alert color="red" variant="light" role="alert">
          {move.error instanceof ApiError && move.error.status === 409 ? t('referrals.stale') : errorMessage(move.error)}
        </Alert>
      )}
      <Group gap="xs">
        {respond && r.status === 'sent' && (
          <>
            <Button onClick={() => move.mutate('accept')} loading={move.isPending && move.variables === 'accept'}>
              {t('referrals.accept')}
            </Button>
            <Button color="red" variant="light" onClick={() => setAsk('decline')}>
              {t('referrals.decline')}
            </Button>
          </>
        )}
        {respond && r.status === 'accepted' && (
          <Button onClick={() => move.mutate('start')} loading={move.isPending && move.variables === 'start'}>
            {t('referrals.start')}
          </Button>
        )}
        {respond && (r.status === 'in-progress' || r.status === 'accepted') && (
          <Button color="green" variant={r.status === 'in-progress' ? 'filled' : 'light'} onClick={() => setAsk('complete')}>
            {t('referrals.complete')}
          </Button>
        )}
        {r.abilities.withdraw && (r.status === 'sent' || r.status === 'accepted') && (
          <Button variant="subtle" color="gray" onClick={() => move.mutate('withdraw')}>
            {t('referrals.withdraw')}
          </Button>
        )}
      </Group>
      <Modal opened={ask !== null} onClose={() => setAsk(null)} title={ask === 'decline' ? t('referrals.decline') : t('referrals.complete')}>
        <Stack>
          <Textarea label={ask === 'decline' ? t('referrals.declineReason') : t('referrals.feedback')} value={text} onChange={(e) => setText(e.currentTarget.value)} autosize minRows={3} required />
          <Button onClick={() => ask && move.mutate(ask)} loading={move.isPending} disabled={!text.trim()} color={ask === 'decline' ? 'red' : 'green'}>
            {ask === 'decline' ? t('referrals.decline') : t('referrals.complete')}
          </Button>
        </Stack>
      </Modal>
    </Stack>
  );
}

export function ReferralPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const label = useRLabel();
  const q = useReferral(id);
  return (
    <QueryView query={q}>
      {(r) => (
        <Stack gap="md">
          <Group gap="sm">
            <Title order={2} size="h3" dir="ltr" data-testid="referral-ref">
              {r.ref}
            </Title>
            <Badge color={STATUS_COLOR[r.status] ?? 'gray'} data-testid="referral-status">
              {label('statuses', r.status)}
            </Badge>
            {r.overdue && <Badge color="red">{t('referrals.overdue')}</Badge>}
          </Group>
          <Paper withBorder p="md">
            <Stack gap={4}>
              <Text>
                <b>{t('referrals.from')}:</b> {r.from.name} ({label('sources', r.sourceModule)}) → <b>{t('referrals.to')}:</b> {r.provider.name}
              </Text>
              <Text>
                <b>{t('referrals.service')}:</b> {label('services', r.service)} · <b>{t('referrals.urgency')}:</b> {label('urgencies', r.urgency)}
              </Text>
              <Text>
                <b>{t('referrals.purpose')}:</b> {r.purpose}
              </Text>
              <Text>
                <b>{t('referrals.basis')}:</b> {label('bases', r.basis)}
                {r.exception ? ` — ${label('exceptions', r.exception)}` : ''}
              </Text>
              <Text size="sm" c="dimmed">
                {formatDateTime(r.createdAt, i18n.language)}
                {r.status === 'sent' ? ` · ${t('referrals.respondBy', { date: formatDateTime(r.respondBy, i18n.language) })}` : ''}
              </Text>
              {r.declineReason && <Text c="red">{t('referrals.declined', { reason: r.declineReason })}</Text>}
              {r.feedback && <Text data-testid="referral-feedback">{t('referrals.feedbackGiven', { text: r.feedback })}</Text>}
            </Stack>
          </Paper>
          <Actions r={r} />
          <Card withBorder padding="md" data-testid="shared-snapshot">
            <Title order={3} size="h5">
              {t('referrals.shared')}
            </Title>
            <Text size="xs" c="dimmed" mb="xs">
              {t('referrals.sharedHint')}
            </Text>
            <Table>
              <Table.Tbody>
                {Object.entries(r.shared).map(([k, v]) => (
                  <Table.Tr key={k} data-field={k}>
                    <Table.Th w={200}>{label('shareable', k)}</Table.Th>
                    <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{show(v)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Card>
        </Stack>
      )}
    </QueryView>
  );
}
