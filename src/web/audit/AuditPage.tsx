// Audit (module `audit`): the filterable, paged event list and chain verification.
import { Alert, Button, Group, Pagination, Stack, Text, Title } from '@mantine/core';
import { IconCircleCheck, IconLinkOff, IconShieldSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, QueryView } from '../lib/feedback';
import { useAuditEvents, useVerifyChain, type AuditFilters as Filters } from './api';
import { AuditFilters } from './AuditFilters';
import { AuditTable } from './AuditTable';

const PAGE_SIZE = 50;

function VerifyChain() {
  const { t } = useTranslation();
  const verify = useVerifyChain();
  return (
    <Stack gap="xs">
      <Group>
        <Button leftSection={<IconShieldSearch size={16} />} onClick={() => verify.mutate()} loading={verify.isPending} variant="light">
          {verify.isPending ? t('audit.verifying') : t('audit.verify')}
        </Button>
      </Group>
      {verify.isError && <ErrorNotice error={verify.error} />}
      {verify.data &&
        (verify.data.ok ? (
          <Alert color="teal" icon={<IconCircleCheck size={18} />} role="status" data-testid="verify-result">
            {t('audit.verifyOk', { count: verify.data.checked })}
          </Alert>
        ) : (
          <Alert color="red" icon={<IconLinkOff size={18} />} role="alert" data-testid="verify-result">
            {t('audit.verifyBroken', { seq: verify.data.brokenAt?.seq ?? '?', reason: verify.data.brokenAt?.reason ?? '', count: verify.data.checked })}
          </Alert>
        ))}
    </Stack>
  );
}

export default function AuditPage() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const events = useAuditEvents(filters, page, PAGE_SIZE);
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {t('audit.title')}
      </Title>
      <VerifyChain />
      <AuditFilters
        onApply={(f) => {
          setFilters(f);
          setPage(1);
        }}
      />
      <QueryView query={events}>
        {(data) => (
          <Stack gap="sm">
            <AuditTable events={data.items} />
            <Group justify="space-between">
              <Text size="sm" c="dimmed">
                {t('common.total', { count: data.total })}
              </Text>
              <Pagination total={Math.max(1, Math.ceil(data.total / PAGE_SIZE))} value={page} onChange={setPage} size="sm" aria-label={t('pagination.label')} />
            </Group>
          </Stack>
        )}
      </QueryView>
    </Stack>
  );
}
