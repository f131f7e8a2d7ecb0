// Registering a person, and changing one. Before a new person is saved the registry is checked
// for likely duplicates (on "Check for duplicates", when leaving the name or CNIC fields, and
// before saving); the user sees them with their explanations and the warnings, then chooses
// "Open existing" or "Save as new anyway". Server rules (422) and validation (400) land on fields.
import { ActionIcon, Alert, Button, Card, Fieldset, Group, List, SegmentedControl, Select, SimpleGrid, Stack, Switch, TagsInput, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconCopy, IconExternalLink, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError } from '../lib/api';
import { errorMessage } from '../lib/feedback';
import { personFieldErrors, personKeys, personsApi, type CheckResult, type PersonDetail, type PersonInput, type Relation, type Sex } from './api';
import { ExplanationView, NASTALIQ, PersonFacts, PersonName, ScoreBadge } from './components';

export interface FormState {
  name: string;
  nameUrdu: string;
  aliases: string[];
  fatherName: string;
  relation: Relation | null;
  sex: Sex | null;
  dobMode: 'date' | 'year';
  dob: string;
  nationality: string;
  cnic: string;
  passports: { number: string; country: string }[];
  phones: string[];
  addresses: { line: string; district: string; province: string }[];
  protected: boolean;
}

export const emptyForm = (): FormState => ({
  name: '',
  nameUrdu: '',
  aliases: [],
  fatherName: '',
  relation: null,
  sex: null,
  dobMode: 'date',
  dob: '',
  nationality: '',
  cnic: '',
  passports: [],
  phones: [],
  addresses: [],
  protected: true,
});

const RELATIONS: Relation[] = ['s/o', 'd/o', 'w/o'];
const SEXES: Sex[] = ['M', 'F', 'X'];
const isRelation = (v: string | undefined): v is Relation => RELATIONS.includes(v as Relation);
const isSex = (v: string | null): v is Sex => SEXES.includes(v as Sex);

export function formOf(p: PersonDetail): FormState {
  const id = p.identity;
  return {
    name: id?.name ?? '',
    nameUrdu: id?.nameUrdu ?? '',
    aliases: id?.aliases ?? [],
    fatherName: id?.fatherName ?? '',
    relation: isRelation(id?.relation) ? id.relation : null,
    sex: isSex(p.sex) ? p.sex : null,
    dobMode: id?.dob && id.dob.length === 4 ? 'year' : 'date',
    dob: id?.dob ?? '',
    nationality: p.nationality ?? '',
    cnic: id?.cnic ?? '',
    passports: (id?.passports ?? []).map((x) => ({ number: x.number, country: x.country ?? '' })),
    phones: id?.phones ?? [],
    addresses: (id?.addresses ?? []).map((a) => ({ line: a.line, district: a.district ?? '', province: a.province ?? '' })),
    protected: p.protected,
  };
}

const opt = (s: string) => (s.trim() ? s.trim() : undefined);

/** The request body: blanks left out, rows without their main field dropped. */
export function inputOf(s: FormState): PersonInput {
  const dob = s.dob.trim();
  return {
    identity: {
      name: s.name.trim(),
      nameUrdu: opt(s.nameUrdu),
      aliases: s.aliases.map((a) => a.trim()).filter(Boolean),
      fatherName: opt(s.fatherName),
      relation: s.fatherName.trim() && s.relation ? s.relation : undefined,
      dob: dob ? (s.dobMode === 'year' ? dob.slice(0, 4) : dob) : undefined,
      cnic: opt(s.cnic),
      passports: s.passports.filter((p) => p.number.trim()).map((p) => ({ number: p.number.trim(), country: opt(p.country) })),
      phones: s.phones.map((p) => p.trim()).filter(Boolean),
      addresses: s.addresses.filter((a) => a.line.trim()).map((a) => ({ line: a.line.trim(), district: opt(a.district), province: opt(a.province) })),
    },
    sex: s.sex ?? undefined,
    nationality: opt(s.nationality),
    protected: s.protected,
  };
}

type Setter = <K extends keyof FormState>(key: K, value: FormState[K]) => void;

/** The fields, shared by registering and editing. `onIdentityBlur` fires when leaving the name or CNIC. */
export function PersonFields({ state, set, errors, onIdentityBlur }: { state: FormState; set: Setter; errors: Record<string, string>; onIdentityBlur?: () => void }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <Fieldset legend={t('persons.form.identity')}>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('persons.form.name')} value={state.name} onChange={(e) => set('name', e.currentTarget.value)} onBlur={onIdentityBlur} required error={errors.name} dir="ltr" lang="en" autoComplete="off" />
            <TextInput
              label={t('persons.form.nameUrdu')}
              value={state.nameUrdu}
              onChange={(e) => set('nameUrdu', e.currentTarget.value)}
              onBlur={onIdentityBlur}
              error={errors.nameUrdu}
              dir="rtl"
              lang="ur"
              autoComplete="off"
              styles={{ input: { fontFamily: NASTALIQ, lineHeight: 2.2, minHeight: 48 } }}
            />
          </SimpleGrid>
          <TagsInput label={t('persons.form.aliases')} description={t('persons.form.aliasesHint')} value={state.aliases} onChange={(v) => set('aliases', v)} error={errors.aliases} dir="auto" />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              label={t('persons.form.relation')}
              data={RELATIONS.map((r) => ({ value: r, label: t(`persons.relation.${r}`) }))}
              value={state.relation}
              onChange={(v) => set('relation', isRelation(v ?? undefined) ? (v as Relation) : null)}
              clearable
              error={errors.relation}
            />
            <TextInput label={t('persons.form.fatherName')} value={state.fatherName} onChange={(e) => set('fatherName', e.currentTarget.value)} error={errors.fatherName} dir="auto" style={{ gridColumn: 'span 2' }} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select label={t('persons.form.sex')} data={SEXES.map((s) => ({ value: s, label: t(`persons.sex.${s}`) }))} value={state.sex} onChange={(v) => set('sex', isSex(v) ? v : null)} clearable error={errors.sex} />
            <Stack gap={4}>
              <SegmentedControl
                size="xs"
                aria-label={t('persons.form.dobMode')}
                value={state.dobMode}
                onChange={(v) => {
                  set('dobMode', v === 'year' ? 'year' : 'date');
                  set('dob', '');
                }}
                data={[
                  { value: 'date', label: t('persons.form.dobDate') },
                  { value: 'year', label: t('persons.form.dobYear') },
                ]}
              />
              {state.dobMode === 'date' ? (
                <TextInput aria-label={t('persons.form.dob')} type="date" value={state.dob} onChange={(e) => set('dob', e.currentTarget.value)} error={errors.dob} dir="ltr" />
              ) : (
                <TextInput aria-label={t('persons.form.year')} placeholder="YYYY" inputMode="numeric" maxLength={4} value={state.dob} onChange={(e) => set('dob', e.currentTarget.value.replace(/\D/g, ''))} error={errors.dob} dir="ltr" />
              )}
            </Stack>
            <TextInput label={t('persons.form.nationality')} description={t('persons.form.nationalityHint')} value={state.nationality} onChange={(e) => set('nationality', e.currentTarget.value)} error={errors.nationality} dir="ltr" />
          </SimpleGrid>
        </Stack>
      </Fieldset>

      <Fieldset legend={t('persons.form.documents')}>
        <Stack gap="sm">
          <TextInput
            label={t('persons.form.cnic')}
            description={t('persons.form.cnicHint')}
            value={state.cnic}
            onChange={(e) => set('cnic', e.currentTarget.value)}
            onBlur={onIdentityBlur}
            error={errors.cnic}
            dir="ltr"
            inputMode="numeric"
            maxLength={15}
            maw={320}
            autoComplete="off"
          />
          <Text size="sm" fw={500}>
            {t('persons.form.passports')}
          </Text>
          {state.passports.map((p, i) => (
            <Group key={i} align="flex-end" gap="xs" wrap="nowrap">
              <TextInput
                label={t('persons.form.passportNumber')}
                value={p.number}
                onChange={(e) => set('passports', state.passports.map((x, j) => (j === i ? { ...x, number: e.currentTarget.value.toUpperCase() } : x)))}
                error={i === 0 ? errors.passports : undefined}
                dir="ltr"
                style={{ flex: 1 }}
              />
              <TextInput label={t('persons.form.passportCountry')} value={p.country} onChange={(e) => set('passports', state.passports.map((x, j) => (j === i ? { ...x, country: e.currentTarget.value } : x)))} dir="ltr" style={{ flex: 1 }} />
              <ActionIcon variant="subtle" color="red" size="lg" aria-label={t('persons.form.remove')} onClick={() => set('passports', state.passports.filter((_, j) => j !== i))}>
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          ))}
          <Group>
            <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => set('passports', [...state.passports, { number: '', country: 'PAK' }])}>
              {t('persons.form.addPassport')}
            </Button>
          </Group>
          <TagsInput label={t('persons.form.phones')} description={t('persons.form.phonesHint')} value={state.phones} onChange={(v) => set('phones', v)} error={errors.phones} dir="ltr" />
          <Text size="sm" fw={500}>
            {t('persons.form.addresses')}
          </Text>
          {state.addresses.map((a, i) => (
            <Card key={i} withBorder padding="xs">
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <TextInput label={t('persons.form.addressLine')} value={a.line} onChange={(e) => set('addresses', state.addresses.map((x, j) => (j === i ? { ...x, line: e.currentTarget.value } : x)))} error={i === 0 ? errors.addresses : undefined} dir="auto" />
                <TextInput label={t('persons.form.district')} value={a.district} onChange={(e) => set('addresses', state.addresses.map((x, j) => (j === i ? { ...x, district: e.currentTarget.value } : x)))} dir="auto" />
                <Group align="flex-end" gap="xs" wrap="nowrap">
                  <TextInput label={t('persons.form.province')} value={a.province} onChange={(e) => set('addresses', state.addresses.map((x, j) => (j === i ? { ...x, province: e.currentTarget.value } : x)))} dir="auto" style={{ flex: 1 }} />
                  <ActionIcon variant="subtle" color="red" size="lg" aria-label={t('persons.form.remove')} onClick={() => set('addresses', state.addresses.filter((_, j) => j !== i))}>
                    <IconTrash size={16} />
                  </ActionIcon>
                </Group>
              </SimpleGrid>
            </Card>
          ))}
          <Group>
            <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => set('addresses', [...state.addresses, { line: '', district: '', province: '' }])}>
              {t('persons.form.addAddress')}
            </Button>
          </Group>
        </Stack>
      </Fieldset>

      <Switch label={t('persons.form.protected')} description={t('persons.form.protectedHint')} checked={state.protected} onChange={(e) => set('protected', e.currentTarget.checked)} />
    </Stack>
  );
}

/** Warnings and likely duplicates, each with its explanation, and the two ways on. */
export function DuplicatesPanel({ result, onSaveAnyway, saving }: { result: CheckResult; onSaveAnyway?: () => void; saving?: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Stack gap="sm" data-testid="duplicates-panel">
      {result.warnings.length > 0 && (
        <Alert color="yellow" icon={<IconAlertTriangle size={18} />} title={t('persons.duplicates.warnings')} role="alert">
          <List size="sm">
            {result.warnings.map((w) => (
              <List.Item key={w}>{w}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      {result.duplicates.length === 0 ? (
        <Text size="sm" c="teal.8">
          {t('persons.duplicates.none')}
        </Text>
      ) : (
        <Alert color="orange" variant="light" icon={<IconCopy size={18} />} title={t('persons.duplicates.title')} role="alert">
          <Stack gap="sm">
            <Text size="sm">{t('persons.duplicates.intro')}</Text>
            {result.duplicates.map((d) => (
              <Card key={d.person.id} withBorder padding="sm" data-testid="duplicate">
                <Group justify="space-between" align="flex-start" wrap="wrap">
                  <Stack gap={4} style={{ flex: '1 1 240px', minWidth: 0 }}>
                    <PersonName person={d.person} link={false} />
                    <PersonFacts person={d.person} />
                  </Stack>
                  <ScoreBadge score={d.score} />
                </Group>
                <Stack mt="xs">
                  <ExplanationView explanation={d.explanation} />
                  <Group>
                    <Button size="xs" variant="light" leftSection={<IconExternalLink size={14} />} onClick={() => void navigate(`/persons/${d.person.id}`)}>
                      {t('persons.duplicates.openExisting')}
                    </Button>
                  </Group>
                </Stack>
              </Card>
            ))}
            {onSaveAnyway && (
              <Group justify="flex-end">
                <Button color="orange" onClick={onSaveAnyway} loading={saving}>
                  {t('persons.duplicates.saveAnyway')}
                </Button>
              </Group>
            )}
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}

export function RegisterPerson() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [state, setState] = useState<FormState>(emptyForm);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [checked, setChecked] = useState<{ key: string; result: CheckResult } | null>(null);
  const set: Setter = (key, value) => setState((s) => ({ ...s, [key]: value }));
  const keyOf = (s: FormState) => JSON.stringify(inputOf(s));

  const showError = (e: unknown) => {
    setErrors(personFieldErrors(e));
    setFormError(e instanceof ApiError && e.status === 400 ? t('persons.form.fixErrors') : errorMessage(e));
  };

  const check = useMutation({
    mutationFn: (s: FormState) => personsApi.check(inputOf(s)).then((result) => ({ key: keyOf(s), result })),
    onMutate: () => {
      setErrors({});
      setFormError(null);
    },
    onSuccess: (r) => setChecked(r),
    onError: showError,
  });

  const save = useMutation({
    mutationFn: () => personsApi.create(inputOf(state)),
    onSuccess: async (saved) => {
      notifications.show({ color: 'teal', message: t('persons.form.saved') });
      if (saved.duplicates.length > 0) notifications.show({ color: 'orange', autoClose: 10_000, message: t('persons.duplicates.afterSave') });
      await qc.invalidateQueries({ queryKey: personKeys.all });
      void navigate(`/persons/${saved.person.id}`);
    },
    onError: showError,
  });

  const runCheck = () => {
    if (!state.name.trim()) {
      setErrors({ name: t('persons.form.needName') });
      return;
    }
    if (!check.isPending) check.mutate(state);
  };

  const current = checked && checked.key === keyOf(state) ? checked.result : null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!state.name.trim()) {
      setErrors({ name: t('persons.form.needName') });
      return;
    }
    // Save only once the registry has been checked for exactly what is on the form, and nothing likely was found.
    if (current && current.duplicates.length === 0) {
      save.mutate();
      return;
    }
    if (current) return; // duplicates are shown: the user chooses
    check.mutate(state, {
      onSuccess: (r) => {
        if (r.result.duplicates.length === 0) save.mutate();
      },
    });
  };

  return (
    <Stack gap="md" maw={960}>
      <Title order={1} size="h2">
        {t('persons.form.title')}
      </Title>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {formError && (
            <Alert color="red" role="alert">
              {formError}
            </Alert>
          )}
          <PersonFields state={state} set={set} errors={errors} onIdentityBlur={() => state.name.trim() && runCheck()} />
          {current && <DuplicatesPanel result={current} onSaveAnyway={() => save.mutate()} saving={save.isPending} />}
          <Group justify="flex-end" gap="sm">
            <span role="status" aria-live="polite" className="sr-only">
              {check.isPending ? t('persons.form.checking') : ''}
            </span>
            <Button variant="default" onClick={runCheck} loading={check.isPending}>
              {t('persons.form.check')}
            </Button>
            <Button type="submit" loading={save.isPending} disabled={!!current && current.duplicates.length > 0}>
              {t('persons.form.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
