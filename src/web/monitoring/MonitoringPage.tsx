// Monitoring (module `monitoring`): the Coordination & Monitoring Cell's screens as tabs —
// dashboard, overdue deadlines, proclaimed offenders, monthly worksheet, import of legacy
// registers. The register filters apply to all of them and live in the address bar.
import '@mantine/charts/styles.css';
import { Stack, Tabs, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate, useSearchParams } from 'react-router';
import type { RegisterFilters } from '../cases/api';
import { filtersFrom, RegisterFilterBar } from '../cases/Register';
import { useSignedIn } from '../lib/session';
import { Dashboard } from './Dashboard';
import { ImportView } from './Import';
import { OverdueList, ProclaimedList } from './Lists';
import { WorksheetView } from './Worksheet';

const TABS = ['dashboard', 'overdue', 'proclaimed', 'worksheet', 'import'] as const;

export default function MonitoringPage() {
  const { t } = useTranslation();
  const { user } = useSignedIn();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [params, setParams] = useSearchParams();
  const { mine: _mine, ...filters } = filtersFrom(params);
  const canImport = user.roles.some((r) => r === 'atu-supervisor' || r === 'atu-investigator');
  const tabs = TABS.filter((x) => x !== 'import' || canImport);
  const tab = tabs.find((x) => pathname.startsWith(`/monitoring/${x}`)) ?? 'dashboard';
  const setFilters = (f: RegisterFilters) => {
    const next = new URLSearchParams();
    for (const [k, v] of Object.entries(f)) if (v !== undefined && v !== '' && k !== 'mine') next.set(k, String(v));
    setParams(next, { replace: true });
  };
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {t('monitoring.title')}
      </Title>
      <Tabs value={tab} onChange={(v) => void navigate({ pathname: `/monitoring/${v ?? 'dashboard'}`, search: params.toString() })} keepMounted={false}>
        <Tabs.List style={{ flexWrap: 'wrap' }}>
          {tabs.map((x) => (
            <Tabs.Tab key={x} value={x}>
              {t(`monitoring.tabs.${x}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      {tab !== 'import' && <RegisterFilterBar value={filters} onChange={setFilters} />}
      <Routes>
        <Route index element={<Navigate to="dashboard" replace />} />
        <Route path="dashboard" element={<Dashboard filters={filters} />} />
        <Route path="overdue" element={<OverdueList filters={filters} />} />
        <Route path="proclaimed" element={<ProclaimedList filters={filters} />} />
        <Route path="worksheet" element={<WorksheetView filters={filters} />} />
        {canImport && <Route path="import" element={<ImportView />} />}
        <Route path="*" element={<Navigate to="dashboard" replace />} />
      </Routes>
    </Stack>
  );
}
