// Home: who you are, where you sit, your roles, and the modules you can open.
import { Badge, Card, Group, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconBuilding, IconShieldCheck, IconShieldX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { kindLabel, roleLabel, unitName } from '../lib/format';
import { useSignedIn } from '../lib/session';
import { modulesFor } from '../modules';

export function HomePage() {
  const { t, i18n } = useTranslation();
  const { user } = useSignedIn();
  const modules = modulesFor(user.modules);

  return (
    <Stack gap="lg" maw={960}>
      <Stack gap="xs">
        <Title order={1} size="h2">
          {t('home.welcome', { name: user.displayName })}
        </Title>
        <Group gap="xs">
          <IconBuilding size={18} aria-hidden />
          <Text fw={500} data-testid="home-unit">
            {unitName(user.unit, i18n.language)}
          </Text>
          <Badge variant="outline" color="gray">
            {kindLabel(t, user.unit.kind)}
          </Badge>
        </Group>
        <Group gap="xs" aria-label={t('home.roles')}>
          <Text size="sm" c="dimmed">
            {t('home.roles')}:
          </Text>
          {user.roles.map((r) => (
            <Badge key={r} variant="light">
              {roleLabel(t, r)}
            </Badge>
          ))}
        </Group>
        <Group gap={6} wrap="nowrap" align="flex-start">
          {user.totpEnrolled ? <IconShieldCheck size={16} color="var(--mantine-color-teal-7)" aria-hidden /> : <IconShieldX size={16} color="var(--mantine-color-gray-6)" aria-hidden />}
          <Text size="sm" c="dimmed">
            {user.totpEnrolled ? t('home.twoFactorOn') : t('home.twoFactorOff')}
          </Text>
        </Group>
      </Stack>

      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('home.modules')}
        </Title>
        {modules.length === 0 ? (
          <Text c="dimmed">{t('home.noModules')}</Text>
        ) : (
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
            {modules.map((m) => (
              <Card key={m.id} component={Link} to={m.path} withBorder padding="lg" radius="md" className="hz-card-link">
                <Group gap="sm" wrap="nowrap" align="flex-start">
                  <ThemeIcon size="xl" variant="light" radius="md" aria-hidden>
                    <m.icon size={24} />
                  </ThemeIcon>
                  <Stack gap={4}>
                    <Text fw={700}>{t(`modules.${m.id}.title`)}</Text>
                    <Text size="sm" c="dimmed">
                      {t(`modules.${m.id}.description`)}
                    </Text>
                  </Stack>
                </Group>
              </Card>
            ))}
          </SimpleGrid>
        )}
      </Stack>
    </Stack>
  );
}
