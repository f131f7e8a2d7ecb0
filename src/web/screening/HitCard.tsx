// One watchlist hit at the counter: the list's instruction in a large coloured badge, the list and
// why the person is on it, the score with ALERT, the explanation of the match (the persons
// module's view), and the officer's decision — false match or confirmed, always with a reason.
import { Alert, Badge, Button, Card, Group, Radio, Stack, Text, Textarea } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../lib/api';
import { errorMessage } from '../lib/feedback';
import { formatDateTime } from '../lib/format';
import { ScoreBadge, WhyExpander } from '../persons/components';
import { useDecide, type Decision, type Hit } from './api';
import { InstructionBadge, instructionOf, useLabel } from './labels';

const BORDER: Record<string, string> = { stop: 'red', 'refer-to-atu': 'orange', inform: 'blue', allow: 'green', other: 'gray' };

export function HitCard({ hit: initial, open = false }: { hit: Hit; open?: boolean }) {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const [hit, setHit] = useState(initial);
  const [decision, setDecision] = useState<Decision | null>(null);
  const [reason, setReason] = useState('');
  const decide = useDecide();
  const kind = instructionOf(hit.list.instruction);
  const decided = hit.decision && hit.decision !== 'pending' ? hit.decision : null;

  const save = () => {
    if (!decision || !reason.trim()) return;
    decide.mutate(
      { hitId: hit.id, decision, reason: reason.trim() },
      {
        onSuccess: (r) => setHit({ ...hit, decision: r.decision, reason: r.reason, decidedAt: new Date().toISOString(), referral: r.referral }),
      },
    );
  };

  return (
    <Card withBorder padding="md" radius="md" data-testid="hit" data-instruction={kind} style={{ borderInlineStart: `6px solid var(--mantine-color-${BORDER[kind]}-6)` }}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
          <Stack gap={4}>
            <InstructionBadge instruction={hit.list.instruction} />
            <Text fw={700} size="lg" dir="ltr" style={{ textAlign: 'start' }} data-testid="hit-name">
              {hit.explanation?.matchedName ?? ''}
            </Text>
            <Group gap="xs" wrap="wrap">
              <Badge variant="light" color="gray">
                {label('kinds', hit.list.kind)}
              </Badge>
              <Text size="sm" c="dimmed">
                {t('screening.hit.list')}: {hit.list.name}
              </Text>
            </Group>
          </Stack>
          <Stack gap={4} align="flex-end">
            <ScoreBadge score={hit.score} alert={hit.alert} />
            <Text size="xs" c="dimmed">
              {t('screening.hit.matchedBy')}: {label('matchedBy', hit.matchedBy)}
            </Text>
          </Stack>
        </Group>
        {hit.reason && (
          <Text size="sm">
            <Text span c="dimmed" size="sm">
              {t('screening.hit.reason')}:{' '}
            </Text>
            {hit.reason}
          </Text>
        )}
        {hit.explanation && <WhyExpander explanation={hit.explanation} initiallyOpen={open} />}

        {decided ? (
          <Alert color={decided === 'confirmed' ? 'red' : 'gray'} variant="light" data-testid="hit-decision" data-decision={decided}>
            <Group gap="xs" wrap="wrap">
              <Badge color={decided === 'confirmed' ? 'red' : 'gray'} variant="filled">
                {decided === 'confirmed' ? t('screening.hit.confirmed') : t('screening.hit.falseMatched')}
              </Badge>
              {hit.reason && <Text size="sm">{hit.reason}</Text>}
              {hit.decidedAt && (
                <Text size="xs" c="dimmed">
                  {formatDateTime(hit.decidedAt, i18n.language)}
                </Text>
              )}
            </Group>
            {decided === 'confirmed' && hit.referral && (
              <Group gap="xs" mt={6}>
                <IconArrowRight size={14} />
                <Text size="sm" fw={600} data-testid="hit-referred">
                  {t('screening.hit.referred', { atu: hit.referral.atuName })}
                </Text>
                {hit.referral.caseRef && (
                  <Badge variant="outline" color="gray" dir="ltr">
                    {hit.referral.caseRef}
                  </Badge>
                )}
              </Group>
            )}
          </Alert>
        ) : (
          <Stack gap="xs">
            <Radio.Group label={t('screening.hit.decideTitle')} value={decision ?? ''} onChange={(v) => setDecision(v as Decision)}>
              <Group gap="lg" mt={4}>
                <Radio value="false-match" label={t('screening.hit.falseMatch')} />
                <Radio value="confirmed" label={t('screening.hit.confirm')} color="red" />
              </Group>
            </Radio.Group>
            {decision && (
              <>
                <Textarea label={t('screening.hit.decisionReason')} description={t('screening.hit.decisionReasonHint')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={2} required data-autofocus />
                <Group>
                  <Button color={decision === 'confirmed' ? 'red' : 'gray'} onClick={save} loading={decide.isPending} disabled={!reason.trim()}>
                    {t('screening.hit.save')}
                  </Button>
                </Group>
              </>
            )}
            {decide.isError && (
              <Alert color="red" variant="light" role="alert">
                {decide.error instanceof ApiError && decide.error.status === 409 ? t('screening.hit.stale') : errorMessage(decide.error)}
              </Alert>
            )}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}
