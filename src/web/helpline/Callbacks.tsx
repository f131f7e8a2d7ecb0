// Callbacks to make (abandoned calls and follow-ups), soonest first; "check before calling" when
// the caller's safety is not known.
import { Anchor, Badge, Button, Card, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorNotice, Loading } from '../lib/feedback';
import { formatDateTime } from '../lib/format';
import { helplineApi, useCallbacks } from './api';
import { ChannelIcon } from './components';

export function Callbacks() {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState('pending');
  const list = useCallbacks(status);
  const qc = useQueryClient();
  const complete = useMutation({ mutationFn: (x: { id: string; outcome: 'done' | 'cancelled' }) => helplineApi.completeCallback(x.id, x.outcome), onSuccess: () => void qc.invalidateQueries({ queryKey: ['helpline', 'callbacks'] }) });
  return (
    <Stack gap="md">
      <SegmentedControl value={status} onChange={setStatus} data={['pending', 'done', 'cancelled'].map((s) => ({ value: s, label: s === 'pending' ? t('helpline.supervision.callbacksDue') : s === 'done' ? t('helpline.callbackDone') : t('helpline.callbackCancel') }))} w="fit-content" />
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <Text c="dimmed">{t('helpline.noCallbacks')}</Text>
      ) : (
        list.data.items.map((cb) => (
          <Card key={cb.id} withBorder padding="sm">
            <Group justify="space-between" wrap="wrap">
              <Group gap="sm">
                <ChannelIcon channel={cb.contact.channel} />
                <Stack gap={2}>
                  <Anchor component={Link} to={`/helpline/contacts/${cb.contactId}`} dir="ltr">
                    {cb.contact.ref}
                  </Anchor>
                  <Text size="sm">
                    {formatDateTime(cb.dueAt, i18n.language)} — {cb.reason}
                  </Text>
                  {cb.checkBeforeCalling && (
                    <Badge color="orange" size="sm">
                      {t('helpline.checkBeforeCalling')}
                    </Badge>
                  )}
                </Stack>
              </Group>
              {cb.status === 'pending' && (
                <Group gap={4}>
                  <Button size="xs" variant="light" onClick={() => complete.mutate({ id: cb.id, outcome: 'done' })}>
                    {t('helpline.callbackDone')}
                  </Button>
                  <Button size="xs" variant="subtle" color="gray" onClick={() => complete.mutate({ id: cb.id, outcome: 'cancelled' })}>
                    {t('helpline.callbackCancel')}
                  </Button>
                </Group>
              )}
            </Group>
          </Card>
        ))
      )}
    </Stack>
  );
}
