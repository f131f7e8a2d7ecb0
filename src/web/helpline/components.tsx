// Small pieces the helpline screens share: channel icons, urgency and status badges, the
// live-connection indicator, a contact row for queue-like lists.
import { Badge, Group, Text, Tooltip } from '@mantine/core';
import { IconBrandWhatsapp, IconMail, IconMessage, IconPhone, IconUser, IconWorld, type Icon } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { StreamState } from './api';
import { URGENCY_COLOR, useLabel } from './labels';

const CHANNEL_ICONS: Record<string, Icon> = { phone: IconPhone, sms: IconMessage, whatsapp: IconBrandWhatsapp, web: IconWorld, 'walk-in': IconUser, email: IconMail };

export function ChannelIcon({ channel }: { channel: string }) {
  const label = useLabel();
  const I = CHANNEL_ICONS[channel] ?? IconMessage;
  return (
    <Tooltip label={label('channels', channel)}>
      <span role="img" aria-label={label('channels', channel)} data-channel={channel} style={{ display: 'inline-flex' }}>
        <I size={20} />
      </span>
    </Tooltip>
  );
}

export function UrgencyBadge({ urgency }: { urgency: string }) {
  const label = useLabel();
  return (
    <Badge color={URGENCY_COLOR[urgency] ?? 'gray'} variant={urgency === 'immediate' ? 'filled' : 'light'}>
      {label('urgencies', urgency)}
    </Badge>
  );
}

export function StatusBadge({ status }: { status: string }) {
  const label = useLabel();
  const color = status === 'queued' ? 'yellow' : status === 'active' ? 'blue' : status === 'handed-off' ? 'grape' : 'gray';
  return (
    <Badge color={color} variant="light">
      {label('statuses', status)}
    </Badge>
  );
}

export function LiveIndicator({ state }: { state: StreamState }) {
  const { t } = useTranslation();
  const live = state === 'live';
  return (
    <Group gap={6} data-testid="live-state" data-state={state} role="status" aria-live="polite">
      <span style={{ width: 10, height: 10, borderRadius: 5, background: live ? 'var(--mantine-color-green-6)' : 'var(--mantine-color-orange-6)', display: 'inline-block' }} />
      <Text size="sm" fw={600} c={live ? 'green.8' : 'orange.8'}>
        {live ? t('helpline.live') : t('helpline.reconnecting')}
      </Text>
    </Group>
  );
}

export function Classification({ ids }: { ids: string[] }) {
  const label = useLabel();
  return (
    <Group gap={4}>
      {ids.map((c) => (
        <Badge key={c} variant="outline" size="sm">
          {label('classifications', c)}
        </Badge>
      ))}
    </Group>
  );
}
