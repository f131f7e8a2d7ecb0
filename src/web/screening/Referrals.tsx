// Referrals for the ATU (/screening/referrals): confirmed hits and deportees that immigration
// posts referred to the ATU, newest first; the ATU acknowledges each. Posts see the ones they sent.
import { Anchor, Badge, Button, Group, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorNotice, Loading } from '../lib/feedback';
import { formatDateTime } from '../lib/format';
import { useSignedIn } from '../lib/session';
import { referralApi, useReferrals, type ScreeningReferral } from './api';
import { isAtu } from './labels';
import { Pager } from './Travellers';

const PAGE_SIZE = 20;

export function ScreeningReferrals() {
  const { t, i18n } = useTranslation();
  const { user } = useSignedIn();
  const canAcknowledge = isAtu(user.roles);
  const qc = useQueryClient();
  const [status, setStatus] = useState<string>('all');
  const [page, setPage] = useState(1);
  const list = useReferrals(status === 'all' ? null : status, page, PAGE_SIZE);
  const ack = useMutation({
    mutationFn: (r: ScreeningReferral) => referralApi.acknowledge(r),
    onSettled: () => void qc.invalidateQueries({ queryKey: ['screening', 'referrals'] }),
  });

  return (
    <Stack gap="md">
      <Stack gap={2}>
        <Title order={2} size="h3">
          {t('screening.referrals.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('screening.referrals.intro')}
        </Text>
      </Stack>
      <SegmentedControl
        aria-label={t('screening.referrals.status')}
        value={status}
        onChange={(v) => (setStatus(v), setPage(1))}
        data={[
          { value: 'all', label: t('common.all') },
          { value: 'open', label: t('screening.referrals.open') },
          { value: 'acknowledged', label: t('screening.referrals.acknowledged') },
        ]}
        w="fit-content"
      />
      {ack.isError && <ErrorNotice error={ack.error} />}
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <Text c="dimmed">{t('screening.referrals.empty')}</Text>
      ) : (
        <>
          <Table.ScrollContainer minWidth={860}>
            <Table striped verticalSpacing="sm" data-testid="screening-referrals">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('screening.referrals.received')}</Table.Th>
                  <Table.Th>{t('screening.referrals.from')}</Table.Th>
                  <Table.Th>{t('screening.referrals.traveller')}</Table.Th>
                  <Table.Th>{t('screening.referrals.source')}</Table.Th>
                  <Table.Th>{t('screening.referrals.reason')}</Table.Th>
                  <Table.Th>{t('screening.referrals.status')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.items.map((r) => {
                  const name = r.traveller?.name ?? '';
                  const acknowledged = !!r.acknowledgedAt || r.status === 'acknowledged';
                  return (
                    <Table.Tr key={r.id} data-testid="screening-referral" data-status={acknowledged ? 'acknowledged' : 'open'}>
                      <Table.Td>{formatDateTime(r.createdAt, i18n.language)}</Table.Td>
                      <Table.Td>
                        <Text size="sm">{r.from.name}</Text>
                        <Text size="xs" c="dimmed">
                          → {r.atu.name}
                        </Text>
                      </Table.Td>
                      <Table.Td dir="ltr" style={{ textAlign: 'start' }}>
                        <Text size="sm" fw={600}>
                          {name}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {[r.traveller?.documentNumber, r.traveller?.dateOfBirth, r.traveller?.nationality].filter(Boolean).join(' · ')}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={r.source === 'hit' ? 'red' : 'grape'}>
                          {t(r.source === 'hit' ? 'screening.referrals.sourceHit' : 'screening.referrals.sourceDeportee')}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" data-testid="referral-summary">
                          {r.summary}
                        </Text>
                        {r.caseId && (
                          <Anchor component={Link} to={`/cases/${r.caseId}`} size="sm" dir="ltr">
                            {r.caseRef ?? t('screening.referrals.case')}
                          </Anchor>
                        )}
                      </Table.Td>
                      <Table.Td>
                        {acknowledged ? (
                          <Stack gap={2}>
                            <Badge color="green" variant="light">
                              {t('screening.referrals.acknowledged')}
                            </Badge>
                            {r.acknowledgedAt && (
                              <Text size="xs" c="dimmed">
                                {t('screening.referrals.acknowledgedAt', { time: formatDateTime(r.acknowledgedAt, i18n.language) })}
                              </Text>
                            )}
                          </Stack>
                        ) : canAcknowledge ? (
                          <Button size="xs" onClick={() => ack.mutate(r)} loading={ack.isPending && ack.variables.id === r.id}>
                            {t('screening.referrals.acknowledge')}
                          </Button>
                        ) : (
                          <Badge color="orange" variant="light">
                            {t('screening.referrals.open')}
                          </Badge>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Group justify="flex-end">
            <Pager total={list.data.total} page={page} setPage={setPage} pageSize={PAGE_SIZE} />
          </Group>
        </>
      )}
    </Stack>
  );
}
