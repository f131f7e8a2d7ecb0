// A contact record: channel and times, language, caller type, what is reported, classification,
// urgency, location, safety notes, caller phone (masked unless the role may see identifiers),
// disposition, consent or legal basis. Save with the version (409 → reload message); callbacks
// (422 reasons shown); hand-off to the ATU; end the contact.
import { Alert, Anchor, Badge, Button, Card, Grid, Group, Modal, MultiSelect, Paper, SegmentedControl, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { IconAlertTriangle, IconArrowForward, IconCheck, IconPhoneCall } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useUnits } from '../admin/api';
import { ApiError } from '../lib/api';
import { errorMessage, QueryView } from '../lib/feedback';
import { formatDateTime, unitName } from '../lib/format';
import { useSignedIn } from '../lib/session';
import { DISTRICTS, PROVINCES } from '../public/i18n';
import { helplineApi, helplineKeys, useContact, useSupervision, type ContactDetail, type ContactPatch } from './api';
import { ChannelIcon, StatusBadge, UrgencyBadge } from './components';
import { isSupervisor } from './HelplinePage';
import { useLabel, useOptions } from './labels';

const ed = (s: string | null) => s ?? '';
const opt = (s: string) => (s.trim() ? s.trim() : undefined);

function Times({ c }: { c: ContactDetail }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <Group gap="lg">
      <Text size="sm">
        {t('helpline.received')}: {formatDateTime(c.receivedAt, lang)}
      </Text>
      {c.answeredAt && (
        <Text size="sm">
          {t('helpline.answered')}: {formatDateTime(c.answeredAt, lang)}
        </Text>
      )}
      {c.endedAt && (
        <Text size="sm">
          {t('helpline.ended')}: {formatDateTime(c.endedAt, lang)}
        </Text>
      )}
    </Group>
  );
}

function ContactForm({ c, onStale, onSaved }: { c: ContactDetail; onStale: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const options = useOptions();
  const qc = useQueryClient();
  const [f, setF] = useState({
    language: ed(c.language),
    callerType: ed(c.callerType),
    summary: c.summary,
    classification: c.classification,
    urgency: c.urgency,
    province: ed(c.province),
    district: ed(c.district),
    safeToCall: c.safeToCall === null ? 'unknown' : c.safeToCall ? 'yes' : 'no',
    safeFrom: ed(c.safeFrom),
    safeTo: ed(c.safeTo),
    codeWord: ed(c.codeWord),
    callerPhone: c.callerPhoneMasked ? '' : ed(c.callerPhone),
    disposition: ed(c.disposition),
    legalBasis: ed(c.legalBasis),
    legalBasisNote: ed(c.legalBasisNote),
  });
  const set = (patch: Partial<typeof f>) => setF((x) => ({ ...x, ...patch }));
  const editable = c.status === 'active' || c.status === 'queued' || c.status === 'ended';
  const save = useMutation({
    mutationFn: () => {
      const patch: ContactPatch = {
        language: opt(f.language),
        callerType: opt(f.callerType),
        summary: f.summary,
        classification: f.classification,
        urgency: f.urgency,
        province: opt(f.province),
        district: opt(f.district),
        safeToCall: f.safeToCall === 'unknown' ? null : f.safeToCall === 'yes',
        safeFrom: f.safeFrom,
        safeTo: f.safeTo,
        codeWord: c.codeWord !== null || f.codeWord ? f.codeWord : undefined,
        callerPhone: c.callerPhoneMasked ? opt(f.callerPhone) : f.callerPhone || undefined,
        disposition: opt(f.disposition),
        legalBasis: opt(f.legalBasis),
        legalBasisNote: opt(f.legalBasisNote),
      };
      return helplineApi.update(c.id, c.version, patch);
    },
    onSuccess: (next) => {
      onSaved();
      qc.setQueryData(helplineKeys.contact(c.id), next);
      void qc.invalidateQueries({ queryKey: ['helpline', 'queue'] });
    },
    onError: (e) => {
      if (e instanceof ApiError && e.status === 409) onStale();
    },
  });
  const fe = save.error instanceof ApiError ? save.error.fieldErrors() : {};

  return (
    <Paper withBorder p="md" radius="md">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
        noValidate
      >
        <Stack gap="sm">
          {save.isError && !(save.error instanceof ApiError && save.error.status === 409) && (
            <Alert color="red" variant="light" role="alert">
              {errorMessage(save.error)}
            </Alert>
          )}
          <Grid>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <Select label={t('helpline.language')} data={options('languages')} value={f.language || null} onChange={(v) => set({ language: v ?? '' })} clearable disabled={!editable} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <Select label={t('helpline.callerType')} data={options('callerTypes')} value={f.callerType || null} onChange={(v) => set({ callerType: v ?? '' })} clearable disabled={!editable} />
            </Grid.Col>
          </Grid>
          <Textarea label={t('helpline.summary')} value={f.summary} onChange={(e) => set({ summary: e.currentTarget.value })} autosize minRows={4} disabled={!editable} error={fe.summary} />
          <Grid>
            <Grid.Col span={{ base: 12, sm: 8 }}>
              <MultiSelect label={t('helpline.classification')} data={options('classifications')} value={f.classification} onChange={(v) => set({ classification: v })} disabled={!editable} error={fe.classification} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <Select label={t('helpline.urgency')} data={options('urgencies')} value={f.urgency} onChange={(v) => set({ urgency: v ?? 'routine' })} allowDeselect={false} disabled={!editable} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <Select label={t('helpline.province')} data={PROVINCES.map((p) => ({ value: p, label: t(`public.provinces.${p}`) }))} value={f.province || null} onChange={(v) => set({ province: v ?? '' })} clearable disabled={!editable} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <Select label={t('helpline.district')} data={Array.from(new Set([...DISTRICTS, ...(f.district ? [f.district] : [])]))} value={f.district || null} onChange={(v) => set({ district: v ?? '' })} searchable clearable disabled={!editable} error={fe.district} />
            </Grid.Col>
          </Grid>
          <Card withBorder padding="sm" bg="var(--mantine-color-yellow-0)">
            <Stack gap="xs">
              <Text fw={600}>{t('helpline.safety')}</Text>
              <Group align="flex-end" wrap="wrap">
                <Stack gap={2}>
                  <Text size="sm">{t('helpline.safeToCall')}</Text>
                  <SegmentedControl
                    value={f.safeToCall}
                    onChange={(v) => set({ safeToCall: v })}
                    disabled={!editable}
                    data={[
                      { value: 'yes', label: t('common.yes') },
                      { value: 'no', label: t('common.no') },
                      { value: 'unknown', label: t('helpline.unknown') },
                    ]}
                  />
                </Stack>
                <TextInput type="time" label={t('helpline.safeFrom')} value={f.safeFrom} onChange={(e) => set({ safeFrom: e.currentTarget.value })} disabled={!editable} dir="ltr" w={130} />
                <TextInput type="time" label={t('helpline.safeTo')} value={f.safeTo} onChange={(e) => set({ safeTo: e.currentTarget.value })} disabled={!editable} dir="ltr" w={130} />
                <TextInput
                  label={t('helpline.codeWord')}
                  value={f.codeWord}
                  onChange={(e) => set({ codeWord: e.currentTarget.value })}
                  disabled={!editable}
                  placeholder={c.hasCodeWord && c.codeWord === null ? t('helpline.hasCodeWord') : undefined}
                />
              </Group>
              <TextInput
                label={t('helpline.callerPhone')}
                description={c.callerPhoneMasked && c.callerPhone ? `${c.callerPhone} (${t('helpline.masked')})` : undefined}
                value={f.callerPhone}
                onChange={(e) => set({ callerPhone: e.currentTarget.value })}
                disabled={!editable}
                dir="ltr"
                data-testid="caller-phone"
                w={{ base: '100%', sm: 260 }}
              />
            </Stack>
          </Card>
          <Grid>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <Select label={t('helpline.legalBasis')} data={options('legalBases')} value={f.legalBasis || null} onChange={(v) => set({ legalBasis: v ?? '' })} clearable disabled={!editable} error={fe.legalBasis} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <Select label={t('helpline.disposition')} data={options('dispositions')} value={f.disposition || null} onChange={(v) => set({ disposition: v ?? '' })} clearable disabled={!editable} />
            </Grid.Col>
          </Grid>
          <TextInput label={t('helpline.legalBasisNote')} value={f.legalBasisNote} onChange={(e) => set({ legalBasisNote: e.currentTarget.value })} disabled={!editable} />
          {editable && (
            <Group>
              <Button type="submit" loading={save.isPending}>
                {t('common.save')}
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Paper>
  );
}

function CallbacksPanel({ c }: { c: ContactDetail }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [opened, { open, close }] = useDisclosure(false);
  const [dueAt, setDueAt] = useState('');
  const [reason, setReason] = useState('');
  const schedule = useMutation({
    mutationFn: () => helplineApi.scheduleCallback(c.id, new Date(dueAt).toISOString(), reason),
    onSuccess: () => {
      close();
      setReason('');
      void qc.invalidateQueries({ queryKey: helplineKeys.contact(c.id) });
    },
  });
  const complete = useMutation({ mutationFn: (x: { id: string; outcome: 'done' | 'cancelled' }) => helplineApi.completeCallback(x.id, x.outcome), onSuccess: () => void qc.invalidateQueries({ queryKey: helplineKeys.contact(c.id) }) });
  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={3} size="h5">
            {t('helpline.callbacksTitle')}
          </Title>
          <Button size="xs" variant="light" leftSection={<IconPhoneCall size={14} />} onClick={open}>
            {t('helpline.scheduleCallback')}
          </Button>
        </Group>
        {c.callbacks.length === 0 && <Text size="sm" c="dimmed">{t('helpline.noCallbacks')}</Text>}
        {c.callbacks.map((cb) => (
          <Group key={cb.id} justify="space-between" data-testid="callback-row">
            <Stack gap={0}>
              <Text size="sm">
                {formatDateTime(cb.dueAt, i18n.language)} — {cb.reason}
              </Text>
              <Group gap={4}>
                <Badge size="xs" variant="light">
                  {cb.status}
                </Badge>
                {cb.checkBeforeCalling && (
                  <Badge size="xs" color="orange">
                    {t('helpline.checkBeforeCalling')}
                  </Badge>
                )}
              </Group>
            </Stack>
            {cb.status === 'pending' && (
              <Group gap={4}>
                <Button size="compact-xs" variant="light" onClick={() => complete.mutate({ id: cb.id, outcome: 'done' })}>
                  {t('helpline.callbackDone')}
                </Button>
                <Button size="compact-xs" variant="subtle" color="gray" onClick={() => complete.mutate({ id: cb.id, outcome: 'cancelled' })}>
                  {t('helpline.callbackCancel')}
                </Button>
              </Group>
            )}
          </Group>
        ))}
      </Stack>
      <Modal opened={opened} onClose={close} title={t('helpline.scheduleCallback')}>
        <Stack gap="sm">
          {schedule.isError && (
            <Alert color="red" variant="light" role="alert" data-testid="callback-error">
              {errorMessage(schedule.error)}
            </Alert>
          )}
          <TextInput type="datetime-local" label={t('helpline.dueAt')} value={dueAt} onChange={(e) => setDueAt(e.currentTarget.value)} required dir="ltr" />
          <TextInput label={t('helpline.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} required />
          <Button onClick={() => schedule.mutate()} loading={schedule.isPending} disabled={!dueAt || !reason.trim()}>
            {t('common.save')}
          </Button>
        </Stack>
      </Modal>
    </Paper>
  );
}

function HandoffPanel({ c }: { c: ContactDetail }) {
  const { t, i18n } = useTranslation();
  const { user } = useSignedIn();
  const label = useLabel();
  const qc = useQueryClient();
  const [opened, { open, close }] = useDisclosure(false);
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [atu, setAtu] = useState<string | null>(null);
  const [why, setWhy] = useState('');
  const units = useUnits();
  const supervisor = c.abilities.chooseAtu || isSupervisor(user.roles);
  const atus = (units.data ?? []).filter((u) => u.kind === 'atu' && u.active).map((u) => ({ value: u.id, label: unitName(u, i18n.language) }));
  const handoff = useMutation({
    mutationFn: () =>
      helplineApi.handoff(c.id, {
        version: c.version,
        victim: name.trim() ? { identity: { name: name.trim(), phones: phone.trim() ? [phone.trim()] : [] }, protected: true } : undefined,
        atuUnitId: atu ?? undefined,
        overrideReason: atu ? why.trim() || undefined : undefined,
      }),
    onSuccess: () => {
      close();
      void qc.invalidateQueries({ queryKey: ['helpline'] });
    },
  });
  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="xs">
        <Title order={3} size="h5">
          {t('helpline.handoffTitle')}
        </Title>
        {c.handoffs.map((h) => (
          <Card key={h.id} withBorder padding="xs" data-testid="handoff">
            <Text fw={600} data-testid="handoff-unit">
              {t('helpline.handedOffTo', { unit: h.unit.name })}
            </Text>
            <Text size="xs" c="dimmed">
              {label('routedBy', h.routedBy)}
              {h.overrideReason ? ` — ${h.overrideReason}` : ''}
            </Text>
            <Group gap={6} mt={4}>
              <UrgencyBadge urgency={h.urgency} />
              {h.acknowledgedAt ? (
                <Badge color="green" variant="light">
                  {t('helpline.acknowledgedAt', { date: formatDateTime(h.acknowledgedAt, i18n.language) })}
                </Badge>
              ) : (
                <Badge color={h.overdue ? 'red' : 'gray'} variant="light">
                  {h.overdue ? t('helpline.overdue') : t('helpline.acknowledgeBy', { date: formatDateTime(h.dueAt, i18n.language) })}
                </Badge>
              )}
              {h.escalatedAt && (
                <Badge color="red" variant="outline">
                  {t('helpline.escalated')}
                </Badge>
              )}
            </Group>
          </Card>
        ))}
        {c.handoffs.length === 0 && <Text size="sm" c="dimmed">{t('helpline.handoffHelp')}</Text>}
        {c.abilities.handoff && c.status !== 'handed-off' && (
          <Button leftSection={<IconArrowForward size={16} />} onClick={open} color="grape">
            {t('helpline.handoff')}
          </Button>
        )}
        {c.personId && (
          <Button variant="light" component={Link} to={`/referrals/new?personId=${c.personId}&sourceModule=helpline&sourceId=${c.id}`}>
            {t('helpline.referToService')}
          </Button>
        )}
      </Stack>
      <Modal opened={opened} onClose={close} title={t('helpline.handoffTitle')}>
        <Stack gap="sm">
          <Text size="sm">{t('helpline.handoffHelp')}</Text>
          {handoff.isError && (
            <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle size={16} />} data-testid="handoff-error">
              {errorMessage(handoff.error)}
            </Alert>
          )}
          <TextInput label={t('helpline.victimName')} description={t('helpline.victimNameHint')} value={name} onChange={(e) => setName(e.currentTarget.value)} />
          <TextInput label={t('helpline.victimPhone')} value={phone} onChange={(e) => setPhone(e.currentTarget.value)} dir="ltr" disabled={!name.trim()} />
          {supervisor && (
            <>
              <Select label={t('helpline.chooseAtu')} data={atus} value={atu} onChange={setAtu} searchable clearable />
              {atu && <Textarea label={t('helpline.overrideReason')} value={why} onChange={(e) => setWhy(e.currentTarget.value)} required />}
            </>
          )}
          <Button color="grape" onClick={() => handoff.mutate()} loading={handoff.isPending}>
            {t('helpline.handoff')}
          </Button>
        </Stack>
      </Modal>
    </Paper>
  );
}

function Actions({ c }: { c: ContactDetail }) {
  const { t } = useTranslation();
  const { user } = useSignedIn();
  const options = useOptions();
  const qc = useQueryClient();
  const [opened, { open, close }] = useDisclosure(false);
  const [disposition, setDisposition] = useState<string | null>(c.disposition);
  const [to, setTo] = useState<string | null>(null);
  const sup = useSupervision(isSupervisor(user.roles));
  const done = () => void qc.invalidateQueries({ queryKey: ['helpline'] });
  const claim = useMutation({ mutationFn: () => helplineApi.claim(c.id), onSuccess: done });
  const release = useMutation({ mutationFn: () => helplineApi.release(c.id), onSuccess: done });
  const transfer = useMutation({ mutationFn: (id: string) => helplineApi.transfer(c.id, id), onSuccess: done });
  const end = useMutation({
    mutationFn: () => helplineApi.end(c.id, c.version, disposition ?? 'no-further-action'),
    onSuccess: () => {
      close();
      done();
    },
  });
  const mine = c.assignedTo?.id === user.id;
  const operators = (sup.data?.operators ?? []).filter((o) => o.id !== c.assignedTo?.id).map((o) => ({ value: o.id, label: o.name }));
  const err = claim.error ?? release.error ?? transfer.error;
  return (
    <Stack gap="xs">
      {err && (
        <Alert color="red" variant="light" role="alert">
          {errorMessage(err)}
        </Alert>
      )}
      <Group gap="xs">
        {c.status === 'queued' && c.abilities.claim && (
          <Button onClick={() => claim.mutate()} loading={claim.isPending}>
            {t('helpline.claim')}
          </Button>
        )}
        {mine && c.status === 'active' && (
          <Button variant="default" onClick={() => release.mutate()} loading={release.isPending}>
            {t('helpline.release')}
          </Button>
        )}
        {(c.status === 'active' || c.status === 'queued') && (mine || isSupervisor(user.roles)) && (
          <Button variant="light" color="gray" onClick={open}>
            {t('helpline.end')}
          </Button>
        )}
        {operators.length > 0 && (c.status === 'active' || c.status === 'queued') && (
          <Select aria-label={t('helpline.transferTo')} placeholder={t('helpline.transferTo')} data={operators} value={to} onChange={(v) => (setTo(v), v && transfer.mutate(v))} w={220} />
        )}
      </Group>
      <Modal opened={opened} onClose={close} title={t('helpline.endTitle')}>
        <Stack>
          {end.isError && (
            <Alert color="red" variant="light" role="alert">
              {errorMessage(end.error)}
            </Alert>
          )}
          <Select label={t('helpline.disposition')} data={options('dispositions')} value={disposition} onChange={setDisposition} />
          <Button onClick={() => end.mutate()} loading={end.isPending} disabled={!disposition}>
            {t('helpline.end')}
          </Button>
        </Stack>
      </Modal>
    </Stack>
  );
}

export function ContactPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const label = useLabel();
  const contact = useContact(id);
  const [stale, setStale] = useState(false);
  const [saved, setSaved] = useState(false);
  return (
    <QueryView query={contact}>
      {(c) => (
        <Stack gap="md">
          <Group justify="space-between" wrap="wrap">
            <Group gap="sm">
              <ChannelIcon channel={c.channel} />
              <Title order={2} size="h3" dir="ltr" data-testid="contact-ref">
                {c.ref}
              </Title>
              <StatusBadge status={c.status} />
              <UrgencyBadge urgency={c.urgency} />
              {c.abandoned && <Badge color="red">{t('helpline.abandoned')}</Badge>}
            </Group>
            <Text size="sm" c="dimmed">
              {label('channels', c.channel)}
              {c.assignedTo ? ` · ${t('helpline.handledBy', { name: c.assignedTo.name })}` : ''}
            </Text>
          </Group>
          <Times c={c} />
          {stale && (
            <Alert color="orange" variant="light" data-testid="stale">
              {t('helpline.stale')}
            </Alert>
          )}
          {saved && !stale && (
            <Alert color="green" variant="light" icon={<IconCheck size={16} />} data-testid="contact-saved" withCloseButton onClose={() => setSaved(false)}>
              {t('helpline.saved')}
            </Alert>
          )}
          <Actions c={c} />
          <Grid>
            <Grid.Col span={{ base: 12, md: 8 }}>
              <ContactForm key={c.version} c={c} onStale={() => (setStale(true), setSaved(false), void contact.refetch())} onSaved={() => (setSaved(true), setStale(false))} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 4 }}>
              <Stack gap="md">
                <HandoffPanel c={c} />
                <CallbacksPanel c={c} />
                {c.reportId && (
                  <Anchor component={Link} to={`/helpline/submissions/${c.reportId}`} size="sm">
                    {t('helpline.tabs.submissions')}
                  </Anchor>
                )}
              </Stack>
            </Grid.Col>
          </Grid>
        </Stack>
      )}
    </QueryView>
  );
}
