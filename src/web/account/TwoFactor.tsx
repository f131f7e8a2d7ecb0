import { Badge, Button, Group, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { TotpEnrolment } from '../auth/TotpEnrolment';
import { useSignedIn } from '../lib/session';

export function TwoFactor() {
  const { t } = useTranslation();
  const { user } = useSignedIn();
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <Paper withBorder p="lg">
      <Stack gap="sm">
        <Group gap="sm">
          <Title order={2} size="h4">
            {t('account.twoFactor.title')}
          </Title>
          <Badge color={user.totpEnrolled ? 'teal' : 'gray'}>{user.totpEnrolled ? t('common.active') : t('common.inactive')}</Badge>
        </Group>
        <Text>{user.totpEnrolled ? t('account.twoFactor.enrolled') : t('account.twoFactor.notEnrolled')}</Text>
        {user.totpRequired && <Text size="sm">{t('account.twoFactor.required')}</Text>}
        {user.totpEnrolled ? (
          <Text size="sm" c="dimmed">
            {t('account.twoFactor.lost')}
          </Text>
        ) : (
          <Button onClick={open} style={{ alignSelf: 'flex-start' }}>
            {t('account.twoFactor.enrol')}
          </Button>
        )}
      </Stack>
      <Modal opened={opened} onClose={close} title={t('enrol.title')} size="lg">
        {opened && <TotpEnrolment onDone={close} />}
      </Modal>
    </Paper>
  );
}
