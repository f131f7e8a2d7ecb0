import { Avatar, Badge, Group, Menu, Stack, Text, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLogout, IconLogout2, IconShieldLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { roleLabel, unitName } from '../format';
import { errorMessage } from '../feedback';
import { useLogout, useLogoutEverywhere, type SessionUser } from '../session';

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(-2)
    .map((w) => w[0] ?? '')
    .join('')
    .toUpperCase();
}

export function UserMenu({ user, minimal = false }: { user: SessionUser; minimal?: boolean }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const logout = useLogout();
  const logoutAll = useLogoutEverywhere();

  return (
    <Menu position="bottom-end" width={280} withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label={t('auth.userMenu')} data-testid="user-menu">
          <Group gap="xs" wrap="nowrap">
            <Avatar color="teal" radius="xl" size="md" lang="en">
              {initials(user.displayName)}
            </Avatar>
            <Stack gap={0} visibleFrom="sm" maw={220}>
              <Text size="sm" fw={600} truncate>
                {user.displayName}
              </Text>
              <Text size="xs" c="dimmed" truncate>
                {unitName(user.unit, i18n.language)}
              </Text>
            </Stack>
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <Text size="sm" fw={600} c="var(--mantine-color-text)">
            {user.displayName}
          </Text>
          <Text size="xs">{unitName(user.unit, i18n.language)}</Text>
          <Group gap={4} mt={4}>
            {user.roles.map((r) => (
              <Badge key={r} size="xs" variant="light">
                {roleLabel(t, r)}
              </Badge>
            ))}
          </Group>
        </Menu.Label>
        <Menu.Divider />
        {!minimal && (
          <Menu.Item leftSection={<IconShieldLock size={16} />} onClick={() => void navigate('/account')}>
            {t('nav.account')}
          </Menu.Item>
        )}
        <Menu.Item leftSection={<IconLogout size={16} />} onClick={() => logout.mutate()}>
          {t('auth.signOut')}
        </Menu.Item>
        <Menu.Item
          color="red"
          leftSection={<IconLogout2 size={16} />}
          onClick={() =>
            logoutAll.mutate(undefined, {
              onSuccess: (r) => notifications.show({ message: t('auth.signedOutEverywhere', { count: r.sessionsEnded }) }),
              onError: (e) => notifications.show({ color: 'red', message: errorMessage(e) }),
            })
          }
        >
          {t('auth.signOutEverywhere')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
