// Helpline (module `helpline`): the live queue at /helpline, a contact at /helpline/contacts/:id,
// contacts, callbacks, reports and complaints from the public pages, supervision and statistics.
import { Group, Stack, Tabs, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useLocation, useNavigate } from 'react-router';
import { NotFound } from '../lib/NotFound';
import { useSignedIn } from '../lib/session';
import { Callbacks } from './Callbacks';
import { ContactPage } from './ContactPage';
import { Contacts } from './Contacts';
import { Queue } from './Queue';
import { HelplineStats } from './Stats';
import { SubmissionPage, Submissions } from './Submissions';
import { SupervisionPage } from './Supervision';

export const isSupervisor = (roles: readonly string[]) => roles.includes('helpline-supervisor');

function HelplineTabs() {
  const { t } = useTranslation();
  const { user } = useSignedIn();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const section = pathname.split('/')[2] || 'queue';
  const tabs = [
    { value: 'queue', label: t('helpline.tabs.queue') },
    { value: 'contacts', label: t('helpline.tabs.contacts') },
    { value: 'callbacks', label: t('helpline.tabs.callbacks') },
    { value: 'submissions', label: t('helpline.tabs.submissions') },
    ...(isSupervisor(user.roles) ? [{ value: 'supervision', label: t('helpline.tabs.supervision') }] : []),
    { value: 'stats', label: t('helpline.tabs.stats') },
  ];
  return (
    <Tabs value={tabs.some((x) => x.value === section) ? section : null} onChange={(v) => void navigate(`/helpline${v && v !== 'queue' ? `/${v}` : ''}`)} keepMounted={false}>
      <Tabs.List style={{ overflowX: 'auto', flexWrap: 'nowrap' }}>
        {tabs.map((x) => (
          <Tabs.Tab key={x.value} value={x.value}>
            {x.label}
          </Tabs.Tab>
        ))}
      </Tabs.List>
    </Tabs>
  );
}

export default function HelplinePage() {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('helpline.title')}
        </Title>
      </Group>
      <HelplineTabs />
      <Routes>
        <Route index element={<Queue />} />
        <Route path="contacts" element={<Contacts />} />
        <Route path="contacts/:id" element={<ContactPage />} />
        <Route path="callbacks" element={<Callbacks />} />
        <Route path="submissions" element={<Submissions />} />
        <Route path="submissions/:id" element={<SubmissionPage />} />
        <Route path="supervision" element={<SupervisionPage />} />
        <Route path="stats" element={<HelplineStats />} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </Stack>
  );
}
