// One person: identity (when the user may see it) or the protected notice; the merge history
// (merged into → link; merges with reasons; undone with reasons); editing with the version read
// (a 409 says someone else changed it and reloads); a merged record shows a banner to the survivor.
import { Alert, Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Text, Timeline, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowBackUp, IconArrowLeft, IconArrowsJoin, IconLock, IconPencil } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../lib/api';
import { errorMessage, QueryView } from '../lib/feedback';
import { formatDate, formatDateTime } from '../lib/format';
import { personFieldErrors, personKeys, personsApi, usePerson, type Merge, type PersonDetail } from './api';
import { displayName, NASTALIQ, PersonName, relationLabel, sexLabel } from './components';
import { formOf, inputOf, PersonFields, type FormState } from './PersonForm';
import { ReasonDialog } from './ReasonDialog';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  if (children === null || children === undefined || children === '' || (Array.isArray(children) && children.length === 0)) return null;
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Stack>
  );
}

function Identity({ person }: { person: PersonDetail }) {
  const { t, i18n } = useTranslation();
  const id = person.identity;
  if (!person.identityVisible || !id) {
    return (
      <Alert color="grape" variant="light" icon={<IconLock size={18} />} title={t('persons.person.protectedNotice')} data-testid="protected-notice">
        {t('persons.person.protectedExplain', { ref: person.ref })}
      </Alert>
    );
  }
  const dob = id.dob ? (id.dob.length === 4 ? id.dob : formatDate(`${id.dob}T00:00:00`, i18n.language)) : '';
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="md" data-testid="identity">
      <Fact label={t('persons.person.name')}>
        <span lang="en" dir="ltr">
          {id.name}
        </span>
      </Fact>
      <Fact label={t('persons.person.nameUrdu')}>
        {id.nameUrdu ? (
          <Text span lang="ur" dir="rtl" ff={NASTALIQ} lh={2.2}>
            {id.nameUrdu}
          </Text>
        ) : null}
      </Fact>
      <Fact label={t('persons.person.aliases')}>{id.aliases.length ? id.aliases.join(', ') : null}</Fact>
      <Fact label={t('persons.person.father')}>{id.fatherName ? `${relationLabel(t, id.relation)} ${id.fatherName}`.trim() : null}</Fact>
      <Fact label={t('persons.person.sex')}>{sexLabel(t, person.sex)}</Fact>
      <Fact label={t('persons.person.dob')}>{dob}</Fact>
      <Fact label={t('persons.person.nationality')}>{person.nationality}</Fact>
      <Fact label={t('persons.person.cnic')}>
        {id.cnic ? (
          <span dir="ltr" lang="en">
            {id.cnic}
          </span>
        ) : null}
      </Fact>
      <Fact label={t('persons.person.passports')}>
        {id.passports.length ? (
          <span dir="ltr" lang="en">
            {id.passports.map((p) => (p.country ? `${p.number} (${p.country})` : p.number)).join(', ')}
          </span>
        ) : null}
      </Fact>
      <Fact label={t('persons.person.phones')}>
        {id.phones.length ? (
          <span dir="ltr" lang="en">
            {id.phones.join(', ')}
          </span>
        ) : null}
      </Fact>
      <Fact label={t('persons.person.addresses')}>
        {id.addresses.length
          ? id.addresses.map((a, i) => (
              <div key={i}>{[a.line, a.district, a.province].filter(Boolean).join(', ')}</div>
            ))
          : null}
      </Fact>
    </SimpleGrid>
  );
}

/** A link to another person in the history, named when the user may see them. */
function OtherPerson({ id }: { id: string }) {
  const { t } = useTranslation();
  const other = usePerson(id);
  return (
    <Anchor component={Link} to={`/persons/${id}`}>
      {other.data ? displayName(other.data) : t('persons.page.otherRecord')}
    </Anchor>
  );
}

function MergeHistory({ person, onUndo }: { person: PersonDetail; onUndo: (m: Merge) => void }) {
  const { t, i18n } = useTranslation();
  if (person.merges.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('persons.page.noHistory')}
      </Text>
    );
  }
  return (
    <Timeline bulletSize={22} lineWidth={2} data-testid="merge-history">
      {person.merges.map((m) => {
        const into = m.sourceId === person.id;
        const otherId = into ? m.targetId : m.sourceId;
        return (
          <Timeline.Item key={m.id} bullet={m.undoneAt ? <IconArrowBackUp size={12} /> : <IconArrowsJoin size={12} />} color={m.undoneAt ? 'gray' : 'teal'} data-testid="merge-event">
            <Group gap="xs" wrap="wrap">
              <Text size="sm" fw={600} component="div">
                {into ? (
                  <>
                    {t('persons.page.mergedInto')} <OtherPerson id={otherId} />
                  </>
                ) : (
                  <>
                    <OtherPerson id={otherId} /> {t('persons.page.mergedFrom')}
                  </>
                )}
              </Text>
              <Badge size="sm" variant="light" color={m.undoneAt ? 'gray' : 'teal'}>
                {m.undoneAt ? t('persons.page.undone', { date: formatDateTime(m.undoneAt, i18n.language) }) : t('persons.page.active')}
              </Badge>
            </Group>
            <Text size="xs" c="dimmed">
              {t('persons.page.mergedOn', { date: formatDateTime(m.mergedAt, i18n.language) })}
            </Text>
            <Text size="sm">
              {t('persons.page.reason')}: {m.reason}
            </Text>
            {m.undoneAt && (
              <Text size="sm">
                {t('persons.page.undoReason')}: {m.undoReason}
              </Text>
            )}
            {!m.undoneAt && person.abilities.merge && (
              <Button mt={4} size="compact-xs" variant="light" color="orange" leftSection={<IconArrowBackUp size={12} />} onClick={() => onUndo(m)}>
                {t('persons.review.undo')}
              </Button>
            )}
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}

function EditPerson({ person, onDone }: { person: PersonDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [state, setState] = useState<FormState>(() => formOf(person));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => setState((s) => ({ ...s, [key]: value }));
  const save = useMutation({
    mutationFn: () => personsApi.update(person.id, { ...inputOf(state), version: person.version }),
    onSuccess: async (saved) => {
      notifications.show({ color: 'teal', message: t('persons.form.updated') });
      if (saved.warnings.length) notifications.show({ color: 'yellow', autoClose: 10_000, message: saved.warnings.join(' ') });
      if (saved.duplicates.length) notifications.show({ color: 'orange', autoClose: 10_000, message: t('persons.duplicates.afterSave') });
      await qc.invalidateQueries({ queryKey: personKeys.all });
      onDone();
    },
    onError: async (e) => {
      if (e instanceof ApiError && e.status === 409) {
        notifications.show({ color: 'orange', autoClose: 10_000, message: t('persons.form.conflict') });
        await qc.invalidateQueries({ queryKey: personKeys.one(person.id) });
        onDone();
        return;
      }
      setErrors(personFieldErrors(e));
      setFormError(e instanceof ApiError && e.status === 400 ? t('persons.form.fixErrors') : errorMessage(e));
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setErrors({});
    setFormError(null);
    save.mutate();
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Title order={2} size="h3">
          {t('persons.form.editTitle', { name: displayName(person) })}
        </Title>
        {formError && (
          <Alert color="red" role="alert">
            {formError}
          </Alert>
        )}
        <PersonFields state={state} set={set} errors={errors} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function PersonView({ person }: { person: PersonDetail }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [undoing, setUndoing] = useState<Merge | null>(null);
  const canEdit = person.abilities.update && !person.mergedInto && person.identityVisible;

  return (
    <Stack gap="md">
      <Group>
        <Anchor component={Link} to="/persons" size="sm">
          <Group gap={4}>
            <IconArrowLeft size={14} style={{ transform: i18n.dir() === 'rtl' ? 'scaleX(-1)' : undefined }} />
            {t('persons.page.back')}
          </Group>
        </Anchor>
      </Group>
      {person.mergedInto && (
        <Alert color="orange" icon={<IconArrowsJoin size={18} />} title={t('persons.person.merged')} data-testid="merged-banner">
          <Stack gap="xs">
            <Text size="sm">{t('persons.page.mergedBanner')}</Text>
            <Group>
              <Button component={Link} to={`/persons/${person.mergedInto}`} size="xs" color="orange">
                {t('persons.page.openSurvivor')}
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}
      <Card withBorder padding="md">
        <Stack gap="md">
          <Group justify="space-between" align="flex-start" wrap="wrap">
            <Stack gap={4}>
              <Title order={1} size="h2">
                <PersonName person={person} link={false} />
              </Title>
              <Group gap="xs">
                <Text size="sm" c="dimmed">
                  {t('persons.person.ref')}:{' '}
                  <Text span ff="monospace" dir="ltr">
                    {person.ref}
                  </Text>
                </Text>
                <Badge size="sm" variant="light" color={person.protected ? 'grape' : 'gray'}>
                  {person.protected ? t('persons.person.protected') : t('persons.person.notProtected')}
                </Badge>
              </Group>
              <Text size="xs" c="dimmed">
                {t('persons.person.unit')}: {person.unit.name} · {t('persons.person.registered')}: {formatDateTime(person.createdAt, i18n.language)} · {t('persons.person.updated')}:{' '}
                {formatDateTime(person.updatedAt, i18n.language)}
              </Text>
            </Stack>
            {canEdit && !editing && (
              <Button variant="light" leftSection={<IconPencil size={16} />} onClick={() => setEditing(true)}>
                {t('persons.page.edit')}
              </Button>
            )}
          </Group>
          {editing ? <EditPerson key={person.version} person={person} onDone={() => setEditing(false)} /> : <Identity person={person} />}
        </Stack>
      </Card>
      <Card withBorder padding="md">
        <Title order={2} size="h4" mb="sm">
          {t('persons.page.history')}
        </Title>
        <MergeHistory person={person} onUndo={setUndoing} />
      </Card>
      {undoing && (
        <ReasonDialog
          title={t('persons.review.undoTitle')}
          body={t('persons.review.undoBody')}
          confirmLabel={t('persons.review.undo')}
          color="orange"
          onClose={() => setUndoing(null)}
          onConfirm={async (reason) => {
            await personsApi.undoMerge(undoing.id, reason);
            notifications.show({ color: 'teal', message: t('persons.review.undoneDone') });
            await qc.invalidateQueries({ queryKey: personKeys.all });
          }}
        />
      )}
    </Stack>
  );
}

export function PersonPage() {
  const { id = '' } = useParams();
  const person = usePerson(id);
  return <QueryView query={person}>{(p) => <PersonView person={p} />}</QueryView>;
}
