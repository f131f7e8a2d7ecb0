// Immigration screening (module `screening`): the counter at /screening, off-loading and deportee
// intake, watchlists (supervisors manage), flight manifests, referrals for the ATU
// (/screening/referrals) and the headquarters dashboard. Tabs follow the user's roles.
import '@mantine/charts/styles.css';
import { Stack, Tabs, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { useSignedIn } from '../lib/session';
import { Counter } from './Counter';
import { ScreeningDashboard } from './Dashboard';
import { isAtu, isHq, isImmigration } from './labels';
import { Manifests } from './Manifests';
import { ScreeningReferrals } from './Referrals';
import { Deportees, Offloading } from './Travellers';
import { Watchlists } from './Watchlists';

type Tab = 'counter' | 'offloading' | 'deportees' | 'watchlists' | 'manifests' | 'referrals' | 'dashboard';
const PATHS: Record<Tab, string> = {
  counter: '/screening',
  offloading: '/screening/offloading',
  deportees: '/screening/deportees',
  watchlists: '/screening/watchlists',
  manifests: '/screening/manifests',
  referrals: '/screening/referrals',
  dashboard: '/screening/dashboard',
};

export function tabsFor(roles: readonly string[]): Tab[] {
  const imm = isImmigration(roles);
  const tabs: Tab[] = [];
  if (imm) tabs.push('counter', 'offloading', 'deportees', 'manifests');
  if (imm || isHq(roles)) tabs.push('watchlists');
  if (isAtu(roles) || imm) tabs.push('referrals');
  if (isHq(roles)) tabs.push('dashboard');
  return tabs;
}

export default function ScreeningPage() {
  const { t } = useTranslation();
  const { user } = useSignedIn();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const tabs = tabsFor(user.roles);
  const section = pathname.split('/')[2] ?? '';
  const tab = tabs.find((x) => (x === 'counter' ? section === '' : section === x)) ?? null;
  const home = tabs[0] ?? 'referrals';
  const allowed = (x: Tab) => tabs.includes(x);

  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {t('screening.title')}
      </Title>
      <Tabs value={tab} onChange={(v) => v && void navigate(PATHS[v as Tab])} keepMounted={false}>
        <Tabs.List style={{ overflowX: 'auto', flexWrap: 'nowrap' }}>
          {tabs.map((x) => (
            <Tabs.Tab key={x} value={x}>
              {t(`screening.tabs.${x}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Routes>
        <Route index element={allowed('counter') ? <Counter /> : <Navigate to={PATHS[home]} replace />} />
        {allowed('offloading') && <Route path="offloading" element={<Offloading />} />}
        {allowed('deportees') && <Route path="deportees" element={<Deportees />} />}
        {allowed('watchlists') && <Route path="watchlists" element={<Watchlists />} />}
        {allowed('manifests') && <Route path="manifests" element={<Manifests />} />}
        <Route path="referrals" element={<ScreeningReferrals />} />
        {allowed('dashboard') && <Route path="dashboard" element={<ScreeningDashboard />} />}
        <Route path="*" element={<Navigate to={PATHS[home]} replace />} />
      </Routes>
    </Stack>
  );
}
