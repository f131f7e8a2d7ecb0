// Personal API tokens: list, create (the secret is shown once, with a copy button), revoke.
import { Alert, Badge, Button, Code, CopyButton, Group, NumberInput, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../lib/api';
import { errorMessage, QueryView } from '../lib/feedback';
import { formatDate, formatDateTime } from '../lib/format';

interface ApiToken {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

const TOKENS_KEY = ['auth', 'tokens'] as const;

function TokenStatus({ token }: { token: ApiToken }) {
  const { t } = useTranslation();
  if (token.revokedAt) return <Badge color="gray">{t('account.tokens.revoked')}</Badge>;
  if (token.expiresAt && new Date(token.expiresAt) < new Date()) return <Badge color="orange">{t('account.tokens.expired')}</Badge>;
  return <Badge color="teal">{t('account.tokens.active')}</Badge>;
}

function CreateToken({ onCreated }: { onCreated: (token: string) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [name, setName] = useState('');
  const [days, setDays] = useState<number | string>('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: (body: { name: string; expiresInDays?: number }) => api.post<{ id: string; token: string }>('/api/v1/auth/tokens', body),
    onSuccess: async (r) => {
      setName('');
      setDays('');
      onCreated(r.token);
      await qc.invalidateQueries({ queryKey: TOKENS_KEY });
    },
    onError: (e) => {
      const f = e instanceof ApiError ? e.fieldErrors() : {};
      setErrors(f);
      if (Object.keys(f).length === 0) setFormError(errorMessage(e));
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setErrors({});
    setFormError(null);
    create.mutate({ name: name.trim(), ...(typeof days === 'number' ? { expiresInDays: days } : {}) });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        {formError && <Alert color="red">{formError}</Alert>}
        <Group align="flex-end" gap="sm">
          <TextInput label={t('account.tokens.name')} description={t('account.tokens.nameHint')} value={name} onChange={(e) => setName(e.currentTarget.value)} required error={errors.name} w={260} />
          <NumberInput label={t('account.tokens.expires')} description={t('common.optional')} value={days} onChange={setDays} min={1} max={730} allowDecimal={false} error={errors.expiresInDays} w={180} />
          <Button type="submit" loading={create.isPending} disabled={!name.trim()}>
            {t('account.tokens.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function ApiTokens() {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const tokens = useQuery({ queryKey: TOKENS_KEY, queryFn: () => api.get<{ items: ApiToken[] }>('/api/v1/auth/tokens') });
  const [fresh, setFresh] = useState<string | null>(null);
  const revoke = useMutation({
    mutationFn: (id: string) => api.delete<void>(`/api/v1/auth/tokens/${id}`),
    onSettled: () => qc.invalidateQueries({ queryKey: TOKENS_KEY }),
  });

  return (
    <Paper withBorder p="lg">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('account.tokens.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('account.tokens.intro')}
        </Text>
        <CreateToken onCreated={setFresh} />
        {fresh && (
          <Alert color="yellow" title={t('account.tokens.once')} withCloseButton onClose={() => setFresh(null)} closeButtonLabel={t('common.close')}>
            <Group gap="sm" wrap="nowrap">
              <Code dir="ltr" className="hz-mono" data-testid="new-token">
                {fresh}
              </Code>
              <CopyButton value={fresh}>
                {({ copied, copy }) => (
                  <Button size="xs" variant="light" onClick={copy}>
                    {copied ? t('common.copied') : t('common.copy')}
                  </Button>
                )}
              </CopyButton>
            </Group>
          </Alert>
        )}
        {revoke.isError && <Alert color="red">{errorMessage(revoke.error)}</Alert>}
        <QueryView query={tokens}>
          {({ items }) =>
            items.length === 0 ? (
              <Text c="dimmed">{t('account.tokens.none')}</Text>
            ) : (
              <Table.ScrollContainer minWidth={640}>
                <Table striped>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('account.tokens.name')}</Table.Th>
                      <Table.Th>{t('account.tokens.prefix')}</Table.Th>
                      <Table.Th>{t('account.tokens.created')}</Table.Th>
                      <Table.Th>{t('account.tokens.lastUsed')}</Table.Th>
                      <Table.Th>{t('account.tokens.expiresAt')}</Table.Th>
                      <Table.Th>{t('account.tokens.status')}</Table.Th>
                      <Table.Th>{t('account.tokens.actions')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {items.map((tok) => (
                      <Table.Tr key={tok.id}>
                        <Table.Td>{tok.name}</Table.Td>
                        <Table.Td>
                          <Code dir="ltr">{tok.prefix}…</Code>
                        </Table.Td>
                        <Table.Td>{formatDateTime(tok.createdAt, i18n.language)}</Table.Td>
                        <Table.Td>{tok.lastUsedAt ? formatDateTime(tok.lastUsedAt, i18n.language) : t('common.never')}</Table.Td>
                        <Table.Td>{tok.expiresAt ? formatDate(tok.expiresAt, i18n.language) : t('common.never')}</Table.Td>
                        <Table.Td>
                          <TokenStatus token={tok} />
                        </Table.Td>
                        <Table.Td>
                          {!tok.revokedAt && (
                            <Button
                              size="xs"
                              color="red"
                              variant="light"
                              loading={revoke.isPending && revoke.variables === tok.id}
                              onClick={() => {
                                if (window.confirm(t('account.tokens.revokeConfirm', { name: tok.name }))) revoke.mutate(tok.id);
                              }}
                            >
                              {t('account.tokens.revoke')}
                            </Button>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )
          }
        </QueryView>
      </Stack>
    </Paper>
  );
}
