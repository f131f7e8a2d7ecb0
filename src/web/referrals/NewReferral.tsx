// Send a referral for a person (from a case or a helpline contact: ?personId=&sourceModule=&sourceId=,
// or found by name): record the person's informed consent first — what is shared, with whom, for
// what purpose, until when — or choose a lawful exception (a minor, immediate danger) and justify it.
import { Alert, Button, Card, Combobox, Group, InputBase, Loader, MultiSelect, Paper, Radio, Select, Stack, Text, Textarea, TextInput, Title, useCombobox } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { IconCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { api, ApiError, type Page } from '../lib/api';
import { errorMessage } from '../lib/feedback';
import { formatDate, unitName } from '../lib/format';
import type { Person, SearchItem } from '../persons/api';
import { referralsApi, SHAREABLE_FIELDS, SOURCE_MODULES, useConsents, useProviders, type Consent } from './api';
import { useRLabel, useROptions } from './labels';

const personLabel = (p: Person) => `${p.identity?.name ?? p.ref}${p.identity?.name ? ` (${p.ref})` : ''}`;
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

function PersonPicker({ value, onChange }: { value: Person | null; onChange: (p: Person) => void }) {
  const { t } = useTranslation();
  const combobox = useCombobox();
  const [q, setQ] = useState('');
  const [dq] = useDebouncedValue(q.trim(), 350);
  const found = useQuery({ enabled: dq.length >= 2, queryKey: ['persons', 'pick', dq], queryFn: () => api.get<Page<SearchItem>>('/api/v1/persons', { q: dq, pageSize: 10 }) });
  return (
    <Combobox
      store={combobox}
      onOptionSubmit={(id) => {
        const p = found.data?.items.find((i) => i.person.id === id)?.person;
        if (p) {
          onChange(p);
          setQ(personLabel(p));
        }
        combobox.closeDropdown();
      }}
    >
      <Combobox.Target>
        <InputBase
          label={t('referrals.form.person')}
          placeholder={t('referrals.form.personSearch')}
          value={q || (value ? personLabel(value) : '')}
          onChange={(e) => {
            setQ(e.currentTarget.value);
            combobox.openDropdown();
          }}
          onFocus={() => combobox.openDropdown()}
          rightSection={found.isFetching ? <Loader size={14} /> : null}
          required
        />
      </Combobox.Target>
      <Combobox.Dropdown hidden={dq.length < 2}>
        <Combobox.Options>
          {(found.data?.items ?? []).map((i) => (
            <Combobox.Option key={i.person.id} value={i.person.id}>
              {personLabel(i.person)}
            </Combobox.Option>
          ))}
          {found.data && found.data.items.length === 0 && <Combobox.Empty>{t('common.noResults')}</Combobox.Empty>}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}

export function NewReferral() {
  const { t, i18n } = useTranslation();
  const label = useRLabel();
  const options = useROptions();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const presetPerson = params.get('personId');
  const preset = useQuery({ enabled: !!presetPerson, queryKey: ['persons', 'one', presetPerson], queryFn: () => api.get<Person>(`/api/v1/persons/${presetPerson}`), retry: false });
  const [picked, setPicked] = useState<Person | null>(null);
  const person = picked ?? preset.data ?? null;
  const personId = person?.id ?? presetPerson;
  const sourceParam = params.get('sourceModule');
  const sourceModule = SOURCE_MODULES.find((m) => m === sourceParam) ?? 'persons';
  const providers = useProviders({});
  const [providerId, setProviderId] = useState<string | null>(params.get('providerUnitId'));
  const provider = providers.data?.items.find((p) => p.unitId === providerId) ?? null;
  const [service, setService] = useState<string | null>(null);
  const [purpose, setPurpose] = useState('');
  const [urgency, setUrgency] = useState('routine');
  const [fields, setFields] = useState<string[]>(['name', 'sex', 'age']);
  const [note, setNote] = useState('');
  const [basis, setBasis] = useState<'consent' | 'exception'>('consent');
  const [form, setForm] = useState<string | null>('verbal');
  const [validUntil, setValidUntil] = useState(inDays(90));
  const [exception, setException] = useState<string | null>(null);
  const [justification, setJustification] = useState('');
  const consents = useConsents(personId);
  const usable = (consents.data?.items ?? []).filter((c) => c.active && c.providerUnitId === providerId);
  const [consent, setConsent] = useState<Consent | null>(null);
  const activeConsent = consent && consent.providerUnitId === providerId ? consent : (usable.find((c) => fields.every((f) => c.fields.includes(f))) ?? null);

  const record = useMutation({
    mutationFn: () => referralsApi.recordConsent({ personId: personId ?? '', providerUnitId: providerId ?? '', fields, purpose, validUntil, form: form ?? 'verbal' }),
    onSuccess: (c) => {
      setConsent(c);
      void qc.invalidateQueries({ queryKey: ['referrals', 'consents'] });
    },
  });
  const send = useMutation({
    mutationFn: () =>
      referralsApi.send({
        personId: personId ?? '',
        providerUnitId: providerId ?? '',
        service: service ?? '',
        purpose,
        urgency,
        sourceModule,
        sourceId: params.get('sourceId') ?? undefined,
        fields,
        note: note.trim() || undefined,
        ...(basis === 'consent' ? { consentId: activeConsent?.id } : { exception: exception ?? undefined, justification: justification.trim() || undefined }),
      }),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: ['referrals'] });
      void navigate(`/referrals/${r.id}`);
    },
  });
  const fe = (send.error ?? record.error) instanceof ApiError ? ((send.error ?? record.error) as ApiError).fieldErrors() : {};
  const ready = !!personId && !!providerId;

  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} radius="md">
      <Stack gap="md">
        <Title order={2} size="h3">
          {t('referrals.form.title')}
        </Title>
        <PersonPicker value={person} onChange={setPicked} />
        {presetPerson && !person && preset.isError && (
          <Text size="sm" c="dimmed" dir="ltr">
            {presetPerson}
          </Text>
        )}
        <Group grow align="flex-start" wrap="wrap">
          <Select
            label={t('referrals.form.provider')}
            data={(providers.data?.items ?? []).map((p) => ({ value: p.unitId, label: unitName(p, i18n.language) }))}
            value={providerId}
            onChange={(v) => (setProviderId(v), setConsent(null), setService(null))}
            searchable
            required
            miw={220}
            error={fe.providerUnitId}
          />
          <Select
            label={t('referrals.form.service')}
            data={options('services', provider?.services)}
            value={service}
            onChange={setService}
            required
            miw={200}
            error={fe.service}
          />
          <Select label={t('referrals.form.urgency')} data={options('urgencies')} value={urgency} onChange={(v) => setUrgency(v ?? 'routine')} allowDeselect={false} miw={140} />
        </Group>
        <Textarea label={t('referrals.form.purpose')} value={purpose} onChange={(e) => setPurpose(e.currentTarget.value)} autosize minRows={2} required error={fe.purpose} />
        <MultiSelect label={t('referrals.form.fields')} data={options('shareable', SHAREABLE_FIELDS)} value={fields} onChange={setFields} error={fe.fields} />
        <Textarea label={t('referrals.form.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={2} />
        <Card withBorder padding="md">
          <Stack gap="sm">
            <Title order={3} size="h5">
              {t('referrals.form.basisTitle')}
            </Title>
            <Radio.Group value={basis} onChange={(v) => setBasis(v === 'exception' ? 'exception' : 'consent')}>
              <Group>
                <Radio value="consent" label={t('referrals.form.useConsent')} />
                <Radio value="exception" label={t('referrals.form.useException')} />
              </Group>
            </Radio.Group>
            {basis === 'consent' ? (
              activeConsent ? (
                <Alert color="green" variant="light" icon={<IconCheck size={16} />} data-testid="consent-recorded">
                  {t('referrals.form.consentRecorded', {
                    fields: activeConsent.fields.map((f) => label('shareable', f)).join(', '),
                    provider: provider ? unitName(provider, i18n.language) : '',
                    date: formatDate(activeConsent.validUntil, i18n.language),
                  })}
                </Alert>
              ) : (
                <Group align="flex-end" wrap="wrap">
                  <Select label={t('referrals.form.consentForm')} data={options('consentForms')} value={form} onChange={setForm} allowDeselect={false} w={160} />
                  <TextInput type="date" label={t('referrals.form.validUntil')} value={validUntil} onChange={(e) => setValidUntil(e.currentTarget.value)} dir="ltr" w={170} />
                  <Button variant="light" onClick={() => record.mutate()} loading={record.isPending} disabled={!ready || !purpose.trim() || fields.length === 0}>
                    {t('referrals.form.recordConsent')}
                  </Button>
                </Group>
              )
            ) : (
              <>
                <Select label={t('referrals.form.exception')} data={options('exceptions')} value={exception} onChange={setException} error={fe.exception} />
                <Textarea label={t('referrals.form.justification')} value={justification} onChange={(e) => setJustification(e.currentTarget.value)} autosize minRows={2} error={fe.justification} />
              </>
            )}
            {!ready && (
              <Text size="sm" c="dimmed">
                {t('referrals.form.pickPersonFirst')}
              </Text>
            )}
          </Stack>
        </Card>
        {(send.isError || record.isError) && (
          <Alert color="red" variant="light" role="alert" data-testid="referral-error">
            {errorMessage(send.error ?? record.error)}
          </Alert>
        )}
        <Button onClick={() => send.mutate()} loading={send.isPending} disabled={!ready || !service || !purpose.trim()} w="fit-content">
          {t('referrals.form.send')}
        </Button>
      </Stack>
    </Paper>
  );
}
