// Quick registration in one screen: the case, its people (new, or found in the registry), the
// accused's charges from the law catalogue, and links (phones, agencies, accounts, vehicles).
// The server's 422 messages are shown at the fields they concern.
import { ActionIcon, Alert, Button, Card, Checkbox, Group, MultiSelect, NumberInput, SegmentedControl, Select, SimpleGrid, Stack, Text, Textarea, TextInput, Title, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconLock, IconPlus, IconSearch, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ACCUSED_ROLES, EXPLOITATION_FORMS, MEANS_OF_CONTROL, PARTY_ROLES, RECRUITER_RELATIONS, type PartyRole } from '../../domain/taxonomies';
import { errorMessage, Loading } from '../lib/feedback';
import { casesApi, casesKeys, chargeOptions, useLaw, usePersonSearch, type CaseInput, type Law, type PartyInput, type RouteLeg } from './api';
import { errorsOf, offenceLabel, opt, termOptions, todayIso, useLang, useTerm } from './labels';

const SOURCES = ['complaint', 'helpline', 'immigration', 'referral', 'suo-motu', 'court-order', 'other'] as const;
const ENTITY_KINDS = ['phone', 'agency', 'bank-account', 'vehicle'] as const;
const VICTIM_ROLES = new Set<string>(['victim', 'suspected-victim']);

interface PartyDraft {
  key: number;
  role: PartyRole;
  mode: 'new' | 'existing';
  personId?: string;
  existingLabel?: string;
  name: string;
  nameUrdu: string;
  sex: string | null;
  dob: string;
  ageYears: number | string;
  cnic: string;
  district: string;
  exploitation: string[];
  meansOfControl: string[];
  recruiterRelation: string | null;
  route: RouteLeg[];
  accusedRoles: string[];
  charges: string[];
}

interface EntityDraft {
  key: number;
  kind: string;
  value: string;
  label: string;
}

let nextKey = 1;
const blankParty = (role: PartyRole): PartyDraft => ({
  key: nextKey++,
  role,
  mode: 'new',
  name: '',
  nameUrdu: '',
  sex: null,
  dob: '',
  ageYears: '',
  cnic: '',
  district: '',
  exploitation: [],
  meansOfControl: [],
  recruiterRelation: null,
  route: [],
  accusedRoles: [],
  charges: [],
});


function toInput(p: PartyDraft): PartyInput {
  const victim = VICTIM_ROLES.has(p.role);
  const out: PartyInput = { role: p.role };
  if (p.mode === 'existing' && p.personId) out.personId = p.personId;
  else {
    out.person = {
      identity: { name: p.name.trim(), nameUrdu: opt(p.nameUrdu), cnic: opt(p.cnic), dob: opt(p.dob), aliases: [], passports: [], phones: [], addresses: [] },
      sex: (p.sex as 'M' | 'F' | 'X' | null) ?? undefined,
    };
  }
  if (victim) {
    if (typeof p.ageYears === 'number') out.ageYears = p.ageYears;
    out.districtOfOrigin = opt(p.district);
    if (p.exploitation.length) out.exploitation = p.exploitation;
    if (p.meansOfControl.length) out.meansOfControl = p.meansOfControl;
    if (p.recruiterRelation) out.recruiterRelation = p.recruiterRelation;
    const legs = p.route.filter((l) => l.country.trim());
    if (legs.length) out.route = legs.map((l) => ({ leg: l.leg, country: l.country.trim(), city: opt(l.city ?? '') }));
  }
  if (p.role === 'accused') {
    if (p.accusedRoles.length) out.accusedRoles = p.accusedRoles;
    if (p.charges.length) out.charges = p.charges;
  }
  return out;
}

function RegistrySearch({ onPick }: { onPick: (id: string, label: string) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q.trim(), 300);
  const hits = usePersonSearch(debounced);
  return (
    <Stack gap={4}>
      <TextInput label={t('cases.new.searchRegistry')} placeholder={t('cases.new.searchHint')} leftSection={<IconSearch size={16} />} value={q} onChange={(e) => setQ(e.currentTarget.value)} />
      {debounced.length >= 2 && hits.isPending && <Loading />}
      {hits.data?.items.length === 0 && <Text size="sm" c="dimmed">{t('common.noResults')}</Text>}
      {hits.data?.items.map(({ person }) => {
        const label = person.identity ? `${person.identity.name}${person.identity.cnic ? ` · ${person.identity.cnic}` : ''}` : person.ref;
        return (
          <UnstyledButton key={person.id} onClick={() => onPick(person.id, label)} p={6} className="hz-tree-row">
            <Group gap={6} wrap="nowrap">
              {!person.identity && <IconLock size={14} aria-hidden />}
              <Text size="sm">{label}</Text>
              <Text size="xs" c="dimmed" dir="ltr">
                {person.ref} · {person.unit.name}
              </Text>
            </Group>
          </UnstyledButton>
        );
      })}
    </Stack>
  );
}

function PartyCard({ index, party, law, statute, errs, onChange, onRemove }: { index: number; party: PartyDraft; law: Law; statute: string | null; errs: Record<string, string>; onChange: (p: PartyDraft) => void; onRemove: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const term = useTerm();
  const set = (patch: Partial<PartyDraft>) => onChange({ ...party, ...patch });
  const at = (path: string) => errs[`parties.${index}.${path}`];
  const victim = VICTIM_ROLES.has(party.role);
  const accused = party.role === 'accused';
  const heading = `${term(PARTY_ROLES, party.role)} ${index + 1}`;
  return (
    <Card withBorder padding="md" radius="md" data-testid="party-card" aria-label={heading} component="section">
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Group gap="sm">
            <Select aria-label={t('cases.new.role')} data={termOptions(PARTY_ROLES, lang)} value={party.role} onChange={(v) => v && set({ role: v as PartyRole })} allowDeselect={false} w={190} />
            <SegmentedControl
              size="xs"
              value={party.mode}
              onChange={(v) => set({ mode: v as 'new' | 'existing' })}
              data={[
                { value: 'new', label: t('cases.new.newPerson') },
                { value: 'existing', label: t('cases.new.fromRegistry') },
              ]}
            />
          </Group>
          <ActionIcon variant="subtle" color="red" onClick={onRemove} aria-label={t('cases.new.removePerson', { name: heading })}>
            <IconTrash size={18} />
          </ActionIcon>
        </Group>
        {at('personId') && <Text c="red" size="sm">{at('personId')}</Text>}
        {party.mode === 'existing' ? (
          party.personId ? (
            <Group gap="sm">
              <Text fw={500}>{party.existingLabel}</Text>
              <Button size="xs" variant="subtle" onClick={() => set({ personId: undefined, existingLabel: undefined })}>
                {t('cases.new.change')}
              </Button>
            </Group>
          ) : (
            <RegistrySearch onPick={(id, label) => set({ personId: id, existingLabel: label })} />
          )
        ) : (
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm">
            <TextInput label={t('cases.new.name')} required value={party.name} onChange={(e) => set({ name: e.currentTarget.value })} error={at('person.identity.name') ?? at('person')} />
            <TextInput label={t('cases.new.nameUrdu')} dir="rtl" value={party.nameUrdu} onChange={(e) => set({ nameUrdu: e.currentTarget.value })} error={at('person.identity.nameUrdu')} />
            <Select
              label={t('cases.new.sex')}
              data={(['F', 'M', 'X'] as const).map((s) => ({ value: s, label: t(`cases.sex.${s}`) }))}
              value={party.sex}
              onChange={(v) => set({ sex: v })}
              clearable
            />
            <TextInput label={t('cases.new.dob')} type="date" value={party.dob} onChange={(e) => set({ dob: e.currentTarget.value })} error={at('person.identity.dob')} />
            {victim && <NumberInput label={t('cases.new.age')} min={0} max={120} value={party.ageYears} onChange={(v) => set({ ageYears: v })} error={at('ageYears')} />}
            {!victim && <TextInput label={t('cases.new.cnic')} dir="ltr" placeholder="35202-1234567-1" value={party.cnic} onChange={(e) => set({ cnic: e.currentTarget.value })} error={at('person.identity.cnic')} />}
          </SimpleGrid>
        )}
        {victim && (
          <>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <TextInput label={t('cases.new.district')} value={party.district} onChange={(e) => set({ district: e.currentTarget.value })} />
              <Select label={t('cases.new.recruiterRelation')} data={termOptions(RECRUITER_RELATIONS, lang)} value={party.recruiterRelation} onChange={(v) => set({ recruiterRelation: v })} clearable />
              <MultiSelect label={t('cases.new.exploitation')} data={termOptions(EXPLOITATION_FORMS, lang)} value={party.exploitation} onChange={(v) => set({ exploitation: v })} clearable error={at('exploitation')} />
              <MultiSelect label={t('cases.new.meansOfControl')} data={termOptions(MEANS_OF_CONTROL, lang)} value={party.meansOfControl} onChange={(v) => set({ meansOfControl: v })} clearable searchable />
            </SimpleGrid>
            <Stack gap={6}>
              <Text size="sm" fw={500}>
                {t('cases.new.route')}
              </Text>
              {party.route.map((leg, i) => (
                <Group key={i} gap="xs" wrap="nowrap" align="flex-end">
                  <Select
                    aria-label={t('cases.new.leg')}
                    data={(['origin', 'transit', 'destination'] as const).map((l) => ({ value: l, label: t(`cases.legs.${l}`) }))}
                    value={leg.leg}
                    onChange={(v) => v && set({ route: party.route.map((x, j) => (j === i ? { ...x, leg: v as RouteLeg['leg'] } : x)) })}
                    allowDeselect={false}
                    w={140}
                  />
                  <TextInput aria-label={t('cases.new.country')} placeholder={t('cases.new.country')} value={leg.country} onChange={(e) => set({ route: party.route.map((x, j) => (j === i ? { ...x, country: e.currentTarget.value } : x)) })} style={{ flex: 1 }} />
                  <TextInput aria-label={t('cases.new.city')} placeholder={t('cases.new.city')} value={leg.city ?? ''} onChange={(e) => set({ route: party.route.map((x, j) => (j === i ? { ...x, city: e.currentTarget.value } : x)) })} style={{ flex: 1 }} />
                  <ActionIcon variant="subtle" color="red" onClick={() => set({ route: party.route.filter((_, j) => j !== i) })} aria-label={t('cases.new.removeLeg')}>
                    <IconTrash size={16} />
                  </ActionIcon>
                </Group>
              ))}
              <Group gap="xs">
                <Button
                  size="xs"
                  variant="light"
                  leftSection={<IconPlus size={14} />}
                  onClick={() => set({ route: [...party.route, { leg: party.route.length === 0 ? 'origin' : 'transit', country: party.route.length === 0 ? 'Pakistan' : '', city: '' }] })}
                >
                  {t('cases.new.addLeg')}
                </Button>
              </Group>
            </Stack>
          </>
        )}
        {accused && (
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <MultiSelect label={t('cases.new.accusedRoles')} data={termOptions(ACCUSED_ROLES, lang)} value={party.accusedRoles} onChange={(v) => set({ accusedRoles: v })} clearable />
            <MultiSelect
              label={t('cases.new.charges')}
              data={chargeOptions(law, statute).map((o) => ({ value: o.code, label: offenceLabel(o, lang) }))}
              value={party.charges}
              onChange={(v) => set({ charges: v })}
              searchable
              clearable
              error={at('charges') ?? errs.charges}
              description={statute ? undefined : t('cases.new.chooseStatuteFirst')}
            />
          </SimpleGrid>
        )}
      </Stack>
    </Card>
  );
}

export function NewCase() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const law = useLaw();
  const [title, setTitle] = useState('');
  const [narrative, setNarrative] = useState('');
  const [statute, setStatute] = useState<string | null>(null);
  const [source, setSource] = useState<string | null>('complaint');
  const [receivedOn, setReceivedOn] = useState(todayIso());
  const [withFir, setWithFir] = useState(false);
  const [firNumber, setFirNumber] = useState('');
  const [firDate, setFirDate] = useState(todayIso());
  const [policeStation, setPoliceStation] = useState('');
  const [parties, setParties] = useState<PartyDraft[]>([blankParty('victim')]);
  const [entities, setEntities] = useState<EntityDraft[]>([]);

  const save = useMutation({
    mutationFn: (body: CaseInput) => casesApi.register(body),
    onSuccess: (r) => {
      notifications.show({ color: 'teal', message: t('cases.new.registered', { ref: r.ref }) });
      void qc.invalidateQueries({ queryKey: casesKeys.all });
      void navigate(`/cases/${r.id}`);
    },
  });
  const errs = save.isError ? errorsOf(save.error) : {};

  if (law.isPending) return <Loading />;
  if (law.isError) return <Alert color="red">{errorMessage(law.error)}</Alert>;

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const body: CaseInput = {
      title: title.trim(),
      narrative: opt(narrative),
      statute: statute ?? '',
      source: source ?? 'other',
      receivedOn,
      parties: parties.map(toInput),
      entities: entities.filter((x) => x.value.trim()).map((x) => ({ kind: x.kind, value: x.value.trim(), label: opt(x.label) })),
    };
    if (withFir) Object.assign(body, { stage: 'fir', firNumber: firNumber.trim(), firDate, policeStation: opt(policeStation) });
    save.mutate(body);
  };

  const statutes = law.data.statutes.map((s) => ({
    value: s.code,
    label: s.repealedOn ? `${s.shortTitle} — ${t('cases.new.repealed', { date: s.repealedOn })}` : s.shortTitle,
  }));
  const topError = save.isError ? errorMessage(save.error) : null;

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md" maw={1100}>
        <Title order={1} size="h2">
          {t('cases.new.title')}
        </Title>
        <Card withBorder padding="md" radius="md">
          <Stack gap="sm">
            <Title order={2} size="h4">
              {t('cases.new.theCase')}
            </Title>
            <TextInput label={t('cases.new.caseTitle')} required value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={errs.title} />
            <Textarea label={t('cases.new.narrative')} autosize minRows={3} maxRows={12} value={narrative} onChange={(e) => setNarrative(e.currentTarget.value)} error={errs.narrative} />
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
              <Select label={t('cases.new.statute')} required data={statutes} value={statute} onChange={setStatute} error={errs.statute} />
              <Select
                label={t('cases.new.source')}
                required
                data={SOURCES.map((s) => ({ value: s, label: t(`cases.sources.${s}`) }))}
                value={source}
                onChange={setSource}
                allowDeselect={false}
                error={errs.source}
              />
              <TextInput label={t('cases.new.receivedOn')} type="date" required value={receivedOn} onChange={(e) => setReceivedOn(e.currentTarget.value)} error={errs.receivedOn} />
            </SimpleGrid>
            <Checkbox label={t('cases.new.withFir')} checked={withFir} onChange={(e) => setWithFir(e.currentTarget.checked)} />
            {withFir && (
              <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
                <TextInput label={t('cases.new.firNumber')} required dir="ltr" value={firNumber} onChange={(e) => setFirNumber(e.currentTarget.value)} error={errs.firNumber} />
                <TextInput label={t('cases.new.firDate')} type="date" required value={firDate} onChange={(e) => setFirDate(e.currentTarget.value)} error={errs.firDate} />
                <TextInput label={t('cases.new.policeStation')} value={policeStation} onChange={(e) => setPoliceStation(e.currentTarget.value)} />
              </SimpleGrid>
            )}
          </Stack>
        </Card>

        <Stack gap="sm">
          <Title order={2} size="h4">
            {t('cases.new.people')}
          </Title>
          {errs.parties && <Text c="red" size="sm">{errs.parties}</Text>}
          {parties.map((p, i) => (
            <PartyCard
              key={p.key}
              index={i}
              party={p}
              law={law.data}
              statute={statute}
              errs={errs}
              onChange={(np) => setParties(parties.map((x) => (x.key === p.key ? np : x)))}
              onRemove={() => setParties(parties.filter((x) => x.key !== p.key))}
            />
          ))}
          <Group gap="xs">
            {(['victim', 'accused', 'witness', 'complainant'] as const).map((role) => (
              <Button key={role} variant="light" size="sm" leftSection={<IconPlus size={16} />} onClick={() => setParties([...parties, blankParty(role)])}>
                {t(`cases.new.add.${role}`)}
              </Button>
            ))}
          </Group>
        </Stack>

        <Card withBorder padding="md" radius="md">
          <Stack gap="sm">
            <Title order={2} size="h4">
              {t('cases.new.links')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('cases.new.linksHint')}
            </Text>
            {entities.map((x) => (
              <Group key={x.key} gap="xs" wrap="nowrap" align="flex-end">
                <Select
                  aria-label={t('cases.new.linkKind')}
                  data={ENTITY_KINDS.map((k) => ({ value: k, label: t(`cases.entityKinds.${k}`) }))}
                  value={x.kind}
                  onChange={(v) => v && setEntities(entities.map((y) => (y.key === x.key ? { ...y, kind: v } : y)))}
                  allowDeselect={false}
                  w={170}
                />
                <TextInput aria-label={t('cases.new.linkValue')} placeholder={t('cases.new.linkValue')} dir="ltr" value={x.value} onChange={(e) => setEntities(entities.map((y) => (y.key === x.key ? { ...y, value: e.currentTarget.value } : y)))} style={{ flex: 1 }} />
                <TextInput aria-label={t('cases.new.linkLabel')} placeholder={t('cases.new.linkLabel')} value={x.label} onChange={(e) => setEntities(entities.map((y) => (y.key === x.key ? { ...y, label: e.currentTarget.value } : y)))} style={{ flex: 1 }} />
                <ActionIcon variant="subtle" color="red" onClick={() => setEntities(entities.filter((y) => y.key !== x.key))} aria-label={t('cases.new.removeLink')}>
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
            ))}
            <Group>
              <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => setEntities([...entities, { key: nextKey++, kind: 'phone', value: '', label: '' }])}>
                {t('cases.new.addLink')}
              </Button>
            </Group>
          </Stack>
        </Card>

        {topError && (
          <Alert color="red" role="alert" data-testid="register-error">
            {topError}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={() => void navigate('/cases')}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('cases.new.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
