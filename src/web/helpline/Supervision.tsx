// Supervisor view: who handles what, what waits, callbacks pending, hand-offs unacknowledged and
// overdue — kept current by the same event stream as the queue.
import { Anchor, Badge, Card, Checkbox, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorNotice, Loading, QueryView } from '../lib/feedback';
import { formatDateTime } from '../lib/format';
import { useHandoffs, useQueueStream, useSupervision, type Contact } from './api';
import { ChannelIcon, LiveIndicator, StatusBadge, UrgencyBadge } from './components';
import { byUrgencyAndAge } from './Queue';
import { useLabel } from './labels';

function Stat({ label, value, color, testId }: { label: string; value: number; color?: string; testId: string }) {
  return (
    <Card withBorder padding="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fz={28} fw={700} c={value > 0 ? color : undefined} data-testid={testId}>
        {value}
      </Text>
    </Card>
  );
}

function ContactLine({ c }: { c: Contact }) {
  return (
    <Group gap="xs" wrap="nowrap">
      <ChannelIcon channel={c.channel} />
      <Anchor component={Link} to={`/helpline/contacts/${c.id}`} size="sm" dir="ltr">
        {c.ref}
      </Anchor>
      <UrgencyBadge urgency={c.urgency} />
      <StatusBadge status={c.status} />
    </Group>
  );
}

function Handoffs() {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const [open, setOpen] = useState(true);
  const list = useHandoffs(open);
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Title order={3} size="h5">
          {t('helpline.supervision.handoffs')}
        </Title>
        <Checkbox label={t('helpline.supervision.openOnly')} checked={open} onChange={(e) => setOpen(e.currentTarget.checked)} />
      </Group>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorNotice error={list.error} />
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table>
            <Table.Tbody>
              {list.data.items.map((h) => (
                <Table.Tr key={h.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/helpline/contacts/${h.contactId}`} dir="ltr">
                      {h.contactRef}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{h.unit.name}</Table.Td>
                  <Table.Td>
                    <UrgencyBadge urgency={h.urgency} />
                  </Table.Td>
                  <Table.Td>{h.classification.map((c) => label('classifications', c)).join(', ')}</Table.Td>
                  <Table.Td>
                    {h.acknowledgedAt ? (
                      <Badge color="green" variant="light">
                        {t('helpline.acknowledgedAt', { date: formatDateTime(h.acknowledgedAt, i18n.language) })}
                      </Badge>
                    ) : (
                      <Badge color={h.overdue ? 'red' : 'gray'} variant="light">
                        {h.overdue ? t('helpline.overdue') : t('helpline.acknowledgeBy', { date: formatDateTime(h.dueAt, i18n.language) })}
                      </Badge>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

export function SupervisionPage() {
  const { t } = useTranslation();
  const stream = useQueueStream();
  const sup = useSupervision();
  return (
    <QueryView query={sup}>
      {(s) => (
        <Stack gap="md">
          <LiveIndicator state={stream} />
          <SimpleGrid cols={{ base: 2, sm: 4 }}>
            <Stat label={t('helpline.supervision.waiting')} value={s.waiting.length} color="orange" testId="sup-waiting" />
            <Stat label={t('helpline.supervision.callbacksDue')} value={s.pendingCallbacks} color="blue" testId="sup-callbacks" />
            <Stat label={t('helpline.supervision.unacknowledged')} value={s.unacknowledgedHandoffs} color="grape" testId="sup-unack" />
            <Stat label={t('helpline.supervision.overdueHandoffs')} value={s.overdueHandoffs} color="red" testId="sup-overdue" />
          </SimpleGrid>
          <Title order={3} size="h5">
            {t('helpline.supervision.operators')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
            {s.operators.map((o) => (
              <Card key={o.id} withBorder padding="sm" data-testid="operator-card">
                <Text fw={600}>{o.name}</Text>
                <Text size="xs" c="dimmed" dir="ltr">
                  {o.username}
                </Text>
                <Stack gap={4} mt="xs">
                  {o.contacts.length === 0 ? <Text size="sm" c="dimmed">{t('helpline.supervision.noContacts')}</Text> : o.contacts.map((c) => <ContactLine key={c.id} c={c} />)}
                </Stack>
              </Card>
            ))}
          </SimpleGrid>
          <Title order={3} size="h5">
            {t('helpline.supervision.waiting')}
          </Title>
          <Stack gap={4}>
            {s.waiting.length === 0 ? <Text c="dimmed">{t('helpline.queueEmpty')}</Text> : [...s.waiting].sort(byUrgencyAndAge).map((c) => <ContactLine key={c.id} c={c} />)}
          </Stack>
          <Handoffs />
        </Stack>
      )}
    </QueryView>
  );
}
