import { Alert, Button, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../lib/api';
import { errorMessage } from '../lib/feedback';

export function ChangePassword() {
  const { t } = useTranslation();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const change = useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) => api.post<void>('/api/v1/auth/password', body),
    onSuccess: () => {
      setCurrent('');
      setNew('');
      setConfirm('');
    },
    onError: (e) => {
      const fields = e instanceof ApiError ? e.fieldErrors() : {};
      setErrors(fields);
      if (Object.keys(fields).length === 0) setFormError(errorMessage(e));
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setErrors({});
    setFormError(null);
    change.reset();
    if (newPassword !== confirm) {
      setErrors({ confirm: t('account.password.mismatch') });
      return;
    }
    change.mutate({ currentPassword, newPassword });
  };

  return (
    <Paper withBorder p="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm" maw={420}>
          <Title order={2} size="h4">
            {t('account.password.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('account.password.hint')}
          </Text>
          {formError && (
            <Alert color="red" role="alert">
              {formError}
            </Alert>
          )}
          {change.isSuccess && (
            <Alert color="teal" role="status">
              {t('account.password.changed')}
            </Alert>
          )}
          <PasswordInput label={t('account.password.current')} value={currentPassword} onChange={(e) => setCurrent(e.currentTarget.value)} autoComplete="current-password" required error={errors.currentPassword} dir="ltr" />
          <PasswordInput label={t('account.password.new')} value={newPassword} onChange={(e) => setNew(e.currentTarget.value)} autoComplete="new-password" required error={errors.newPassword} dir="ltr" />
          <PasswordInput label={t('account.password.confirm')} value={confirm} onChange={(e) => setConfirm(e.currentTarget.value)} autoComplete="new-password" required error={errors.confirm} dir="ltr" />
          <Button type="submit" loading={change.isPending} disabled={!currentPassword || !newPassword || !confirm} style={{ alignSelf: 'flex-start' }}>
            {t('account.password.submit')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
