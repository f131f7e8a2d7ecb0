// The anonymous report: what happened, where, when, who is at risk, how to reach the reporter
// safely (or not at all). Before sending, the browser solves the anti-flood challenge; the
// receipt shows the reference and the secret to keep.
import { Alert, Autocomplete, Button, Checkbox, Fieldset, Group, Paper, Progress, Radio, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle, IconSend } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../lib/api';
import { errorMessage } from '../lib/feedback';
import { opt, sendReport, type ContactMethod, type Receipt as R, type ReporterContact } from './api';
import { DISTRICTS, PROVINCES, publicEn } from './i18n';
import { proofOfWork, type Pow } from './pow';
import { Receipt } from './Receipt';

export interface ContactState {
  method: ContactMethod;
  value: string;
  safeFrom: string;
  safeTo: string;
  codeWord: string;
}
export const emptyContact: ContactState = { method: 'none', value: '', safeFrom: '', safeTo: '', codeWord: '' };
export const contactBody = (c: ContactState): ReporterContact =>
  c.method === 'none' ? { method: 'none' } : { method: c.method, value: opt(c.value), safeFrom: opt(c.safeFrom), safeTo: opt(c.safeTo), codeWord: opt(c.codeWord) };

/** How to reach the reporter safely, or not at all. */
export function ContactFieldset({ value, onChange, error }: { value: ContactState; onChange: (c: ContactState) => void; error?: string }) {
  const { t } = useTranslation();
  const set = (patch: Partial<ContactState>) => onChange({ ...value, ...patch });
  const methods = Object.keys(publicEn.methods) as ContactMethod[];
  return (
    <Fieldset legend={t('public.report.contactTitle')}>
      <Stack gap="sm">
        <Radio.Group label={t('public.report.method')} value={value.method} onChange={(v) => set({ method: v as ContactMethod })} error={error}>
          <Group gap="md" mt={4}>
            {methods.map((m) => (
              <Radio key={m} value={m} label={t(`public.methods.${m}`)} />
            ))}
          </Group>
        </Radio.Group>
        {value.method !== 'none' && (
          <>
            <TextInput label={t('public.report.value')} value={value.value} onChange={(e) => set({ value: e.currentTarget.value })} dir="ltr" inputMode={value.method === 'email' ? 'email' : 'tel'} autoComplete="off" />
            <Group grow>
              <TextInput type="time" label={t('public.report.safeFrom')} value={value.safeFrom} onChange={(e) => set({ safeFrom: e.currentTarget.value })} dir="ltr" />
              <TextInput type="time" label={t('public.report.safeTo')} value={value.safeTo} onChange={(e) => set({ safeTo: e.currentTarget.value })} dir="ltr" />
            </Group>
            <TextInput label={t('public.report.codeWord')} value={value.codeWord} onChange={(e) => set({ codeWord: e.currentTarget.value })} autoComplete="off" />
          </>
        )}
      </Stack>
    </Fieldset>
  );
}

/** The "securing your report…" progress while the challenge is solved. */
export function useSecuredSend() {
  const [progress, setProgress] = useState<number | null>(null);
  const run = async <T,>(send: (pow: Pow) => Promise<T>): Promise<T> => {
    setProgress(0);
    try {
      const pow = await proofOfWork(setProgress);
      return await send(pow);
    } finally {
      setProgress(null);
    }
  };
  return { progress, run };
}

export function SecuringProgress({ progress }: { progress: number | null }) {
  const { t } = useTranslation();
  if (progress === null) return null;
  return (
    <Stack gap={4} role="status" aria-live="polite">
      <Text size="sm">{progress < 1 ? t('public.report.securing') : t('public.report.sending')}</Text>
      <Progress value={Math.round(progress * 100)} animated />
    </Stack>
  );
}

export function ReportForm() {
  const { t, i18n } = useTranslation();
  const [whatHappened, setWhatHappened] = useState('');
  const [province, setProvince] = useState<string | null>(null);
  const [district, setDistrict] = useState('');
  const [place, setPlace] = useState('');
  const [when, setWhen] = useState('');
  const [whoIsAtRisk, setWhoIsAtRisk] = useState('');
  const [reporterIs, setReporterIs] = useState<string | null>(null);
  const [danger, setDanger] = useState(false);
  const [contact, setContact] = useState<ContactState>(emptyContact);
  const [language, setLanguage] = useState<string>(i18n.language === 'ur' ? 'ur' : 'en');
  const [error, setError] = useState<unknown>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [receipt, setReceipt] = useState<R | null>(null);
  const secured = useSecuredSend();

  const reset = () => {
    setWhatHappened('');
    setProvince(null);
    setDistrict('');
    setPlace('');
    setWhen('');
    setWhoIsAtRisk('');
    setReporterIs(null);
    setDanger(false);
    setContact(emptyContact);
    setReceipt(null);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setFieldErrors({});
    setBusy(true);
    void secured
      .run((pow) =>
        sendReport(
          {
            whatHappened,
            where: { province: province ?? undefined, district: opt(district), place: opt(place) },
            when: opt(when),
            whoIsAtRisk: opt(whoIsAtRisk),
            reporterIs: reporterIs ?? undefined,
            immediateDanger: danger || undefined,
            contact: contactBody(contact),
            language: language as 'en' | 'ur' | 'other',
          },
          pow,
        ),
      )
      .then((r) => {
        setReceipt(r);
        setWhatHappened('');
        setContact(emptyContact);
        window.scrollTo(0, 0);
      })
      .catch((err: unknown) => {
        setError(err);
        if (err instanceof ApiError) setFieldErrors(err.fieldErrors());
      })
      .finally(() => setBusy(false));
  };

  if (receipt) return <Receipt receipt={receipt} title={t('public.report.doneTitle')} onAnother={reset} />;

  const types = Object.keys(publicEn.reporterTypes) as (keyof typeof publicEn.reporterTypes)[];
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} radius="md">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Title order={1} size="h2">
            {t('public.report.title')}
          </Title>
          <Text>{t('public.report.intro')}</Text>
          {error !== null && (
            <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} role="alert" data-testid="report-error">
              {errorMessage(error)}
            </Alert>
          )}
          <Textarea
            label={t('public.report.whatHappened')}
            description={t('public.report.whatHappenedHint')}
            value={whatHappened}
            onChange={(e) => setWhatHappened(e.currentTarget.value)}
            autosize
            minRows={4}
            required
            error={fieldErrors.whatHappened}
          />
          <Checkbox label={t('public.report.immediateDanger')} checked={danger} onChange={(e) => setDanger(e.currentTarget.checked)} color="red" />
          <Fieldset legend={t('public.report.whereTitle')}>
            <Stack gap="sm">
              <Group grow align="flex-start" wrap="wrap">
                <Select
                  label={t('public.report.province')}
                  data={PROVINCES.map((p) => ({ value: p, label: t(`public.provinces.${p}`) }))}
                  value={province}
                  onChange={setProvince}
                  clearable
                  miw={180}
                  comboboxProps={{ withinPortal: true }}
                />
                <Autocomplete label={t('public.report.district')} data={DISTRICTS} value={district} onChange={setDistrict} miw={180} error={fieldErrors.where} />
              </Group>
              <TextInput label={t('public.report.place')} value={place} onChange={(e) => setPlace(e.currentTarget.value)} />
            </Stack>
          </Fieldset>
          <TextInput label={t('public.report.when')} placeholder={t('public.report.whenHint')} value={when} onChange={(e) => setWhen(e.currentTarget.value)} />
          <Textarea label={t('public.report.whoIsAtRisk')} placeholder={t('public.report.whoIsAtRiskHint')} value={whoIsAtRisk} onChange={(e) => setWhoIsAtRisk(e.currentTarget.value)} autosize minRows={2} />
          <Select label={t('public.report.reporterIs')} data={types.map((x) => ({ value: x, label: t(`public.reporterTypes.${x}`) }))} value={reporterIs} onChange={setReporterIs} clearable />
          <ContactFieldset value={contact} onChange={setContact} error={fieldErrors.contact} />
          <Select
            label={t('public.report.language')}
            data={(['ur', 'en', 'other'] as const).map((l) => ({ value: l, label: t(`public.languages.${l}`) }))}
            value={language}
            onChange={(v) => setLanguage(v ?? 'ur')}
            allowDeselect={false}
          />
          <SecuringProgress progress={secured.progress} />
          <Button type="submit" size="md" loading={busy} leftSection={<IconSend size={18} />} disabled={!whatHappened.trim()}>
            {t('public.report.submit')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
