// The ATU's incoming hand-offs from the helpline: the contact's facts and safety notes;
// Acknowledge stops the clock and opens the inquiry case in the ATU (link to /cases/:id).
import { Alert, Anchor, Badge, Button, Card, Checkbox, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { helplineApi, useHandoff, useHandoffs } from '../helpline/api';
import { ChannelIcon, Classification, UrgencyBadge } from '../helpline/components';
import { useLabel } from '../helpline/labels';
import { errorMessage, ErrorNotice, Loading, QueryView } from '../lib/feedback';
import { formatDateTime } from '../lib/format';

export function Handoffs() {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(true);
  const list = useHandoffs(open);
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={2} size="h4">
          {t('referrals.handoffs.title')}
        </Title>
        <Checkbox label={t('referrals.handoffs.openOnly')} checked={open} onChange={(e) => setOpen(e.currentTarget.checked)} />
      </Group>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <Text c="dimmed">{t('referrals.handoffs.empty')}</Text>
      ) : (
        list.data.items.map((h) => (
          <Card key={h.id} withBorder padding="sm" data-testid="handoff-row" data-contact-ref={h.contactRef}>
            <Group justify="space-between" wrap="wrap">
              <Group gap="sm">
                <ChannelIcon channel={h.channel} />
                <Stack gap={2}>
                  <Group gap="xs">
                    <Anchor component={Link} to={`/referrals/handoffs/${h.id}`} fw={600} dir="ltr">
                      {h.contactRef}
                    </Anchor>
                    <UrgencyBadge urgency={h.urgency} />
                    {h.overdue && <Badge color="red">{t('helpline.overdue')}</Badge>}
                  </Group>
                  <Classification ids={h.classification} />
                  <Text size="xs" c="dimmed">
                    {[h.district, h.province].filter(Boolean).join(', ')} ·{' '}
                    {h.acknowledgedAt ? t('helpline.acknowledgedAt', { date: formatDateTime(h.acknowledgedAt, i18n.language) }) : t('referrals.handoffs.dueBy', { date: formatDateTime(h.dueAt, i18n.language) })}
                  </Text>
                </Stack>
              </Group>
              <Button size="xs" component={Link} to={`/referrals/handoffs/${h.id}`} variant="light">
                {t('helpline.open')}
              </Button>
            </Group>
          </Card>
        ))
      )}
    </Stack>
  );
}

export function HandoffPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const q = useHandoff(id);
  const qc = useQueryClient();
  const navigate = useNavigate();
  const ack = useMutation({
    mutationFn: () => helplineApi.acknowledge(id),
    onSuccess: (h) => {
      qc.setQueryData(['helpline', 'handoff', id], h);
      void qc.invalidateQueries({ queryKey: ['helpline', 'handoffs'] });
      if (h.caseId) void navigate(`/cases/${h.caseId}`);
    },
  });
  return (
    <QueryView query={q}>
      {(h) => {
        const c = h.contact;
        const caseRef = ack.data?.caseRef;
        return (
          <Stack gap="md">
            <Group gap="sm">
              <ChannelIcon channel={c.channel} />
              <Title order={2} size="h3" dir="ltr">
                {c.ref}
              </Title>
              <UrgencyBadge urgency={h.urgency} />
              {h.overdue && <Badge color="red">{t('helpline.overdue')}</Badge>}
            </Group>
            <Text size="sm" c="dimmed">
              {formatDateTime(c.receivedAt, i18n.language)} · {[c.district, c.province].filter(Boolean).join(', ')} · {label('callerTypes', c.callerType)} · {label('languages', c.language)}
            </Text>
            <Paper withBorder p="md">
              <Title order={3} size="h5">
                {t('referrals.handoffs.reported')}
              </Title>
              <Classification ids={c.classification} />
              <Text mt="xs" style={{ whiteSpace: 'pre-wrap' }}>
                {c.summary}
              </Text>
            </Paper>
            <Card withBorder padding="md" bg="var(--mantine-color-yellow-0)">
              <Title order={3} size="h5">
                {t('referrals.handoffs.safety')}
              </Title>
              <Text size="sm">{t('referrals.handoffs.safeToCall', { value: c.safeToCall === null ? t('helpline.unknown') : c.safeToCall ? t('common.yes') : t('common.no') })}</Text>
              {c.safeFrom && c.safeTo && <Text size="sm">{t('referrals.handoffs.window', { from: c.safeFrom, to: c.safeTo })}</Text>}
              {c.codeWord && <Text size="sm">{t('referrals.handoffs.codeWord', { word: c.codeWord })}</Text>}
              {c.callerPhone && (
                <Text size="sm" dir="auto">
                  {t('referrals.handoffs.callerPhone', { phone: c.callerPhone })}
                </Text>
              )}
              {c.legalBasis && <Text size="sm">{t('referrals.handoffs.legalBasis', { basis: label('legalBases', c.legalBasis) })}</Text>}
            </Card>
            {ack.isError && (
              <Alert color="red" variant="light" role="alert">
                {errorMessage(ack.error)}
              </Alert>
            )}
            {h.acknowledgedAt ? (
              <Group>
                <Badge color="green" size="lg" variant="light" data-testid="handoff-acknowledged">
                  {caseRef ? t('referrals.handoffs.acknowledged', { ref: caseRef }) : t('helpline.acknowledgedAt', { date: formatDateTime(h.acknowledgedAt, i18n.language) })}
                </Badge>
                {h.caseId && (
                  <Button component={Link} to={`/cases/${h.caseId}`} data-testid="open-case">
                    {t('referrals.handoffs.openCase')}
                  </Button>
                )}
              </Group>
            ) : (
              <Text size="sm">{t('referrals.handoffs.dueBy', { date: formatDateTime(h.dueAt, i18n.language) })}</Text>
            )}
            {h.abilities.acknowledge && !h.acknowledgedAt && (
              <Button color="grape" onClick={() => ack.mutate()} loading={ack.isPending} w="fit-content">
                {t('referrals.handoffs.acknowledge')}
              </Button>
            )}
          </Stack>
        );
      }}
    </QueryView>
  );
}
