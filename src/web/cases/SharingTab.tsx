// Sharing: who the case is shared with (and was), share with another ATU or a prosecution office
// for a purpose, revoke a share.
import { Alert, Badge, Button, Card, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUnits } from '../admin/api';
import { errorMessage, QueryView } from '../lib/feedback';
import { formatDateTime, unitName } from '../lib/format';
import { casesKeys, type CaseDetail } from './api';
import { errorsOf, useLang } from './labels';
import { useShares, workApi } from './work-api';

export function SharingTab({ c }: { c: CaseDetail }) {
  const { t, i18n } = useTranslation();
  const lang = useLang();
  const qc = useQueryClient();
  const units = useUnits();
  const shares = useShares(c.id);
  const [unitId, setUnitId] = useState<string | null>(null);
  const [purpose, setPurpose] = useState('');
  const invalidate = () => void qc.invalidateQueries({ queryKey: casesKeys.one(c.id) });
  const share = useMutation({
    mutationFn: () => workApi.share(c.id, { unitId: unitId ?? '', purpose: purpose.trim() }),
    onSuccess: () => {
      setUnitId(null);
      setPurpose('');
      invalidate();
    },
  });
  const revoke = useMutation({ mutationFn: (shareId: string) => workApi.revokeShare(c.id, shareId), onSuccess: invalidate });
  const errs = share.isError ? errorsOf(share.error) : {};
  const options = (units.data ?? []).filter((u) => ['atu', 'circle', 'prosecution'].includes(u.kind) && u.id !== c.unitId).map((u) => ({ value: u.id, label: unitName(u, lang) }));
  return (
    <Stack gap="md">
      {c.abilities.transfer && (
        <Card withBorder padding="md">
          <form onSubmit={(e) => { e.preventDefault(); share.mutate(); }} noValidate>
            <Group align="flex-end" gap="sm">
              <Select label={t('cases.sharing.unit')} data={options} value={unitId} onChange={setUnitId} searchable w={{ base: '100%', sm: 300 }} error={errs.unitId} />
              <TextInput label={t('cases.sharing.purpose')} value={purpose} onChange={(e) => setPurpose(e.currentTarget.value)} style={{ flex: 1, minWidth: 200 }} error={errs.purpose} />
              <Button type="submit" loading={share.isPending} disabled={!unitId || !purpose.trim()}>
                {t('cases.sharing.share')}
              </Button>
            </Group>
            {share.isError && !errs.unitId && !errs.purpose && <Alert color="red" mt="xs">{errorMessage(share.error)}</Alert>}
          </form>
        </Card>
      )}
      <QueryView query={shares}>
        {(items) =>
          items.length === 0 ? (
            <Text c="dimmed">{t('cases.sharing.empty')}</Text>
          ) : (
            <Table.ScrollContainer minWidth={600}>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('cases.sharing.unit')}</Table.Th>
                    <Table.Th>{t('cases.sharing.purpose')}</Table.Th>
                    <Table.Th>{t('cases.sharing.since')}</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((s) => (
                    <Table.Tr key={s.id}>
                      <Table.Td>{s.unitName}</Table.Td>
                      <Table.Td>{s.purpose}</Table.Td>
                      <Table.Td>{formatDateTime(s.sharedAt, i18n.language)}</Table.Td>
                      <Table.Td>
                        {s.revokedAt ? (
                          <Badge color="gray">{t('cases.sharing.revoked')}</Badge>
                        ) : (
                          c.abilities.transfer && (
                            <Button size="xs" variant="subtle" color="red" loading={revoke.isPending && revoke.variables === s.id} onClick={() => revoke.mutate(s.id)}>
                              {t('cases.sharing.revoke')}
                            </Button>
                          )
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
      {revoke.isError && <Alert color="red">{errorMessage(revoke.error)}</Alert>}
    </Stack>
  );
}
