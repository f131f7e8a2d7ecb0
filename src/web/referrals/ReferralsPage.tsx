// Referrals (module `referrals`): received and sent boxes, the service directory, a referral at
// /referrals/:id, sending one at /referrals/new, and — for ATU roles — the incoming hand-offs from
// the helpline at /referrals/handoffs (acknowledging opens the inquiry case).
import { Anchor, Badge, Button, Card, Group, Select, Stack, Tabs, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useLocation, useNavigate } from 'react-router';
import { ErrorNotice, Loading } from '../lib/feedback';
import { formatDateTime } from '../lib/format';
import { NotFound } from '../lib/NotFound';
import { useSignedIn } from '../lib/session';
import { useReferrals } from './api';
import { Directory } from './Directory';
import { HandoffPage, Handoffs } from './Handoffs';
import { NewReferral } from './NewReferral';
import { ReferralPage } from './ReferralPage';
import { STATUS_COLOR, useRLabel, useROptions } from './labels';

const PAGE_SIZE = 20;
const ATU_ROLES = ['atu-investigator', 'atu-supervisor'];
const PROVIDER_ROLES = ['shelter-staff', 'ngo-caseworker'];

function Box({ box }: { box: 'sent' | 'received' }) {
  const { t, i18n } = useTranslation();
  const label = useRLabel();
  const options = useROptions();
  const [status, setStatus] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const list = useReferrals(box, status ?? undefined, page, PAGE_SIZE);
  return (
    <Stack gap="sm">
      <Select label={t('referrals.status')} placeholder={t('common.all')} data={options('statuses')} value={status} onChange={(v) => (setStatus(v), setPage(1))} clearable w={{ base: '100%', sm: 220 }} />
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <Text c="dimmed">{t('referrals.empty')}</Text>
      ) : (
        list.data.items.map((r) => (
          <Card key={r.id} withBorder padding="sm" data-testid="referral-row" data-ref={r.ref}>
            <Group justify="space-between" wrap="wrap">
              <Stack gap={2}>
                <Group gap="xs">
                  <Anchor component={Link} to={`/referrals/${r.id}`} fw={600} dir="ltr">
                    {r.ref}
                  </Anchor>
                  <Badge color={STATUS_COLOR[r.status] ?? 'gray'} variant="light">
                    {label('statuses', r.status)}
                  </Badge>
                  {r.overdue && <Badge color="red">{t('referrals.overdue')}</Badge>}
                  {r.urgency === 'immediate' && <Badge color="red" variant="outline">{label('urgencies', r.urgency)}</Badge>}
                </Group>
                <Text size="sm">
                  {label('services', r.service)} · {box === 'sent' ? `${t('referrals.to')} ${r.provider.name}` : `${t('referrals.from')} ${r.from.name}`}
                </Text>
                <Text size="xs" c="dimmed">
                  {formatDateTime(r.createdAt, i18n.language)} · {r.status === 'sent' ? t('referrals.respondBy', { date: formatDateTime(r.respondBy, i18n.language) }) : ''}
                </Text>
              </Stack>
            </Group>
          </Card>
        ))
      )}
      {list.data && (page > 1 || list.data.items.length === PAGE_SIZE) && (
        <Group>
          <Button variant="default" size="xs" disabled={page === 1} onClick={() => setPage(page - 1)}>
            ‹
          </Button>
          <Text size="sm">{page}</Text>
          <Button variant="default" size="xs" disabled={list.data.items.length < PAGE_SIZE} onClick={() => setPage(page + 1)}>
            ›
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function Home() {
  const { t } = useTranslation();
  const { user } = useSignedIn();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const atu = user.roles.some((r) => ATU_ROLES.includes(r));
  const provider = user.roles.some((r) => PROVIDER_ROLES.includes(r));
  const section = pathname.split('/')[2] ?? '';
  const tabs = [
    ...(provider ? [{ value: 'received', label: t('referrals.tabs.received') }] : []),
    { value: 'sent', label: t('referrals.tabs.sent') },
    { value: 'directory', label: t('referrals.tabs.directory') },
    ...(atu ? [{ value: 'handoffs', label: t('referrals.tabs.handoffs') }] : []),
  ];
  const current = tabs.some((x) => x.value === section) ? section : (tabs[0]?.value ?? 'sent');
  return (
    <Tabs value={current} onChange={(v) => void navigate(`/referrals/${v ?? ''}`)} keepMounted={false}>
      <Tabs.List style={{ overflowX: 'auto', flexWrap: 'nowrap' }}>
        {tabs.map((x) => (
          <Tabs.Tab key={x.value} value={x.value}>
            {x.label}
          </Tabs.Tab>
        ))}
      </Tabs.List>
      <Stack pt="md">
        {current === 'received' && <Box box="received" />}
        {current === 'sent' && <Box box="sent" />}
        {current === 'directory' && <Directory />}
        {current === 'handoffs' && <Handoffs />}
      </Stack>
    </Tabs>
  );
}

export default function ReferralsPage() {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('referrals.title')}
        </Title>
        <Button component={Link} to="/referrals/new" leftSection={<IconPlus size={16} />} variant="light">
          {t('referrals.newReferral')}
        </Button>
      </Group>
      <Routes>
        <Route index element={<Home />} />
        <Route path="received" element={<Home />} />
        <Route path="sent" element={<Home />} />
        <Route path="directory" element={<Home />} />
        <Route path="handoffs" element={<Home />} />
        <Route path="handoffs/:id" element={<HandoffPage />} />
        <Route path="new" element={<NewReferral />} />
        <Route path=":id" element={<ReferralPage />} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </Stack>
  );
}
