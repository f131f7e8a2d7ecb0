// Pieces every person screen shares: the person's name (or the pseudonym with a lock when the
// identity is protected from this user), their basic facts, the score badge and the "why?"
// explanation of a match as a small table an officer can read.
import { Anchor, Badge, Button, Collapse, Group, Stack, Table, Text, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconAlertTriangle, IconChevronDown, IconChevronUp, IconLock } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { personsEn } from './i18n';
import type { Explanation, Person } from './api';

const isKey = <T extends object>(obj: T, k: string): k is Extract<keyof T, string> => Object.hasOwn(obj, k);

export function sexLabel(t: TFunction, sex: string | null | undefined): string {
  if (!sex) return '';
  return isKey(personsEn.sex, sex) ? t(`persons.sex.${sex}`) : sex;
}
export function relationLabel(t: TFunction, r: string | null | undefined): string {
  if (!r) return '';
  return isKey(personsEn.relation, r) ? t(`persons.relation.${r}`) : r;
}
export function howLabel(t: TFunction, how: string): string {
  return isKey(personsEn.how, how) ? t(`persons.how.${how}`) : how;
}
export function attributeLabel(t: TFunction, a: string): string {
  return isKey(personsEn.attribute, a) ? t(`persons.attribute.${a}`) : a;
}
export function outcomeLabel(t: TFunction, o: string): string {
  return isKey(personsEn.outcome, o) ? t(`persons.outcome.${o}`) : o;
}
export function matchedByLabel(t: TFunction, m: string): string {
  return isKey(personsEn.matchedBy, m) ? t(`persons.matchedBy.${m}`) : m;
}

/** The name a user may see: the identity's name, or the pseudonym. */
export function displayName(p: Person): string {
  return p.identityVisible && p.identity ? p.identity.name : p.ref;
}

export const NASTALIQ = '"Noto Nastaliq Urdu", serif';

export const percent = (x: number) => `${Math.round(x * 100)}%`;

/** Name (and Urdu name) when visible; otherwise the reference with a lock and "identity protected". */
export function PersonName({ person, link = true }: { person: Person; link?: boolean }) {
  const { t } = useTranslation();
  if (person.identityVisible && person.identity) {
    const name = (
      <Text fw={600} component="span" lang="en" dir="ltr">
        {person.identity.name}
      </Text>
    );
    return (
      <Group gap="xs" wrap="wrap" align="baseline">
        {link ? (
          <Anchor component={Link} to={`/persons/${person.id}`}>
            {name}
          </Anchor>
        ) : (
          name
        )}
        {person.identity.nameUrdu && (
          <Text component="span" lang="ur" dir="rtl" ff={NASTALIQ} lh={2}>
            {person.identity.nameUrdu}
          </Text>
        )}
        {person.mergedInto && (
          <Badge color="gray" variant="outline" size="sm">
            {t('persons.person.merged')}
          </Badge>
        )}
      </Group>
    );
  }
  const ref = (
    <Text fw={600} component="span" lang="en" dir="ltr" ff="monospace">
      {person.ref}
    </Text>
  );
  return (
    <Group gap="xs" wrap="wrap" align="center">
      <IconLock size={16} aria-hidden />
      {link ? (
        <Anchor component={Link} to={`/persons/${person.id}`}>
          {ref}
        </Anchor>
      ) : (
        ref
      )}
      <Badge color="grape" variant="light" size="sm" leftSection={<IconLock size={12} />}>
        {t('persons.person.protectedNotice')}
      </Badge>
      {person.mergedInto && (
        <Badge color="gray" variant="outline" size="sm">
          {t('persons.person.merged')}
        </Badge>
      )}
    </Group>
  );
}

/** Sex · year of birth · nationality · unit, as short labelled facts. */
export function PersonFacts({ person }: { person: Person }) {
  const { t } = useTranslation();
  const facts: [string, string][] = [
    [t('persons.person.sex'), sexLabel(t, person.sex)],
    [t('persons.person.birthYear'), person.birthYear ? String(person.birthYear) : ''],
    [t('persons.person.nationality'), person.nationality ?? ''],
    [t('persons.person.unit'), person.unit.name],
  ];
  return (
    <Group gap="md" wrap="wrap">
      {facts
        .filter(([, v]) => v)
        .map(([label, value]) => (
          <Text key={label} size="sm" c="dimmed">
            {label}:{' '}
            <Text span c="var(--mantine-color-text)" size="sm">
              {value}
            </Text>
          </Text>
        ))}
    </Group>
  );
}

export function ScoreBadge({ score, alert }: { score: number; alert?: boolean }) {
  const { t } = useTranslation();
  const color = score >= 0.8 ? 'red' : score >= 0.6 ? 'orange' : score >= 0.4 ? 'yellow' : 'gray';
  return (
    <Group gap={4} wrap="nowrap">
      <Badge color={color} variant="light" aria-label={`${t('persons.score.label')} ${percent(score)}`}>
        <span dir="ltr">{percent(score)}</span>
      </Badge>
      {alert && (
        <Badge color="red" variant="filled" leftSection={<IconAlertTriangle size={12} />} data-testid="match-alert">
          {t('persons.score.alert')}
        </Badge>
      )}
    </Group>
  );
}

const HOW_COLOR: Record<string, string> = { exact: 'teal', variant: 'blue', phonetic: 'violet', fuzzy: 'yellow', initial: 'gray' };
const OUTCOME_COLOR: Record<string, string> = { agree: 'teal', partial: 'yellow', conflict: 'red' };

const signed = (x: number) => `${x > 0 ? '+' : x < 0 ? '−' : '±'}${Math.abs(Math.round(x * 100))}`;

/** The explanation of one match as two small tables: name parts, and other details. */
export function ExplanationView({ explanation: e }: { explanation: Explanation }) {
  const { t } = useTranslation();
  const masked = e.matchedName === '—';
  return (
    <Stack gap="xs" data-testid="explanation">
      <Text size="sm">
        {masked ? (
          t('persons.score.masked')
        ) : (
          <>
            {t('persons.score.matchedName', { name: e.matchedName, score: percent(e.nameScore) })}
          </>
        )}
      </Text>
      {e.parts.length > 0 && (
        <Table.ScrollContainer minWidth={340}>
          <Table withTableBorder withColumnBorders verticalSpacing={4} fz="sm">
            <Table.Caption>{t('persons.score.weightHint')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('persons.score.queryPart')}</Table.Th>
                <Table.Th>{t('persons.score.candidatePart')}</Table.Th>
                <Table.Th>{t('persons.score.how')}</Table.Th>
                <Table.Th>{t('persons.score.similarity')}</Table.Th>
                <Table.Th>{t('persons.score.weight')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {e.parts.map((p, i) => (
                <Table.Tr key={`${p.query}-${p.candidate}-${i}`}>
                  <Table.Td lang="en" dir="ltr">
                    {p.query}
                  </Table.Td>
                  <Table.Td lang="en" dir="ltr">
                    {p.candidate}
                  </Table.Td>
                  <Table.Td>
                    <Badge size="sm" variant="light" color={HOW_COLOR[p.how] ?? 'gray'}>
                      {howLabel(t, p.how)}
                    </Badge>
                  </Table.Td>
                  <Table.Td dir="ltr">{percent(p.similarity)}</Table.Td>
                  <Table.Td dir="ltr">{p.weight.toFixed(1)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {e.unmatchedQuery.length > 0 && (
        <Text size="sm" c="orange.8">
          {t('persons.score.unmatchedQuery', { parts: e.unmatchedQuery.join(', ') })}
        </Text>
      )}
      {e.unmatchedCandidate.length > 0 && (
        <Text size="sm" c="dimmed">
          {t('persons.score.unmatchedCandidate', { parts: e.unmatchedCandidate.join(', ') })}
        </Text>
      )}
      {e.attributes.length > 0 ? (
        <Table.ScrollContainer minWidth={340}>
          <Table withTableBorder verticalSpacing={4} fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('persons.score.attribute')}</Table.Th>
                <Table.Th>{t('persons.score.outcome')}</Table.Th>
                <Table.Th aria-hidden />
                <Table.Th>{t('persons.score.effect')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {e.attributes.map((a) => (
                <Table.Tr key={a.attribute}>
                  <Table.Td>{attributeLabel(t, a.attribute)}</Table.Td>
                  <Table.Td>
                    <Badge size="sm" variant="light" color={OUTCOME_COLOR[a.outcome] ?? 'gray'}>
                      {outcomeLabel(t, a.outcome)}
                    </Badge>
                  </Table.Td>
                  <Table.Td lang="en" dir="ltr">
                    {a.detail !== a.outcome ? a.detail : ''}
                  </Table.Td>
                  <Table.Td dir="ltr" c={a.effect > 0 ? 'teal.8' : a.effect < 0 ? 'red.8' : 'dimmed'} fw={600}>
                    {signed(a.effect)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : (
        <Text size="sm" c="dimmed">
          {t('persons.score.noAttributes')}
        </Text>
      )}
    </Stack>
  );
}

/** A "Why?" button that shows the explanation beneath it. */
export function WhyExpander({ explanation, initiallyOpen = false }: { explanation: Explanation; initiallyOpen?: boolean }) {
  const { t } = useTranslation();
  const [opened, { toggle }] = useDisclosure(initiallyOpen);
  const id = useId();
  return (
    <Stack gap={4}>
      <Group>
        <Button
          size="compact-sm"
          variant="subtle"
          onClick={toggle}
          aria-expanded={opened}
          aria-controls={id}
          rightSection={opened ? <IconChevronUp size={14} /> : <IconChevronDown size={14} />}
        >
          {opened ? t('persons.score.hideWhy') : t('persons.score.why')}
        </Button>
      </Group>
      <Collapse expanded={opened} id={id}>
        {opened && <ExplanationView explanation={explanation} />}
      </Collapse>
    </Stack>
  );
}

/** Score, optional ALERT, and the "why?" expander. */
export function ScoreWithWhy({ score, explanation, alert, threshold }: { score: number; explanation: Explanation | null; alert?: boolean; threshold?: number }) {
  const { t } = useTranslation();
  const badge = <ScoreBadge score={score} alert={alert} />;
  return (
    <Stack gap={4}>
      {alert && threshold !== undefined ? <Tooltip label={t('persons.score.alertHint', { threshold: percent(threshold) })}>{<span>{badge}</span>}</Tooltip> : badge}
      {explanation && <WhyExpander explanation={explanation} />}
    </Stack>
  );
}
