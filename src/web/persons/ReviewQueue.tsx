// The review queue of suspected duplicates (reviewers only): pairs side by side with score and
// explanation; merge either way or record "not the same person", each with a reason; merged pairs
// can be undone (the merge id comes from the person's history).
import { Badge, Button, Card, Group, Pagination, SimpleGrid, Stack, Tabs, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowBackUp, IconArrowsJoin, IconUsers } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ApiError } from '../lib/api';
import { ErrorNotice, Loading } from '../lib/feedback';
import { formatDateTime } from '../lib/format';
import { personKeys, personsApi, useDuplicates, type DuplicatePair, type DuplicateStatus, type Person } from './api';
import { displayName, PersonFacts, PersonName, ScoreBadge, WhyExpander } from './components';
import { ReasonDialog } from './ReasonDialog';

const PAGE_SIZE = 10;
const STATUSES: DuplicateStatus[] = ['open', 'merged', 'distinct'];
const isStatus = (s: string | null): s is DuplicateStatus => STATUSES.includes(s as DuplicateStatus);

type Action = { kind: 'merge'; source: Person; target: Person } | { kind: 'distinct' } | { kind: 'undo' };

function Side({ label, person }: { label: string; person: Person }) {
  const { t } = useTranslation();
  const id = person.identityVisible ? person.identity : null;
  return (
    <Card withBorder padding="sm" bg="var(--mantine-color-gray-0)">
      <Stack gap={4}>
        <Badge variant="outline" size="sm" w="fit-content">
          {label}
        </Badge>
        <PersonName person={person} />
        <PersonFacts person={person} />
        {id?.cnic && (
          <Text size="sm" c="dimmed">
            {t('persons.person.cnic')}:{' '}
            <Text span dir="ltr" c="var(--mantine-color-text)" size="sm">
              {id.cnic}
            </Text>
          </Text>
        )}
        {id?.fatherName && (
          <Text size="sm" c="dimmed">
            {t('persons.person.father')}:{' '}
            <Text span c="var(--mantine-color-text)" size="sm">
              {id.fatherName}
            </Text>
          </Text>
        )}
      </Stack>
    </Card>
  );
}

/** The active merge between the two records of a pair, from the first record's history. */
async function activeMergeOf(pair: DuplicatePair): Promise<string | null> {
  for (const p of [pair.a, pair.b]) {
    const detail = await personsApi.get(p.id);
    const m = detail.merges.find((x) => !x.undoneAt && ((x.sourceId === pair.a.id && x.targetId === pair.b.id) || (x.sourceId === pair.b.id && x.targetId === pair.a.id)));
    if (m) return m.id;
  }
  return null;
}

function PairCard({ pair }: { pair: DuplicatePair }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [action, setAction] = useState<Action | null>(null);
  const hasExplanation = Array.isArray(pair.explanation.parts);

  const done = async (message: string) => {
    notifications.show({ color: 'teal', message });
    await qc.invalidateQueries({ queryKey: personKeys.all });
  };

  const dialog = (() => {
    if (!action) return null;
    if (action.kind === 'merge') {
      const names = { source: displayName(action.source), target: displayName(action.target) };
      return (
        <ReasonDialog
          title={t('persons.review.mergeTitle', names)}
          body={t('persons.review.mergeBody', names)}
          confirmLabel={t('persons.review.confirmMerge')}
          onClose={() => setAction(null)}
          onConfirm={async (reason) => {
            await personsApi.merge(action.source.id, action.target.id, reason);
            await done(t('persons.review.merged'));
          }}
        />
      );
    }
    if (action.kind === 'distinct') {
      return (
        <ReasonDialog
          title={t('persons.review.distinctTitle')}
          body={t('persons.review.distinctBody')}
          confirmLabel={t('persons.review.distinct')}
          color="gray"
          onClose={() => setAction(null)}
          onConfirm={async (reason) => {
            await personsApi.distinct(pair.id, reason);
            await done(t('persons.review.judged'));
          }}
        />
      );
    }
    return (
      <ReasonDialog
        title={t('persons.review.undoTitle')}
        body={t('persons.review.undoBody')}
        confirmLabel={t('persons.review.undo')}
        color="orange"
        onClose={() => setAction(null)}
        onConfirm={async (reason) => {
          const mergeId = await activeMergeOf(pair);
          if (!mergeId) throw new ApiError(409, 'conflict', t('persons.review.noMergeFound'), null);
          await personsApi.undoMerge(mergeId, reason);
          await done(t('persons.review.undoneDone'));
        }}
      />
    );
  })();

  return (
    <Card withBorder padding="md" data-testid="duplicate-pair">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Group gap="xs">
            <Text fw={600}>{t('persons.review.pair')}</Text>
            <ScoreBadge score={pair.score} />
          </Group>
          <Text size="xs" c="dimmed">
            {t('persons.review.source', { source: pair.source })} · {formatDateTime(pair.createdAt, i18n.language)}
          </Text>
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Side label={t('persons.review.a')} person={pair.a} />
          <Side label={t('persons.review.b')} person={pair.b} />
        </SimpleGrid>
        {hasExplanation && <WhyExpander explanation={pair.explanation} />}
        {pair.status !== 'open' && (
          <Text size="sm">
            {pair.decidedAt && `${t('persons.review.decided', { date: formatDateTime(pair.decidedAt, i18n.language) })} · `}
            {pair.reason && `${t('persons.review.reason')}: ${pair.reason}`}
          </Text>
        )}
        <Group gap="xs" wrap="wrap">
          {pair.status === 'open' && (
            <>
              <Button size="xs" leftSection={<IconArrowsJoin size={14} />} onClick={() => setAction({ kind: 'merge', source: pair.a, target: pair.b })}>
                {t('persons.review.mergeAIntoB')}
              </Button>
              <Button size="xs" leftSection={<IconArrowsJoin size={14} />} onClick={() => setAction({ kind: 'merge', source: pair.b, target: pair.a })}>
                {t('persons.review.mergeBIntoA')}
              </Button>
              <Button size="xs" variant="default" leftSection={<IconUsers size={14} />} onClick={() => setAction({ kind: 'distinct' })}>
                {t('persons.review.distinct')}
              </Button>
            </>
          )}
          {pair.status === 'merged' && (
            <Button size="xs" color="orange" variant="light" leftSection={<IconArrowBackUp size={14} />} onClick={() => setAction({ kind: 'undo' })}>
              {t('persons.review.undo')}
            </Button>
          )}
        </Group>
      </Stack>
      {dialog}
    </Card>
  );
}

export function ReviewQueue() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const rawStatus = params.get('status');
  const status: DuplicateStatus = isStatus(rawStatus) ? rawStatus : 'open';
  const page = Math.max(1, Number(params.get('page') ?? 1) || 1);
  const pairs = useDuplicates(status, page, PAGE_SIZE);
  const data = pairs.data;

  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {t('persons.review.title')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('persons.review.intro')}
      </Text>
      <Tabs value={status} onChange={(v) => setParams(v && v !== 'open' ? { status: v } : {})} variant="pills">
        <Tabs.List>
          {STATUSES.map((s) => (
            <Tabs.Tab key={s} value={s}>
              {t(`persons.review.tabs.${s}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      {pairs.isPending ? (
        <Loading />
      ) : pairs.isError ? (
        <ErrorNotice error={pairs.error} onRetry={() => void pairs.refetch()} />
      ) : data && data.items.length === 0 ? (
        <Text c="dimmed" py="lg" ta="center">
          {t(`persons.review.empty.${status}`)}
        </Text>
      ) : (
        <Stack gap="md" aria-busy={pairs.isFetching}>
          {data && data.total > 0 && (
            <Text size="sm" c="dimmed">
              {t('common.total', { count: data.total })}
            </Text>
          )}
          {data?.items.map((p) => <PairCard key={p.id} pair={p} />)}
        </Stack>
      )}
      {data && data.total > PAGE_SIZE && (
        <Group justify="center">
          <Pagination
            total={Math.ceil(data.total / PAGE_SIZE)}
            value={page}
            onChange={(p) => setParams({ ...(status !== 'open' ? { status } : {}), ...(p > 1 ? { page: String(p) } : {}) })}
            aria-label={t('pagination.label')}
          />
        </Group>
      )}
    </Stack>
  );
}
