// A complaint about how any agency treated the person; tracked to an answer with the same
// reference-and-secret status page.
import { Alert, Autocomplete, Button, Paper, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle, IconSend } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../lib/api';
import { errorMessage } from '../lib/feedback';
import { opt, sendComplaint, type Receipt as R } from './api';
import { DISTRICTS } from './i18n';
import { Receipt } from './Receipt';
import { contactBody, ContactFieldset, emptyContact, SecuringProgress, useSecuredSend, type ContactState } from './ReportForm';

export function ComplaintForm() {
  const { t, i18n } = useTranslation();
  const [agency, setAgency] = useState('');
  const [whatHappened, setWhatHappened] = useState('');
  const [when, setWhen] = useState('');
  const [district, setDistrict] = useState('');
  const [contact, setContact] = useState<ContactState>(emptyContact);
  const [language, setLanguage] = useState<string>(i18n.language === 'ur' ? 'ur' : 'en');
  const [error, setError] = useState<unknown>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [receipt, setReceipt] = useState<R | null>(null);
  const secured = useSecuredSend();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setFieldErrors({});
    setBusy(true);
    void secured
      .run((pow) => sendComplaint({ agency, whatHappened, when: opt(when), district: opt(district), contact: contactBody(contact), language: language as 'en' | 'ur' | 'other' }, pow))
      .then((r) => {
        setReceipt(r);
        setAgency('');
        setWhatHappened('');
        setContact(emptyContact);
      })
      .catch((err: unknown) => {
        setError(err);
        if (err instanceof ApiError) setFieldErrors(err.fieldErrors());
      })
      .finally(() => setBusy(false));
  };

  if (receipt) return <Receipt receipt={receipt} title={t('public.complaint.doneTitle')} onAnother={() => setReceipt(null)} />;

  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} radius="md">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Title order={1} size="h2">
            {t('public.complaint.title')}
          </Title>
          <Text>{t('public.complaint.intro')}</Text>
          {error !== null && (
            <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} role="alert">
              {errorMessage(error)}
            </Alert>
          )}
          <TextInput label={t('public.complaint.agency')} value={agency} onChange={(e) => setAgency(e.currentTarget.value)} required error={fieldErrors.agency} />
          <Textarea label={t('public.complaint.whatHappened')} value={whatHappened} onChange={(e) => setWhatHappened(e.currentTarget.value)} autosize minRows={4} required error={fieldErrors.whatHappened} />
          <TextInput label={t('public.complaint.when')} value={when} onChange={(e) => setWhen(e.currentTarget.value)} />
          <Autocomplete label={t('public.complaint.district')} data={DISTRICTS} value={district} onChange={setDistrict} />
          <ContactFieldset value={contact} onChange={setContact} error={fieldErrors.contact} />
          <Select
            label={t('public.report.language')}
            data={(['ur', 'en', 'other'] as const).map((l) => ({ value: l, label: t(`public.languages.${l}`) }))}
            value={language}
            onChange={(v) => setLanguage(v ?? 'ur')}
            allowDeselect={false}
          />
          <SecuringProgress progress={secured.progress} />
          <Button type="submit" size="md" loading={busy} leftSection={<IconSend size={18} />} disabled={!agency.trim() || !whatHappened.trim()}>
            {t('public.complaint.submit')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
