// What the reporter must keep: the reference and the secret, with copy buttons and a warning.
import { ActionIcon, Alert, Button, Code, CopyButton, Group, Paper, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Receipt as R } from './api';

function Copyable({ label, value, testId }: { label: string; value: string; testId: string }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" wrap="nowrap">
      <Text fw={600} w={110}>
        {label}
      </Text>
      <Code fz="lg" data-testid={testId} dir="ltr" style={{ wordBreak: 'break-all' }}>
        {value}
      </Code>
      <CopyButton value={value}>
        {({ copied, copy }) => (
          <Tooltip label={copied ? t('common.copied') : t('common.copy')}>
            <ActionIcon variant="light" onClick={copy} aria-label={`${t('common.copy')}: ${label}`}>
              {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
            </ActionIcon>
          </Tooltip>
        )}
      </CopyButton>
    </Group>
  );
}

export function Receipt({ receipt, title, onAnother }: { receipt: R; title: string; onAnother: () => void }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="lg" radius="md" data-testid="receipt">
      <Stack gap="md">
        <Title order={2} size="h3">
          {title}
        </Title>
        <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />}>
          {t('public.report.doneText')}
        </Alert>
        <Copyable label={t('public.report.reference')} value={receipt.reference} testId="receipt-reference" />
        <Copyable label={t('public.report.secret')} value={receipt.secret} testId="receipt-secret" />
        <Group>
          <Button component={Link} to="/report/status" variant="light">
            {t('public.report.checkStatus')}
          </Button>
          <Button variant="subtle" onClick={onAnother}>
            {t('public.report.another')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
