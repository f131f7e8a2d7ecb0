// Court: hearings (court, judge, date, purpose, outcome, adjourned with reason, next date),
// judgments per accused per charge, and appeals with their decisions.
import { Alert, Badge, Button, Card, Checkbox, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconGavel, IconPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { JUDGMENT_OUTCOMES } from '../../domain/taxonomies';
import { errorMessage, QueryView } from '../lib/feedback';
import { formatDate } from '../lib/format';
import { casesKeys, type CaseDetail } from './api';
import { errorsOf, opt, termOptions, todayIso, useLang, useTerm } from './labels';
import { useAppeals, useHearings, useJudgments, workApi, type Appeal } from './work-api';

function useInvalidate(c: CaseDetail) {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: casesKeys.one(c.id) });
}

function HearingForm({ c, onClose }: { c: CaseDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const invalidate = useInvalidate(c);
  const [court, setCourt] = useState(c.court ?? '');
  const [judge, setJudge] = useState('');
  const [on, setOn] = useState(todayIso());
  const [purpose, setPurpose] = useState('');
  const [outcome, setOutcome] = useState('');
  const [adjourned, setAdjourned] = useState(false);
  const [reason, setReason] = useState('');
  const [nextDate, setNextDate] = useState('');
  const save = useMutation({
    mutationFn: () =>
      workApi.addHearing(c.id, { court: court.trim(), judge: opt(judge), on, purpose: purpose.trim(), outcome: opt(outcome), adjourned, adjournmentReason: adjourned ? opt(reason) : undefined, nextDate: opt(nextDate) }),
    onSuccess: async () => {
      notifications.show({ color: 'teal', message: t('cases.hearings.recorded') });
      await invalidate();
      onClose();
    },
  });
  const errs = save.isError ? errorsOf(save.error) : {};
  return (
    <Modal opened onClose={onClose} title={t('cases.hearings.record')} size="lg">
      <form onSubmit={(e) => { e.preventDefault(); save.mutate(); }} noValidate>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput label={t('cases.hearings.court')} required value={court} onChange={(e) => setCourt(e.currentTarget.value)} error={errs.court} />
            <TextInput label={t('cases.hearings.judge')} value={judge} onChange={(e) => setJudge(e.currentTarget.value)} />
            <TextInput label={t('cases.hearings.on')} type="date" required value={on} onChange={(e) => setOn(e.currentTarget.value)} error={errs.on} />
            <TextInput label={t('cases.hearings.purpose')} required value={purpose} onChange={(e) => setPurpose(e.currentTarget.value)} error={errs.purpose} />
          </SimpleGrid>
          <TextInput label={t('cases.hearings.outcome')} value={outcome} onChange={(e) => setOutcome(e.currentTarget.value)} />
          <Checkbox label={t('cases.hearings.adjourned')} checked={adjourned} onChange={(e) => setAdjourned(e.currentTarget.checked)} />
          {adjourned && <TextInput label={t('cases.hearings.reason')} required value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={errs.adjournmentReason} />}
          <TextInput label={t('cases.hearings.nextDate')} type="date" value={nextDate} onChange={(e) => setNextDate(e.currentTarget.value)} error={errs.nextDate} />
          {save.isError && <Alert color="red" role="alert">{errorMessage(save.error)}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function JudgmentForm({ c, onClose }: { c: CaseDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const invalidate = useInvalidate(c);
  const charges = c.parties
    .filter((p) => p.role === 'accused')
    .flatMap((p) => p.charges.map((ch) => ({ value: ch.id, label: `${p.person?.identity?.name ?? p.person?.ref ?? ''} — ${ch.offence} ${lang === 'ur' ? ch.titleUr : ch.title}` })));
  const [chargeId, setChargeId] = useState<string | null>(charges[0]?.value ?? null);
  const [court, setCourt] = useState(c.court ?? '');
  const [on, setOn] = useState(todayIso());
  const [outcome, setOutcome] = useState<string | null>('convicted');
  const [months, setMonths] = useState<number | string>('');
  const [fine, setFine] = useState<number | string>('');
  const [compensation, setCompensation] = useState<number | string>('');
  const num = (v: number | string) => (typeof v === 'number' ? v : undefined);
  const save = useMutation({
    mutationFn: () =>
      workApi.addJudgment(c.id, {
        chargeId: chargeId ?? '',
        court: court.trim(),
        on,
        outcome: outcome ?? '',
        ...(outcome === 'convicted' ? { sentenceMonths: num(months), fineRs: num(fine), compensationRs: num(compensation) } : {}),
      }),
    onSuccess: async () => {
      notifications.show({ color: 'teal', message: t('cases.judgments.recorded') });
      await invalidate();
      onClose();
    },
  });
  const errs = save.isError ? errorsOf(save.error) : {};
  return (
    <Modal opened onClose={onClose} title={t('cases.judgments.record')} size="lg">
      <form onSubmit={(e) => { e.preventDefault(); save.mutate(); }} noValidate>
        <Stack gap="sm">
          <Select label={t('cases.judgments.charge')} required data={charges} value={chargeId} onChange={setChargeId} allowDeselect={false} error={errs.chargeId} />
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <TextInput label={t('cases.hearings.court')} required value={court} onChange={(e) => setCourt(e.currentTarget.value)} error={errs.court} />
            <TextInput label={t('cases.judgments.on')} type="date" required value={on} onChange={(e) => setOn(e.currentTarget.value)} error={errs.on} />
            <Select label={t('cases.judgments.outcome')} required data={termOptions(JUDGMENT_OUTCOMES, lang)} value={outcome} onChange={setOutcome} allowDeselect={false} error={errs.outcome} />
          </SimpleGrid>
          {outcome === 'convicted' && (
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
              <NumberInput label={t('cases.judgments.sentenceMonths')} min={0} max={1200} value={months} onChange={setMonths} error={errs.sentenceMonths} />
              <NumberInput label={t('cases.judgments.fine')} min={0} thousandSeparator="," value={fine} onChange={setFine} error={errs.fineRs} />
              <NumberInput label={t('cases.judgments.compensation')} min={0} thousandSeparator="," value={compensation} onChange={setCompensation} error={errs.compensationRs} />
            </SimpleGrid>
          )}
          {save.isError && <Alert color="red" role="alert">{errorMessage(save.error)}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} disabled={!chargeId}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function AppealForm({ c, appeal, onClose }: { c: CaseDetail; appeal: Appeal | null; onClose: () => void }) {
  const { t } = useTranslation();
  const invalidate = useInvalidate(c);
  const [filedOn, setFiledOn] = useState(todayIso());
  const [appellant, setAppellant] = useState<string | null>('state');
  const [court, setCourt] = useState('');
  const [section, setSection] = useState('');
  const [outcome, setOutcome] = useState('');
  const save = useMutation({
    mutationFn: async () => {
      if (appeal) await workApi.decideAppeal(c.id, appeal.id, { outcome: outcome.trim(), decidedOn: filedOn });
      else await workApi.addAppeal(c.id, { filedOn, appellant: appellant ?? 'state', court: court.trim(), section: opt(section) });
    },
    onSuccess: async () => {
      await invalidate();
      onClose();
    },
  });
  const errs = save.isError ? errorsOf(save.error) : {};
  return (
    <Modal opened onClose={onClose} title={appeal ? t('cases.appeals.decide') : t('cases.appeals.file')}>
      <form onSubmit={(e) => { e.preventDefault(); save.mutate(); }} noValidate>
        <Stack gap="sm">
          <TextInput label={appeal ? t('cases.appeals.decidedOn') : t('cases.appeals.filedOn')} type="date" required value={filedOn} onChange={(e) => setFiledOn(e.currentTarget.value)} error={errs.filedOn ?? errs.decidedOn} />
          {appeal ? (
            <TextInput label={t('cases.appeals.outcome')} required value={outcome} onChange={(e) => setOutcome(e.currentTarget.value)} error={errs.outcome} />
          ) : (
            <>
              <Select
                label={t('cases.appeals.appellant')}
                data={(['state', 'accused', 'complainant'] as const).map((a) => ({ value: a, label: t(`cases.appeals.appellants.${a}`) }))}
                value={appellant}
                onChange={setAppellant}
                allowDeselect={false}
              />
              <TextInput label={t('cases.hearings.court')} required value={court} onChange={(e) => setCourt(e.currentTarget.value)} error={errs.court} />
              <TextInput label={t('cases.appeals.section')} placeholder="s.410 CrPC" value={section} onChange={(e) => setSection(e.currentTarget.value)} />
            </>
          )}
          {save.isError && <Alert color="red">{errorMessage(save.error)}</Alert>}
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function CourtTab({ c }: { c: CaseDetail }) {
  const { t, i18n } = useTranslation();
  const term = useTerm();
  const hearings = useHearings(c.id);
  const judgments = useJudgments(c.id);
  const appeals = useAppeals(c.id);
  const [dialog, setDialog] = useState<'hearing' | 'judgment' | 'appeal' | { decide: Appeal } | null>(null);
  const d = (v: string | null) => formatDate(v, i18n.language);
  const courtStage = c.stage === 'trial' || c.stage === 'appeal';
  const nameOf = (partyId: string) => {
    const p = c.parties.find((x) => x.id === partyId);
    return p?.person?.identity?.name ?? p?.person?.ref ?? '';
  };
  return (
    <Stack gap="lg">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4">
            {t('cases.hearings.title')}
          </Title>
          {c.abilities.recordCourt && (
            <Button size="sm" leftSection={<IconPlus size={16} />} onClick={() => setDialog('hearing')} disabled={!courtStage} title={courtStage ? undefined : t('cases.hearings.onlyAtTrial')}>
              {t('cases.hearings.record')}
            </Button>
          )}
        </Group>
        <QueryView query={hearings}>
          {(items) =>
            items.length === 0 ? (
              <Text c="dimmed">{courtStage ? t('cases.hearings.empty') : t('cases.hearings.onlyAtTrial')}</Text>
            ) : (
              <Table.ScrollContainer minWidth={760}>
                <Table striped aria-label={t('cases.hearings.title')}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('cases.hearings.on')}</Table.Th>
                      <Table.Th>{t('cases.hearings.court')}</Table.Th>
                      <Table.Th>{t('cases.hearings.purpose')}</Table.Th>
                      <Table.Th>{t('cases.hearings.outcome')}</Table.Th>
                      <Table.Th>{t('cases.hearings.nextDate')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {items.map((h) => (
                      <Table.Tr key={h.id} data-testid="hearing-row">
                        <Table.Td>{d(h.on)}</Table.Td>
                        <Table.Td>
                          {h.court}
                          {h.judge && (
                            <Text size="xs" c="dimmed">
                              {h.judge}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>{h.purpose}</Table.Td>
                        <Table.Td>
                          {h.adjourned && (
                            <Badge color="orange" size="sm">
                              {t('cases.hearings.adjourned')}
                            </Badge>
                          )}
                          <Text size="sm">{[h.outcome, h.adjournmentReason].filter(Boolean).join(' — ')}</Text>
                        </Table.Td>
                        <Table.Td>{d(h.nextDate) || '—'}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )
          }
        </QueryView>
      </Stack>

      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4">
            {t('cases.judgments.title')}
          </Title>
          {c.abilities.recordCourt && ['trial', 'judgment', 'appeal'].includes(c.stage) && (
            <Button size="sm" leftSection={<IconGavel size={16} />} onClick={() => setDialog('judgment')}>
              {t('cases.judgments.record')}
            </Button>
          )}
        </Group>
        <QueryView query={judgments}>
          {(items) =>
            items.length === 0 ? (
              <Text c="dimmed">{t('cases.judgments.empty')}</Text>
            ) : (
              <Table.ScrollContainer minWidth={720}>
                <Table striped aria-label={t('cases.judgments.title')}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('cases.judgments.accused')}</Table.Th>
                      <Table.Th>{t('cases.judgments.charge')}</Table.Th>
                      <Table.Th>{t('cases.judgments.outcome')}</Table.Th>
                      <Table.Th>{t('cases.judgments.sentence')}</Table.Th>
                      <Table.Th>{t('cases.judgments.on')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {items.map((j) => (
                      <Table.Tr key={j.id} data-testid="judgment-row">
                        <Table.Td>{nameOf(j.partyId)}</Table.Td>
                        <Table.Td>
                          <Text size="sm" dir="ltr">
                            {j.offence}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <Badge color={j.outcome === 'convicted' ? 'red' : 'gray'}>{term(JUDGMENT_OUTCOMES, j.outcome)}</Badge>
                        </Table.Td>
                        <Table.Td>
                          {[
                            j.sentenceMonths !== null ? t('cases.judgments.months', { count: j.sentenceMonths }) : null,
                            j.fineRs !== null ? t('cases.judgments.rs', { amount: j.fineRs.toLocaleString('en-PK') }) : null,
                          ]
                            .filter(Boolean)
                            .join(' · ') || '—'}
                        </Table.Td>
                        <Table.Td>
                          {d(j.on)}
                          <Text size="xs" c="dimmed">
                            {j.court}
                          </Text>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )
          }
        </QueryView>
      </Stack>

      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4">
            {t('cases.appeals.title')}
          </Title>
          {c.abilities.recordCourt && ['judgment', 'appeal'].includes(c.stage) && (
            <Button size="sm" variant="light" leftSection={<IconPlus size={16} />} onClick={() => setDialog('appeal')}>
              {t('cases.appeals.file')}
            </Button>
          )}
        </Group>
        <QueryView query={appeals}>
          {(items) =>
            items.length === 0 ? (
              <Text c="dimmed">{t('cases.appeals.empty')}</Text>
            ) : (
              <Stack gap="xs">
                {items.map((a) => (
                  <Card key={a.id} withBorder padding="sm">
                    <Group justify="space-between">
                      <Text size="sm">
                        {t('cases.appeals.line', { date: d(a.filedOn), appellant: t(`cases.appeals.appellants.${a.appellant as 'state'}`), court: a.court })} {a.section ?? ''}
                      </Text>
                      {a.outcome ? (
                        <Text size="sm" fw={500}>
                          {a.outcome} · {d(a.decidedOn)}
                        </Text>
                      ) : (
                        c.abilities.recordCourt && (
                          <Button size="xs" variant="subtle" onClick={() => setDialog({ decide: a })}>
                            {t('cases.appeals.decide')}
                          </Button>
                        )
                      )}
                    </Group>
                  </Card>
                ))}
              </Stack>
            )
          }
        </QueryView>
      </Stack>

      {dialog === 'hearing' && <HearingForm c={c} onClose={() => setDialog(null)} />}
      {dialog === 'judgment' && <JudgmentForm c={c} onClose={() => setDialog(null)} />}
      {dialog === 'appeal' && <AppealForm c={c} appeal={null} onClose={() => setDialog(null)} />}
      {dialog && typeof dialog === 'object' && <AppealForm c={c} appeal={dialog.decide} onClose={() => setDialog(null)} />}
    </Stack>
  );
}
