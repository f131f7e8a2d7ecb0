// The live queue: contacts waiting or being handled, most urgent and oldest first, pushed by the
// server (Server-Sent Events), never polled. Claim, release, open.
import { Alert, Anchor, Button, Card, Checkbox, Group, Stack, Text } from '@mantine/core';
import { useInterval } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ErrorNotice, errorMessage, Loading } from '../lib/feedback';
import { useSignedIn } from '../lib/session';
import { helplineApi, useQueue, useQueueStream, type Contact } from './api';
import { ChannelIcon, Classification, LiveIndicator, StatusBadge, UrgencyBadge } from './components';
import { age, URGENCY_RANK, useLabel } from './labels';
import { NewContact } from './NewContact';

export const byUrgencyAndAge = (a: Contact, b: Contact) =>
  (URGENCY_RANK[a.urgency] ?? 9) - (URGENCY_RANK[b.urgency] ?? 9) || new Date(a.receivedAt).getTime() - new Date(b.receivedAt).getTime();

export function Queue() {
  const { t, i18n } = useTranslation();
  const { user } = useSignedIn();
  const [mine, setMine] = useState(false);
  const stream = useQueueStream();
  const queue = useQueue(mine);
  const qc = useQueryClient();
  const navigate = useNavigate();
  const label = useLabel();
  const [now, setNow] = useState(Date.now());
  useInterval(() => setNow(Date.now()), 30_000, { autoInvoke: true });
  const claim = useMutation({
    mutationFn: helplineApi.claim,
    onSuccess: (c) => {
      void qc.invalidateQueries({ queryKey: ['helpline'] });
      void navigate(`/helpline/contacts/${c.id}`);
    },
  });
  const release = useMutation({ mutationFn: helplineApi.release, onSuccess: () => void qc.invalidateQueries({ queryKey: ['helpline'] }) });
  const failure = claim.error ?? release.error;

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <Group gap="lg">
          <LiveIndicator state={stream} />
          <Checkbox label={t('helpline.mine')} checked={mine} onChange={(e) => setMine(e.currentTarget.checked)} />
        </Group>
        <NewContact />
      </Group>
      <Text size="sm" c="dimmed">
        {t('helpline.liveHint')}
      </Text>
      {failure && (
        <Alert color="red" variant="light" role="alert">
          {errorMessage(failure)}
        </Alert>
      )}
      {queue.isPending ? (
        <Loading />
      ) : queue.isError ? (
        <ErrorNotice error={queue.error} onRetry={() => void queue.refetch()} />
      ) : queue.data.items.length === 0 ? (
        <Text c="dimmed" ta="center" py="xl">
          {t('helpline.queueEmpty')}
        </Text>
      ) : (
        <Stack gap="xs" data-testid="queue">
          {[...queue.data.items].sort(byUrgencyAndAge).map((c) => (
            <Card key={c.id} withBorder padding="sm" data-testid="queue-row" data-contact={c.id} data-ref={c.ref}>
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Group gap="sm" wrap="nowrap" align="flex-start" style={{ minWidth: 0 }}>
                  <ChannelIcon channel={c.channel} />
                  <Stack gap={4} style={{ minWidth: 0 }}>
                    <Group gap="xs">
                      <Anchor component={Link} to={`/helpline/contacts/${c.id}`} fw={600} dir="ltr">
                        {c.ref}
                      </Anchor>
                      <UrgencyBadge urgency={c.urgency} />
                      <StatusBadge status={c.status} />
                      {c.abandoned && <Text size="xs" c="red">{t('helpline.abandoned')}</Text>}
                    </Group>
                    <Text size="sm" lineClamp={2}>
                      {c.summary}
                    </Text>
                    <Group gap="xs">
                      <Classification ids={c.classification} />
                      <Text size="xs" c="dimmed">
                        {[c.district, c.province].filter(Boolean).join(', ')} · {label('channels', c.channel)} · {t('helpline.waitingFor', { time: age(now - new Date(c.receivedAt).getTime(), i18n.language) })}
                      </Text>
                    </Group>
                    <Text size="xs" c="dimmed">
                      {c.assignedTo ? t('helpline.handledBy', { name: c.assignedTo.name }) : t('helpline.unassigned')}
                    </Text>
                  </Stack>
                </Group>
                <Stack gap={6} align="flex-end">
                  {c.status === 'queued' && c.abilities.claim && (
                    <Button size="xs" onClick={() => claim.mutate(c.id)} loading={claim.isPending && claim.variables === c.id}>
                      {t('helpline.claim')}
                    </Button>
                  )}
                  {c.assignedTo?.id === user.id && c.status === 'active' && (
                    <Button size="xs" variant="default" onClick={() => release.mutate(c.id)} loading={release.isPending && release.variables === c.id}>
                      {t('helpline.release')}
                    </Button>
                  )}
                  <Button size="xs" variant="subtle" component={Link} to={`/helpline/contacts/${c.id}`}>
                    {t('helpline.open')}
                  </Button>
                </Stack>
              </Group>
            </Card>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
