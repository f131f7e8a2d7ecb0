// The signed-in frame: header (brand, language, user menu) and a navigation built from the
// module registry. On small screens the navigation folds behind a burger.
import { AppShell, Burger, Group, NavLink, ScrollArea } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconHome, IconShieldLock } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterLink, useLocation } from 'react-router';
import { modulesFor } from '../../modules';
import type { SessionUser } from '../session';
import { Brand } from './Brand';
import { LanguageSwitch } from './LanguageSwitch';
import { UserMenu } from './UserMenu';

export function Shell({ user, children }: { user: SessionUser; children: ReactNode }) {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const { pathname } = useLocation();
  const isActive = (path: string) => (path === '/' ? pathname === '/' : pathname === path || pathname.startsWith(`${path}/`));

  const links = [
    { path: '/', label: t('nav.home'), icon: IconHome },
    ...modulesFor(user.modules).map((m) => ({ path: m.path, label: t(`modules.${m.id}.title`), icon: m.icon })),
    { path: '/account', label: t('nav.account'), icon: IconShieldLock },
  ];

  return (
    <AppShell header={{ height: 64 }} navbar={{ width: 250, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.toggle')} />
            <Brand />
          </Group>
          <Group gap="sm" wrap="nowrap">
            <LanguageSwitch />
            <UserMenu user={user} />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('nav.label')} component="nav">
        <AppShell.Section grow component={ScrollArea}>
          {links.map((l) => (
            <NavLink
              key={l.path}
              component={RouterLink}
              to={l.path}
              label={l.label}
              leftSection={<l.icon size={18} stroke={1.6} />}
              active={isActive(l.path)}
              onClick={close}
              variant="light"
            />
          ))}
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main>{children}</AppShell.Main>
    </AppShell>
  );
}
