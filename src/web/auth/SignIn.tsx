// Sign-in: username and password; when the server asks for a second factor (401
// totp_required) a six-digit code field appears and the form is sent again with it.
import { Alert, Anchor, Button, Center, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle, IconLock } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../lib/api';
import { errorMessage } from '../lib/feedback';
import { Brand } from '../lib/layout/Brand';
import { LanguageSwitch } from '../lib/layout/LanguageSwitch';
import { useLogin } from '../lib/session';

export function SignIn() {
  const { t } = useTranslation();
  const login = useLogin();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [needsCode, setNeedsCode] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setFieldErrors({});
    login.mutate(
      { username: username.trim(), password, ...(needsCode && totp ? { totp: totp.trim() } : {}) },
      {
        onError: (err) => {
          if (err instanceof ApiError && err.code === 'totp_required') {
            if (needsCode) setError(err.message);
            setNeedsCode(true);
            return;
          }
          if (err instanceof ApiError) setFieldErrors(err.fieldErrors());
          setError(errorMessage(err));
        },
      },
    );
  };

  return (
    <Center mih="100vh" p="md" bg="var(--mantine-color-gray-0)">
      <Stack w="100%" maw={420} gap="md">
        <Group justify="space-between">
          <Brand />
          <LanguageSwitch />
        </Group>
        <Paper withBorder shadow="sm" p="xl" radius="md">
          <form onSubmit={submit} noValidate>
            <Stack gap="md">
              <Title order={2} size="h3">
                {t('auth.title')}
              </Title>
              {error && (
                <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} role="alert" data-testid="signin-error">
                  {error}
                </Alert>
              )}
              <TextInput
                label={t('auth.username')}
                value={username}
                onChange={(e) => setUsername(e.currentTarget.value)}
                autoComplete="username"
                autoCapitalize="none"
                spellCheck={false}
                required
                error={fieldErrors.username}
                disabled={needsCode}
                dir="ltr"
              />
              <PasswordInput
                label={t('auth.password')}
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
                autoComplete="current-password"
                required
                error={fieldErrors.password}
                disabled={needsCode}
                dir="ltr"
              />
              {needsCode && (
                <TextInput
                  label={t('auth.code')}
                  description={t('auth.codeHint')}
                  value={totp}
                  onChange={(e) => setTotp(e.currentTarget.value.replace(/\D/g, '').slice(0, 6))}
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  maxLength={6}
                  required
                  autoFocus
                  error={fieldErrors.totp}
                  dir="ltr"
                />
              )}
              <Button type="submit" loading={login.isPending} leftSection={<IconLock size={16} />} fullWidth>
                {t('auth.signIn')}
              </Button>
              <Text size="xs" c="dimmed">
                {t('auth.notice')}
              </Text>
            </Stack>
          </form>
        </Paper>
        <Anchor component={Link} to="/report" ta="center" fw={600} c="red.8">
          {t('public.report.title')}
        </Anchor>
      </Stack>
    </Center>
  );
}
