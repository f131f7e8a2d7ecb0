// The public pages, outside the sign-in gate: /report (anonymous report), /report/status (status
// and adding information), /complaint. A quick-exit button (and Escape) forgets every form and
// replaces the page with a neutral site at once, leaving nothing in the back history.
import { Anchor, Box, Button, Container, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconDoorExit } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Route, Routes } from 'react-router';
import { Brand } from '../lib/layout/Brand';
import { LanguageSwitch } from '../lib/layout/LanguageSwitch';
import { ComplaintForm } from './ComplaintForm';
import { ReportForm } from './ReportForm';
import { StatusPage } from './StatusPage';

export const NEUTRAL_SITE = 'https://www.google.com.pk';

/** Paths served here without sign-in. */
export const isPublicPath = (pathname: string) => /^\/(report|complaint)(\/|$)/.test(pathname);

export function PublicPages() {
  const { t } = useTranslation();
  // Changing the key unmounts the forms, so nothing typed survives the exit.
  const [generation, setGeneration] = useState(0);

  const quickExit = useCallback(() => {
    setGeneration((g) => g + 1);
    try {
      sessionStorage.clear();
    } catch {
      // private mode
    }
    document.title = 'Google';
    window.location.replace(NEUTRAL_SITE);
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !document.querySelector('[role="listbox"], [role="dialog"]')) quickExit();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [quickExit]);

  const link = (to: string, label: string) => (
    <Anchor component={NavLink} to={to} end size="sm">
      {label}
    </Anchor>
  );

  return (
    <Box mih="100vh" bg="var(--mantine-color-gray-0)" pb="xl">
      <Box component="header" bg="white" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)', position: 'sticky', top: 0, zIndex: 100 }}>
        <Container size="md" py="xs">
          <Group justify="space-between" wrap="nowrap" gap="xs">
            <Brand />
            <Group gap="xs" wrap="nowrap">
              <LanguageSwitch />
              <Tooltip label={t('public.quickExitHint')}>
                <Button color="red" size="sm" leftSection={<IconDoorExit size={18} />} onClick={quickExit} data-testid="quick-exit">
                  {t('public.quickExit')}
                </Button>
              </Tooltip>
            </Group>
          </Group>
        </Container>
      </Box>
      <Container size="sm" pt="md" key={generation}>
        <Stack gap="md">
          <Group gap="md" component="nav" aria-label={t('public.nav.report')}>
            {link('/report', t('public.nav.report'))}
            {link('/report/status', t('public.nav.status'))}
            {link('/complaint', t('public.nav.complaint'))}
          </Group>
          <Text size="sm" c="dimmed">
            {t('public.safety')}
          </Text>
          <Routes>
            <Route path="/report" element={<ReportForm />} />
            <Route path="/report/status" element={<StatusPage />} />
            <Route path="/complaint" element={<ComplaintForm />} />
          </Routes>
          <Group justify="space-between">
            <Text size="sm" fw={500}>
              {t('public.free')}
            </Text>
            <Anchor href="/" size="sm">
              {t('public.signInLink')}
            </Anchor>
          </Group>
        </Stack>
      </Container>
    </Box>
  );
}
