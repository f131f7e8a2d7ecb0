// Status of a report or complaint: reference + secret → the status in plain words (in the
// reader's language), staff replies, and a form to add information (with a new challenge).
import { Alert, Badge, Button, Card, Group, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconSearch } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../lib/api';
import { errorMessage } from '../lib/feedback';
import { formatDateTime } from '../lib/format';
import { addInformation, readStatus, type PublicStatus } from './api';
import { SecuringProgress, useSecuredSend } from './ReportForm';

export function StatusPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [reference, setReference] = useState('');
  const [secret, setSecret] = useState('');
  const [status, setStatus] = useState<PublicStatus | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [more, setMore] = useState('');
  const [added, setAdded] = useState(false);
  const secured = useSecuredSend();

  const load = async () => setStatus(await readStatus(reference.trim().toUpperCase(), secret.trim()));

  const check = (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setAdded(false);
    setBusy(true);
    load()
      .catch((err: unknown) => {
        setStatus(null);
        setError(err instanceof ApiError && (err.status === 404 || err.status === 400) ? new Error(t('public.status.notFound')) : err);
      })
      .finally(() => setBusy(false));
  };

  const add = (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    void secured
      .run((pow) => addInformation(reference.trim().toUpperCase(), secret.trim(), more, pow))
      .then(async () => {
        setMore('');
        setAdded(true);
        await load();
      })
      .catch((err: unknown) => setError(err))
      .finally(() => setBusy(false));
  };

  return (
    <Stack gap="md">
      <Paper withBorder p={{ base: 'md', sm: 'lg' }} radius="md">
        <form onSubmit={check} noValidate>
          <Stack gap="md">
            <Title order={1} size="h2">
              {t('public.status.title')}
            </Title>
            <Text>{t('public.status.intro')}</Text>
            <Group grow align="flex-start" wrap="wrap">
              <TextInput label={t('public.status.reference')} value={reference} onChange={(e) => setReference(e.currentTarget.value)} dir="ltr" autoComplete="off" miw={180} required />
              <TextInput label={t('public.status.secret')} value={secret} onChange={(e) => setSecret(e.currentTarget.value)} dir="ltr" autoComplete="off" type="password" miw={180} required />
            </Group>
            <Button type="submit" leftSection={<IconSearch size={16} />} loading={busy && !status} disabled={!reference.trim() || !secret.trim()}>
              {t('public.status.check')}
            </Button>
          </Stack>
        </form>
      </Paper>
      {error !== null && (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} role="alert" data-testid="status-error">
          {errorMessage(error)}
        </Alert>
      )}
      {status && (
        <Paper withBorder p={{ base: 'md', sm: 'lg' }} radius="md" data-testid="public-status">
          <Stack gap="sm">
            <Group justify="space-between">
              <Group gap="xs">
                <Badge variant="light">{t(`public.status.kind.${status.kind}`)}</Badge>
                <Text fw={600} dir="ltr">
                  {status.reference}
                </Text>
              </Group>
              <Text size="sm" c="dimmed">
                {t('public.status.updated', { date: formatDateTime(status.updatedAt, lang) })}
              </Text>
            </Group>
            <Text size="lg" fw={600} data-testid="public-status-text">
              {lang === 'ur' ? status.statusText.ur : status.statusText.en}
            </Text>
            <Text size="sm" c="dimmed">
              {t('public.status.submitted', { date: formatDateTime(status.submittedAt, lang) })}
            </Text>
            <Title order={2} size="h4">
              {t('public.status.messages')}
            </Title>
            {status.messages.length === 0 && <Text c="dimmed">{t('public.status.noMessages')}</Text>}
            {status.messages.map((m, i) => (
              <Card key={i} withBorder padding="sm" bg={m.from === 'staff' ? 'var(--mantine-color-blue-0)' : undefined} data-testid={`message-${m.from}`}>
                <Text size="xs" c="dimmed">
                  {m.from === 'staff' ? t('public.status.fromStaff') : t('public.status.fromReporter')} · {formatDateTime(m.at, lang)}
                </Text>
                <Text style={{ whiteSpace: 'pre-wrap' }}>{m.body}</Text>
              </Card>
            ))}
            <form onSubmit={add} noValidate>
              <Stack gap="sm" mt="md">
                <Title order={2} size="h4">
                  {t('public.status.addTitle')}
                </Title>
                {added && (
                  <Alert color="green" variant="light" icon={<IconCheck size={18} />}>
                    {t('public.status.added')}
                  </Alert>
                )}
                <Textarea label={t('public.status.addText')} value={more} onChange={(e) => setMore(e.currentTarget.value)} autosize minRows={3} />
                <SecuringProgress progress={secured.progress} />
                <Button type="submit" variant="light" loading={busy} disabled={!more.trim()}>
                  {t('public.status.add')}
                </Button>
              </Stack>
            </form>
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
