// The stage change: only the stages the law allows next (`nextStages`), with the fields each one
// needs (FIR number, court, closure reason, the receiving ATU for a transfer).
import { Alert, Button, Group, Modal, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_STAGES, CLOSURE_REASONS, closureReasonsFor, nextStages, type CaseStage } from '../../domain/taxonomies';
import { useUnits } from '../admin/api';
import { errorMessage } from '../lib/feedback';
import { unitName } from '../lib/format';
import { casesApi, casesKeys, type CaseDetail, type StageChange } from './api';
import { errorsOf, opt, todayIso, useLang } from './labels';

export function StageDialog({ c, onClose }: { c: CaseDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const qc = useQueryClient();
  const units = useUnits();
  const allowed = nextStages(c.stage as CaseStage).filter((s) => s !== 'transferred' || c.abilities.transfer);
  const [to, setTo] = useState<string | null>(allowed[0] ?? null);
  const [on, setOn] = useState(todayIso());
  const [note, setNote] = useState('');
  const [firNumber, setFirNumber] = useState('');
  const [policeStation, setPoliceStation] = useState(c.policeStation ?? '');
  const [court, setCourt] = useState(c.court ?? '');
  const [closureReason, setClosureReason] = useState<string | null>(null);
  const [transferTo, setTransferTo] = useState<string | null>(null);
  const charges = c.parties.flatMap((p) => p.charges.map((ch) => ch.offence));
  const reasons = closureReasonsFor(charges).map((id) => ({ value: id, label: CLOSURE_REASONS.find((r) => r.id === id)?.[lang] ?? id }));
  const atus = (units.data ?? []).filter((u) => (u.kind === 'atu' || u.kind === 'circle') && u.id !== c.unitId).map((u) => ({ value: u.id, label: unitName(u, lang) }));

  const save = useMutation({
    mutationFn: (body: StageChange) => casesApi.changeStage(c.id, body),
    onSuccess: async () => {
      notifications.show({ color: 'teal', message: t('cases.stage.changed') });
      await qc.invalidateQueries({ queryKey: casesKeys.one(c.id) });
      void qc.invalidateQueries({ queryKey: casesKeys.all });
      onClose();
    },
  });
  const errs = save.isError ? errorsOf(save.error) : {};

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (!to) return;
    const body: StageChange = { version: c.version, to, on, note: opt(note) };
    if (to === 'fir') Object.assign(body, { firNumber: opt(firNumber), policeStation: opt(policeStation) });
    if (to === 'trial') body.court = opt(court);
    if (to === 'closed') body.closureReason = closureReason ?? undefined;
    if (to === 'transferred') body.transferToUnitId = transferTo ?? undefined;
    save.mutate(body);
  };

  return (
    <Modal opened onClose={onClose} title={t('cases.stage.title')} size="md">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {allowed.length === 0 ? (
            <Alert color="gray">{t('cases.stage.none')}</Alert>
          ) : (
            <Select
              label={t('cases.stage.to')}
              data={allowed.map((s) => ({ value: s, label: CASE_STAGES.find((x) => x.id === s)?.[lang] ?? s }))}
              value={to}
              onChange={setTo}
              allowDeselect={false}
              error={errs.to}
            />
          )}
          <TextInput label={to === 'fir' ? t('cases.stage.firDate') : t('cases.stage.on')} type="date" required value={on} onChange={(e) => setOn(e.currentTarget.value)} error={errs.on} />
          {to === 'fir' && (
            <>
              <TextInput label={t('cases.stage.firNumber')} required dir="ltr" value={firNumber} onChange={(e) => setFirNumber(e.currentTarget.value)} error={errs.firNumber} />
              <TextInput label={t('cases.stage.policeStation')} value={policeStation} onChange={(e) => setPoliceStation(e.currentTarget.value)} />
            </>
          )}
          {to === 'trial' && <TextInput label={t('cases.stage.court')} required value={court} onChange={(e) => setCourt(e.currentTarget.value)} error={errs.court} />}
          {to === 'closed' && <Select label={t('cases.stage.closureReason')} required data={reasons} value={closureReason} onChange={setClosureReason} error={errs.closureReason} />}
          {to === 'transferred' && <Select label={t('cases.stage.transferTo')} required data={atus} value={transferTo} onChange={setTransferTo} searchable error={errs.transferToUnitId} />}
          <Textarea label={t('cases.stage.note')} autosize minRows={2} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
          {save.isError && (
            <Alert color="red" role="alert">
              {errorMessage(save.error)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} disabled={!to}>
              {t('cases.stage.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
