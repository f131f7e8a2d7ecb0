import { Button, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../lib/feedback';
import { useLogoutEverywhere } from '../lib/session';
import { ApiTokens } from './ApiTokens';
import { ChangePassword } from './ChangePassword';
import { TwoFactor } from './TwoFactor';

function Sessions() {
  const { t } = useTranslation();
  const logoutAll = useLogoutEverywhere();
  return (
    <Paper withBorder p="lg">
      <Stack gap="sm" align="flex-start">
        <Title order={2} size="h4">
          {t('account.sessions.title')}
        </Title>
        <Text size="sm">{t('auth.signOutEverywhereHint')}</Text>
        <Button
          color="red"
          variant="light"
          loading={logoutAll.isPending}
          onClick={() =>
            logoutAll.mutate(undefined, {
              onSuccess: (r) => notifications.show({ message: t('auth.signedOutEverywhere', { count: r.sessionsEnded }) }),
              onError: (e) => notifications.show({ color: 'red', message: errorMessage(e) }),
            })
          }
        >
          {t('auth.signOutEverywhere')}
        </Button>
      </Stack>
    </Paper>
  );
}

export function AccountPage() {
  const { t } = useTranslation();
  return (
    <Stack gap="lg" maw={960}>
      <Title order={1} size="h2">
        {t('account.title')}
      </Title>
      <ChangePassword />
      <TwoFactor />
      <ApiTokens />
      <Sessions />
    </Stack>
  );
}
