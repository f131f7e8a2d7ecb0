// The registry: one search box for any name spelling (Latin or Urdu script), CNIC, passport or
// phone; without a query, the newest persons in the user's scope, paged. The query lives in the
// address (?q=) so the back button returns to the same results.
import { Badge, Button, Card, Group, Pagination, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch, IconUserPlus } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ErrorNotice, Loading } from '../lib/feedback';
import { usePersons, type SearchItem } from './api';
import { matchedByLabel, PersonFacts, PersonName, ScoreWithWhy } from './components';

const PAGE_SIZE = 20;

function ResultCard({ item }: { item: SearchItem }) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="sm" data-testid="person-result">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <Stack gap={4} style={{ flex: '1 1 260px', minWidth: 0 }}>
          <PersonName person={item.person} />
          <PersonFacts person={item.person} />
        </Stack>
        {item.matchedBy && item.matchedBy !== 'name' && (
          <Badge variant="light" color="teal">
            {t('persons.registry.matchedBy', { what: matchedByLabel(t, item.matchedBy) })}
          </Badge>
        )}
      </Group>
      {item.score !== null && (
        <Stack mt="xs" gap={4}>
          <ScoreWithWhy score={item.score} explanation={item.explanation} />
        </Stack>
      )}
    </Card>
  );
}

export function RegistryPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [text, setText] = useState(params.get('q') ?? '');
  const [debounced] = useDebouncedValue(text.trim(), 400);
  const q = debounced.length >= 2 ? debounced : '';
  const page = Math.max(1, Number(params.get('page') ?? 1) || 1);
  const persons = usePersons(q, page, PAGE_SIZE);

  useEffect(() => {
    const next = new URLSearchParams();
    if (q) next.set('q', q);
    else if (page > 1) next.set('page', String(page));
    if (next.toString() !== params.toString()) setParams(next, { replace: true });
  }, [q, page, params, setParams]);

  const setPage = (p: number) => setParams(p > 1 ? { page: String(p) } : {});
  const data = persons.data;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Title order={1} size="h2">
          {t('persons.registry.title')}
        </Title>
        <Button component={Link} to="/persons/new" leftSection={<IconUserPlus size={16} />}>
          {t('persons.nav.register')}
        </Button>
      </Group>
      <form
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
        }}
      >
        <TextInput
          label={t('persons.registry.search')}
          description={t('persons.registry.searchHint')}
          placeholder={t('persons.registry.searchPlaceholder')}
          leftSection={<IconSearch size={16} />}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          error={text.trim().length === 1 ? t('persons.registry.tooShort') : undefined}
          type="search"
          dir="auto"
          size="md"
        />
      </form>
      <Text fw={600} aria-live="polite">
        {q ? t('persons.registry.results', { q }) : t('persons.registry.newest')}
        {data && !q ? <Text span c="dimmed" fw={400}>{` · ${t('common.total', { count: data.total })}`}</Text> : null}
      </Text>
      {persons.isPending ? (
        <Loading />
      ) : persons.isError ? (
        <ErrorNotice error={persons.error} onRetry={() => void persons.refetch()} />
      ) : data && data.items.length === 0 ? (
        <Text c="dimmed" py="lg" ta="center">
          {q ? t('persons.registry.noMatch', { q }) : t('persons.registry.empty')}
        </Text>
      ) : (
        <Stack gap="sm" aria-busy={persons.isFetching} data-testid="person-results">
          {data?.items.map((item) => <ResultCard key={item.person.id} item={item} />)}
        </Stack>
      )}
      {!q && data && data.total > PAGE_SIZE && (
        <Group justify="center">
          <Pagination total={Math.ceil(data.total / PAGE_SIZE)} value={page} onChange={setPage} aria-label={t('pagination.label')} />
        </Group>
      )}
    </Stack>
  );
}
