import { ActionIcon, Badge, Code, Collapse, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { IconChevronDown, IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, outcomeLabel } from '../lib/format';
import type { AuditEvent } from './api';

const OUTCOME_COLOUR: Record<string, string> = { success: 'teal', denied: 'orange', failure: 'red' };

function Detail({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" fw={600}>
        {label}
      </Text>
      {children}
    </Stack>
  );
}

function EventDetails({ event }: { event: AuditEvent }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm" p="sm">
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Detail label={t('audit.userAgent')}>
          <Text size="sm" dir="ltr" className="hz-mono">
            {event.userAgent ?? '—'}
          </Text>
        </Detail>
        <Detail label={t('audit.recordId')}>
          <Text size="sm" dir="ltr" className="hz-mono">
            {event.recordId ?? '—'}
          </Text>
        </Detail>
        <Detail label={t('audit.prevHash')}>
          <Text dir="ltr" className="hz-mono">
            {event.prevHash}
          </Text>
        </Detail>
        <Detail label={t('audit.hash')}>
          <Text dir="ltr" className="hz-mono">
            {event.hash}
          </Text>
        </Detail>
      </SimpleGrid>
      <Detail label={t('audit.details')}>
        <Code block dir="ltr">
          {event.details ? JSON.stringify(event.details, null, 2) : '—'}
        </Code>
      </Detail>
    </Stack>
  );
}

function EventRow({ event }: { event: AuditEvent }) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const Closed = i18n.dir() === 'rtl' ? IconChevronLeft : IconChevronRight;
  return (
    <Fragment>
      <Table.Tr data-testid="audit-row" style={{ cursor: 'pointer' }} onClick={() => setOpen((o) => !o)}>
        <Table.Td>
          <ActionIcon
            variant="subtle"
            size="sm"
            aria-expanded={open}
            aria-label={t('audit.showDetails', { seq: event.seq })}
            onClick={(e) => {
              e.stopPropagation();
              setOpen((o) => !o);
            }}
          >
            {open ? <IconChevronDown size={16} /> : <Closed size={16} />}
          </ActionIcon>
        </Table.Td>
        <Table.Td>{event.seq}</Table.Td>
        <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(event.at, i18n.language)}</Table.Td>
        <Table.Td>{event.actorName ?? <Text c="dimmed">{t('audit.system')}</Text>}</Table.Td>
        <Table.Td>
          <Code dir="ltr">{event.action}</Code>
        </Table.Td>
        <Table.Td dir="ltr" style={{ whiteSpace: 'nowrap' }}>{event.recordType ? `${event.recordType}${event.recordId ? ` ${event.recordId.slice(0, 8)}…` : ''}` : '—'}</Table.Td>
        <Table.Td dir="ltr">{event.fields?.join(', ') ?? ''}</Table.Td>
        <Table.Td miw={110}>
          <Badge color={OUTCOME_COLOUR[event.outcome] ?? 'gray'} style={{ overflow: 'visible' }}>
            {outcomeLabel(t, event.outcome)}
          </Badge>
        </Table.Td>
        <Table.Td dir="ltr" style={{ whiteSpace: 'nowrap' }}>
          {event.ip ?? ''}
        </Table.Td>
      </Table.Tr>
      {open && (
        <Table.Tr>
          <Table.Td colSpan={9} bg="var(--mantine-color-gray-0)">
            <Collapse expanded={open}>
              <EventDetails event={event} />
            </Collapse>
          </Table.Td>
        </Table.Tr>
      )}
    </Fragment>
  );
}

export function AuditTable({ events }: { events: AuditEvent[] }) {
  const { t } = useTranslation();
  if (events.length === 0) return <Text c="dimmed">{t('audit.empty')}</Text>;
  return (
    <Table.ScrollContainer minWidth={1100}>
      <Table striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>
              <span className="sr-only">{t('audit.details')}</span>
            </Table.Th>
            <Table.Th>{t('audit.seq')}</Table.Th>
            <Table.Th>{t('audit.time')}</Table.Th>
            <Table.Th>{t('audit.actor')}</Table.Th>
            <Table.Th>{t('audit.action')}</Table.Th>
            <Table.Th>{t('audit.record')}</Table.Th>
            <Table.Th>{t('audit.fields')}</Table.Th>
            <Table.Th>{t('audit.outcome')}</Table.Th>
            <Table.Th>{t('audit.ip')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events.map((e) => (
            <EventRow key={e.seq} event={e} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

