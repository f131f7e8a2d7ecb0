// While the session is mfaPending the user sees only this: enrolment, language and sign out.
import { Container, Group, Paper, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Brand } from '../lib/layout/Brand';
import { LanguageSwitch } from '../lib/layout/LanguageSwitch';
import { UserMenu } from '../lib/layout/UserMenu';
import type { SessionUser } from '../lib/session';
import { TotpEnrolment } from './TotpEnrolment';

export function EnrolGate({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  return (
    <Container size="sm" py="lg">
      <Stack gap="md">
        <Group justify="space-between" wrap="nowrap">
          <Brand />
          <Group gap="sm" wrap="nowrap">
            <LanguageSwitch />
            <UserMenu user={user} minimal />
          </Group>
        </Group>
        <Paper withBorder shadow="sm" p="xl">
          <Stack gap="md">
            <Title order={1} size="h2">
              {t('enrol.title')}
            </Title>
            <TotpEnrolment />
          </Stack>
        </Paper>
      </Stack>
    </Container>
  );
}
