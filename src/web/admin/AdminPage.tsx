// Administration (module `admin`): /admin/units and /admin/users as tabs.
import { Stack, Tabs, Title } from '@mantine/core';
import { IconSitemap, IconUsers } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { UnitsTree } from './UnitsTree';
import { UsersPanel } from './UsersPanel';

export default function AdminPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const tab = pathname.startsWith('/admin/users') ? 'users' : 'units';
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {t('admin.title')}
      </Title>
      <Tabs value={tab} onChange={(v) => void navigate(`/admin/${v ?? 'units'}`)} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="units" leftSection={<IconSitemap size={16} />}>
            {t('admin.tabs.units')}
          </Tabs.Tab>
          <Tabs.Tab value="users" leftSection={<IconUsers size={16} />}>
            {t('admin.tabs.users')}
          </Tabs.Tab>
        </Tabs.List>
      </Tabs>
      <Routes>
        <Route index element={<Navigate to="units" replace />} />
        <Route path="units" element={<UnitsTree />} />
        <Route path="users" element={<UsersPanel />} />
        <Route path="*" element={<Navigate to="units" replace />} />
      </Routes>
    </Stack>
  );
}
