// All contacts, newest first, with filters (status, channel, earlier contacts from a number) and
// paging.
import { Anchor, Group, Pagination, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorNotice, Loading } from '../lib/feedback';
import { formatDateTime } from '../lib/format';
import { useContacts } from './api';
import { ChannelIcon, Classification, StatusBadge, UrgencyBadge } from './components';
import { useOptions } from './labels';

const PAGE_SIZE = 25;

export function Contacts() {
  const { t, i18n } = useTranslation();
  const options = useOptions();
  const [status, setStatus] = useState<string | null>(null);
  const [channel, setChannel] = useState<string | null>(null);
  const [phone, setPhone] = useState('');
  const [debounced] = useDebouncedValue(phone.trim(), 400);
  const [page, setPage] = useState(1);
  const list = useContacts({ status: status ?? undefined, channel: channel ?? undefined, phone: debounced || undefined, page, pageSize: PAGE_SIZE });
  return (
    <Stack gap="md">
      <Group align="flex-end" wrap="wrap">
        <Select label={t('helpline.filterStatus')} placeholder={t('common.all')} data={options('statuses')} value={status} onChange={(v) => (setStatus(v), setPage(1))} clearable w={{ base: '100%', sm: 180 }} />
        <Select label={t('helpline.filterChannel')} placeholder={t('common.all')} data={options('channels')} value={channel} onChange={(v) => (setChannel(v), setPage(1))} clearable w={{ base: '100%', sm: 180 }} />
        <TextInput label={t('helpline.phoneSearch')} value={phone} onChange={(e) => (setPhone(e.currentTarget.value), setPage(1))} dir="ltr" w={{ base: '100%', sm: 220 }} />
      </Group>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <Text c="dimmed">{t('helpline.contactsEmpty')}</Text>
      ) : (
        <>
          <Table.ScrollContainer minWidth={760}>
            <Table striped highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th />
                  <Table.Th>{t('helpline.received')}</Table.Th>
                  <Table.Th>{t('helpline.status')}</Table.Th>
                  <Table.Th>{t('helpline.urgency')}</Table.Th>
                  <Table.Th>{t('helpline.classification')}</Table.Th>
                  <Table.Th>{t('helpline.district')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.items.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <ChannelIcon channel={c.channel} />
                        <Anchor component={Link} to={`/helpline/contacts/${c.id}`} dir="ltr">
                          {c.ref}
                        </Anchor>
                      </Group>
                    </Table.Td>
                    <Table.Td>{formatDateTime(c.receivedAt, i18n.language)}</Table.Td>
                    <Table.Td>
                      <StatusBadge status={c.status} />
                    </Table.Td>
                    <Table.Td>
                      <UrgencyBadge urgency={c.urgency} />
                    </Table.Td>
                    <Table.Td>
                      <Classification ids={c.classification} />
                    </Table.Td>
                    <Table.Td>{[c.district, c.province].filter(Boolean).join(', ')}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Group justify="space-between">
            <Text size="sm" c="dimmed">
              {t('common.total', { count: list.data.total })}
            </Text>
            <Pagination total={Math.max(1, Math.ceil(list.data.total / PAGE_SIZE))} value={page} onChange={setPage} size="sm" />
          </Group>
        </>
      )}
    </Stack>
  );
}
