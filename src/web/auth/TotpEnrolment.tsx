// Two-factor enrolment: the server makes a secret and its QR code; the user scans it (or types
// the secret) and confirms with the first code. Used as the forced screen while the session is
// mfaPending, and from Account & security.
import { Alert, Box, Button, Code, Group, Image, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../lib/api';
import { errorMessage, QueryView } from '../lib/feedback';
import { SESSION_KEY } from '../lib/session';

interface TotpSetup {
  secret: string;
  uri: string;
  qrSvg: string;
}

export const svgDataUri = (svg: string) => `data:image/svg+xml;utf8,${encodeURIComponent(svg)}`;
export const groupSecret = (secret: string) => secret.replace(/\s+/g, '').match(/.{1,4}/g)?.join(' ') ?? secret;

export function TotpEnrolment({ onDone }: { onDone?: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  // A query, not a mutation, so that a double mount asks for one secret only.
  const setup = useQuery({
    queryKey: ['totp-setup'],
    queryFn: () => api.post<TotpSetup>('/api/v1/auth/totp/setup', {}),
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
    refetchOnWindowFocus: false,
  });
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const confirm = useMutation({
    mutationFn: (c: string) => api.post<void>('/api/v1/auth/totp/confirm', { code: c }),
    onSuccess: async () => {
      qc.removeQueries({ queryKey: ['totp-setup'] });
      await qc.invalidateQueries({ queryKey: SESSION_KEY });
      onDone?.();
    },
    onError: (e) => setError(e instanceof ApiError ? (e.fieldErrors().code ?? e.message) : errorMessage(e)),
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    confirm.mutate(code);
  };

  return (
    <QueryView query={setup}>
      {(s) => (
        <Stack gap="md">
          <Text>{t('enrol.intro')}</Text>
          <Text fw={600}>{t('enrol.step1')}</Text>
          <Group align="flex-start" gap="lg">
            <Box bg="white" p="xs" bd="1px solid var(--mantine-color-gray-3)" style={{ borderRadius: 8 }}>
              <Image src={svgDataUri(s.qrSvg)} alt={t('enrol.qrAlt')} w={200} h={200} fit="contain" />
            </Box>
            <Stack gap={4}>
              <Text size="sm" c="dimmed">
                {t('enrol.secret')}
              </Text>
              <Code block dir="ltr" fz="lg" data-testid="totp-secret" style={{ letterSpacing: '0.08em', whiteSpace: 'normal', wordBreak: 'break-word' }}>
                {groupSecret(s.secret)}
              </Code>
            </Stack>
          </Group>
          <form onSubmit={submit} noValidate>
            <Stack gap="sm" maw={360}>
              <TextInput
                label={t('enrol.step2')}
                value={code}
                onChange={(e) => setCode(e.currentTarget.value.replace(/\D/g, '').slice(0, 6))}
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                required
                error={error}
                dir="ltr"
              />
              <Button type="submit" loading={confirm.isPending} disabled={code.length !== 6}>
                {t('enrol.confirm')}
              </Button>
            </Stack>
          </form>
          {confirm.isSuccess && <Alert color="teal">{t('enrol.done')}</Alert>}
        </Stack>
      )}
    </QueryView>
  );
}
