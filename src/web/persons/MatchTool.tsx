// The match tool: one structured query against the registry (name, date of birth, nationality,
// sex, CNIC, passport, father's name) → hits best first, with score, ALERT and explanation.
import { Alert, Button, Card, Group, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconUserSearch } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../lib/api';
import { errorMessage } from '../lib/feedback';
import { personFieldErrors, personsApi, type MatchInput } from './api';
import { matchedByLabel, percent, PersonFacts, PersonName, ScoreWithWhy } from './components';

const opt = (s: string) => (s.trim() ? s.trim() : undefined);

export function MatchTool() {
  const { t } = useTranslation();
  const [f, setF] = useState({ name: '', dob: '', nationality: '', sex: null as 'M' | 'F' | null, cnic: '', passport: '', fatherName: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = (k: keyof typeof f) => (e: React.ChangeEvent<HTMLInputElement>) => {
    const value = e.currentTarget.value;
    setF((s) => ({ ...s, [k]: value }));
  };
  const match = useMutation({
    mutationFn: (body: MatchInput) => personsApi.match(body),
    onError: (e) => setErrors(personFieldErrors(e)),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setErrors({});
    match.mutate({ name: f.name.trim(), dob: opt(f.dob), nationality: opt(f.nationality), sex: f.sex ?? undefined, cnic: opt(f.cnic), passport: opt(f.passport), fatherName: opt(f.fatherName), top: 20 });
  };
  const result = match.data;

  return (
    <Stack gap="md" maw={960}>
      <Title order={1} size="h2">
        {t('persons.match.title')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('persons.match.intro')}
      </Text>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('persons.match.name')} value={f.name} onChange={set('name')} required error={errors.name} dir="auto" />
            <TextInput label={t('persons.match.fatherName')} value={f.fatherName} onChange={set('fatherName')} error={errors.fatherName} dir="auto" />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, xs: 3 }}>
            <TextInput label={t('persons.match.dob')} description={t('persons.match.dobHint')} value={f.dob} onChange={set('dob')} error={errors.dob} dir="ltr" />
            <Select
              label={t('persons.match.sex')}
              placeholder={t('persons.match.any')}
              data={[
                { value: 'M', label: t('persons.sex.M') },
                { value: 'F', label: t('persons.sex.F') },
              ]}
              value={f.sex}
              onChange={(v) => setF((s) => ({ ...s, sex: v === 'M' || v === 'F' ? v : null }))}
              clearable
              error={errors.sex}
            />
            <TextInput label={t('persons.match.nationality')} value={f.nationality} onChange={set('nationality')} error={errors.nationality} dir="ltr" />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('persons.match.cnic')} value={f.cnic} onChange={set('cnic')} error={errors.cnic} dir="ltr" inputMode="numeric" />
            <TextInput label={t('persons.match.passport')} value={f.passport} onChange={set('passport')} error={errors.passport} dir="ltr" />
          </SimpleGrid>
          <Group justify="flex-end">
            <Button type="submit" leftSection={<IconUserSearch size={16} />} loading={match.isPending} disabled={!f.name.trim()}>
              {t('persons.match.run')}
            </Button>
          </Group>
        </Stack>
      </form>
      {match.isError && !(match.error instanceof ApiError && Object.keys(errors).length > 0) && (
        <Alert color="red" role="alert">
          {errorMessage(match.error)}
        </Alert>
      )}
      {result && (
        <Stack gap="sm" data-testid="match-results">
          <Group justify="space-between">
            <Text fw={600}>{result.hits.length ? t('persons.match.hits', { count: result.hits.length }) : t('persons.match.none')}</Text>
            <Text size="sm" c="dimmed">
              {t('persons.match.threshold', { threshold: percent(result.threshold) })}
            </Text>
          </Group>
          {result.hits.map((h) => (
            <Card key={h.person.id} withBorder padding="sm" data-testid="match-hit">
              <Group justify="space-between" align="flex-start" wrap="wrap">
                <Stack gap={4} style={{ flex: '1 1 260px', minWidth: 0 }}>
                  <PersonName person={h.person} />
                  <PersonFacts person={h.person} />
                  {h.matchedBy !== 'name' && (
                    <Text size="xs" c="dimmed">
                      {t('persons.registry.matchedBy', { what: matchedByLabel(t, h.matchedBy) })}
                    </Text>
                  )}
                </Stack>
              </Group>
              {h.score !== null && (
                <Stack mt="xs">
                  <ScoreWithWhy score={h.score} explanation={h.explanation} alert={h.alert} threshold={result.threshold} />
                </Stack>
              )}
            </Card>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
