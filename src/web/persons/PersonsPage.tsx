// The person registry (module `persons`): /persons (search and newest), /persons/new,
// /persons/match, /persons/duplicates (reviewers only) and /persons/:id.
import { Stack, Tabs } from '@mantine/core';
import { IconArrowsJoin, IconListSearch, IconUserPlus, IconUserSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { useCanReview } from './api';
import { MatchTool } from './MatchTool';
import { PersonPage } from './PersonPage';
import { RegisterPerson } from './PersonForm';
import { RegistryPage } from './RegistryPage';
import { ReviewQueue } from './ReviewQueue';

const TABS = ['registry', 'register', 'match', 'review'] as const;
type Tab = (typeof TABS)[number];
const PATHS: Record<Tab, string> = { registry: '/persons', register: '/persons/new', match: '/persons/match', review: '/persons/duplicates' };

function tabOf(pathname: string): Tab | null {
  if (pathname === '/persons' || pathname === '/persons/') return 'registry';
  if (pathname.startsWith('/persons/new')) return 'register';
  if (pathname.startsWith('/persons/match')) return 'match';
  if (pathname.startsWith('/persons/duplicates')) return 'review';
  return null;
}

export default function PersonsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const canReview = useCanReview();
  const icons = { registry: IconListSearch, register: IconUserPlus, match: IconUserSearch, review: IconArrowsJoin };
  const visible = TABS.filter((tab) => tab !== 'review' || canReview);

  return (
    <Stack gap="md">
      <Tabs value={tabOf(pathname)} onChange={(v) => v && void navigate(PATHS[v as Tab])} keepMounted={false}>
        <Tabs.List aria-label={t('persons.nav.label')}>
          {visible.map((tab) => {
            const Icon = icons[tab];
            return (
              <Tabs.Tab key={tab} value={tab} leftSection={<Icon size={16} />}>
                {t(`persons.nav.${tab}`)}
              </Tabs.Tab>
            );
          })}
        </Tabs.List>
      </Tabs>
      <Routes>
        <Route index element={<RegistryPage />} />
        <Route path="new" element={<RegisterPerson />} />
        <Route path="match" element={<MatchTool />} />
        <Route path="duplicates" element={<ReviewQueue />} />
        <Route path=":id" element={<PersonPage />} />
        <Route path="*" element={<Navigate to="/persons" replace />} />
      </Routes>
    </Stack>
  );
}
