// Labels of the screening vocabularies (instructions, list kinds, SOP grounds, how a hit matched)
// in the current language, the instruction badge an officer sees from across the hall, and the
// connection indicator fed by the heartbeat.
import { Badge, Group, Text, Tooltip } from '@mantine/core';
import { IconAlertOctagon, IconCircleCheck, IconInfoCircle, IconPlugConnected, IconPlugConnectedX, IconUserExclamation } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../lib/format';
import { useHeartbeat } from './api';
import { screeningEn, screeningUr } from './i18n';

type Vocab = 'instruction' | 'kinds' | 'grounds';

export const ids = <V extends Vocab>(v: V) => Object.keys(screeningEn[v]) as (keyof (typeof screeningEn)[V] & string)[];

/** `label('kinds', 'proclaimed-offender')` → "Proclaimed offender"; unknown ids are shown as they are. */
export function useLabel(): (v: Vocab | 'matchedBy' | 'manifestStatus', id: string | null | undefined) => string {
  const { i18n } = useTranslation();
  const dict = i18n.language === 'ur' ? screeningUr : screeningEn;
  return (v, id) => {
    if (!id) return '';
    const group: Record<string, string> = v === 'matchedBy' ? dict.hit.matchedByValues : v === 'manifestStatus' ? dict.manifests.status : dict[v];
    return Object.hasOwn(group, id) ? group[id]! : id;
  };
}

export function useOptions(): (v: Vocab) => { value: string; label: string }[] {
  const label = useLabel();
  return (v) => ids(v).map((id) => ({ value: id, label: label(v, id) }));
}

/** The server may spell "refer to ATU" as refer, refer-to-atu or refer_atu: one colour for each meaning. */
export function instructionOf(raw: string): 'stop' | 'refer-to-atu' | 'inform' | 'allow' | 'other' {
  const s = raw.toLowerCase();
  if (s.startsWith('stop')) return 'stop';
  if (s.startsWith('refer')) return 'refer-to-atu';
  if (s.startsWith('inform')) return 'inform';
  if (s.startsWith('allow')) return 'allow';
  return 'other';
}
export const INSTRUCTION_RANK: Record<string, number> = { stop: 0, 'refer-to-atu': 1, inform: 2, allow: 3, other: 4 };
const INSTRUCTION_STYLE = {
  stop: { color: 'red', icon: IconAlertOctagon },
  'refer-to-atu': { color: 'orange', icon: IconUserExclamation },
  inform: { color: 'blue', icon: IconInfoCircle },
  allow: { color: 'green', icon: IconCircleCheck },
  other: { color: 'gray', icon: IconInfoCircle },
} as const;

export function InstructionBadge({ instruction, size = 'xl' }: { instruction: string; size?: 'md' | 'lg' | 'xl' }) {
  const label = useLabel();
  const key = instructionOf(instruction);
  const { color, icon: Icon } = INSTRUCTION_STYLE[key];
  return (
    <Badge
      color={color}
      variant="filled"
      size={size}
      radius="sm"
      leftSection={<Icon size={size === 'xl' ? 20 : 14} />}
      data-testid="hit-instruction"
      data-instruction={key}
      styles={size === 'xl' ? { root: { height: 40, fontSize: 20, paddingInline: 16 } } : undefined}
    >
      {key === 'other' ? instruction : label('instruction', key)}
    </Badge>
  );
}

/** The counter's connection to headquarters, from the heartbeat. Never green unless the server answered. */
export function ConnectionIndicator() {
  const { t, i18n } = useTranslation();
  const hb = useHeartbeat();
  const state = hb.isPending ? 'checking' : hb.isError ? 'offline' : 'online';
  const color = state === 'online' ? 'green' : state === 'offline' ? 'red' : 'gray';
  const Icon = state === 'offline' ? IconPlugConnectedX : IconPlugConnected;
  const badge = (
    <Badge color={color} variant={state === 'offline' ? 'filled' : 'light'} size="lg" leftSection={<Icon size={16} />} data-testid="connection" data-state={state} role="status" aria-live="polite">
      {t(`screening.connection.${state}`)}
    </Badge>
  );
  return (
    <Group gap="xs">
      {hb.dataUpdatedAt > 0 ? <Tooltip label={t('screening.connection.lastSeen', { time: formatDateTime(new Date(hb.dataUpdatedAt), i18n.language) })}>{badge}</Tooltip> : badge}
      {state === 'offline' && (
        <Text size="sm" c="red" fw={600}>
          {t('screening.counter.notChecked')}
        </Text>
      )}
    </Group>
  );
}

export const isSupervisor = (roles: readonly string[]) => roles.includes('immigration-supervisor') || roles.includes('administrator');
export const isImmigration = (roles: readonly string[]) => roles.some((r) => r === 'immigration-officer' || r === 'immigration-supervisor');
export const isAtu = (roles: readonly string[]) => roles.some((r) => r === 'atu-investigator' || r === 'atu-supervisor');
export const isHq = (roles: readonly string[]) => roles.some((r) => r === 'national-coordinator' || r === 'monitoring-cell-analyst' || r === 'immigration-supervisor' || r === 'administrator');
