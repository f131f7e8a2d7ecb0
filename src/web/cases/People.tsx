// The people in a case: victims (identity only when the case page says identityVisible, else the
// pseudonym with a lock; minors marked), accused with arrest, remand, bail, proclamation and
// charges (edited with the party's version), witnesses and complainants.
import { ActionIcon, Alert, Badge, Button, Card, Checkbox, Group, Modal, MultiSelect, Select, SimpleGrid, Stack, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLock, IconPencil } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ACCUSED_ROLES, BAIL_STATUSES, EXPLOITATION_FORMS, MEANS_OF_CONTROL, PARTY_ROLES, RECRUITER_RELATIONS } from '../../domain/taxonomies';
import { errorMessage } from '../lib/feedback';
import { formatDate } from '../lib/format';
import { casesApi, casesKeys, chargeOptions, useLaw, type CaseDetail, type Party, type PartyPatch } from './api';
import { errorsOf, offenceLabel, opt, termOptions, useLang, useTerm } from './labels';

function PersonName({ party }: { party: Party }) {
  const { t } = useTranslation();
  const id = party.person?.identity;
  if (!id) {
    return (
      <Tooltip label={t('cases.people.masked')}>
        <Group gap={4} wrap="nowrap" data-testid="masked-person">
          <IconLock size={16} aria-label={t('cases.people.masked')} />
          <Text fw={600} dir="ltr" className="hz-mono">
            {party.person?.ref ?? '—'}
          </Text>
        </Group>
      </Tooltip>
    );
  }
  return (
    <Group gap={6} wrap="wrap">
      <Text fw={600}>{id.name}</Text>
      {id.nameUrdu && (
        <Text fw={500} lang="ur" dir="rtl">
          {id.nameUrdu}
        </Text>
      )}
      {id.cnic && (
        <Text size="sm" c="dimmed" dir="ltr">
          {id.cnic}
        </Text>
      )}
    </Group>
  );
}

function EditAccused({ c, party, onClose }: { c: CaseDetail; party: Party; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const qc = useQueryClient();
  const law = useLaw();
  const [arrestedOn, setArrestedOn] = useState(party.arrestedOn ?? '');
  const [remandUntil, setRemandUntil] = useState(party.remandUntil ?? '');
  const [bailStatus, setBailStatus] = useState<string | null>(party.bailStatus);
  const [po, setPo] = useState(party.proclaimedOffender);
  const [poOn, setPoOn] = useState(party.proclamationPublishedOn ?? '');
  const [absconding, setAbsconding] = useState(party.absconding);
  const [roles, setRoles] = useState<string[]>(party.accusedRoles ?? []);
  const [charges, setCharges] = useState<string[]>(party.charges.map((ch) => ch.offence));
  const save = useMutation({
    mutationFn: (body: PartyPatch) => casesApi.updateParty(c.id, party.id, body),
    onSuccess: async () => {
      notifications.show({ color: 'teal', message: t('common.saved') });
      await qc.invalidateQueries({ queryKey: casesKeys.one(c.id) });
      onClose();
    },
  });
  const errs = save.isError ? errorsOf(save.error) : {};
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    save.mutate({
      version: party.version,
      arrestedOn: opt(arrestedOn),
      remandUntil: opt(remandUntil),
      bailStatus: bailStatus ?? undefined,
      proclaimedOffender: po,
      proclamationPublishedOn: po ? opt(poOn) : undefined,
      absconding,
      accusedRoles: roles,
      charges,
    });
  };
  const options = law.data ? chargeOptions(law.data, c.statute) : [];
  for (const ch of party.charges) if (!options.some((o) => o.code === ch.offence)) options.push({ code: ch.offence, statute: '', section: '', title: ch.title, titleUr: ch.titleUr, category: ch.category, effectiveFrom: '', effectiveTo: null, compoundable: false });
  return (
    <Modal opened onClose={onClose} title={t('cases.people.editTitle', { name: party.person?.identity?.name ?? party.person?.ref ?? '' })} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput label={t('cases.people.arrestedOn')} type="date" value={arrestedOn} onChange={(e) => setArrestedOn(e.currentTarget.value)} error={errs.arrestedOn} />
            <TextInput label={t('cases.people.remandUntil')} type="date" value={remandUntil} onChange={(e) => setRemandUntil(e.currentTarget.value)} error={errs.remandUntil} />
            <Select label={t('cases.people.bail')} data={termOptions(BAIL_STATUSES, lang)} value={bailStatus} onChange={setBailStatus} clearable />
            <MultiSelect label={t('cases.new.accusedRoles')} data={termOptions(ACCUSED_ROLES, lang)} value={roles} onChange={setRoles} clearable />
          </SimpleGrid>
          <Group gap="lg">
            <Checkbox label={t('cases.people.proclaimed')} checked={po} onChange={(e) => setPo(e.currentTarget.checked)} />
            <Checkbox label={t('cases.people.absconding')} checked={absconding} onChange={(e) => setAbsconding(e.currentTarget.checked)} />
          </Group>
          {po && <TextInput label={t('cases.people.proclamationOn')} type="date" value={poOn} onChange={(e) => setPoOn(e.currentTarget.value)} error={errs.proclamationPublishedOn} />}
          <MultiSelect label={t('cases.new.charges')} data={options.map((o) => ({ value: o.code, label: o.section ? offenceLabel(o, lang) : lang === 'ur' ? o.titleUr : o.title }))} value={charges} onChange={setCharges} searchable error={errs.charges} />
          {save.isError && (
            <Alert color="red" role="alert">
              {errorMessage(save.error)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function PartyCard({ c, party, onEdit }: { c: CaseDetail; party: Party; onEdit: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = useLang();
  const term = useTerm();
  const victim = party.role === 'victim' || party.role === 'suspected-victim';
  const accused = party.role === 'accused';
  const d = (v: string | null) => formatDate(v, i18n.language);
  const route = (party.route ?? []).map((l) => (l.city ? `${l.city}, ${l.country}` : l.country)).join(' → ');
  return (
    <Card withBorder padding="sm" radius="md" data-testid={`party-${party.role}`}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Stack gap={2}>
            <Group gap={6}>
              <Badge variant="light" color={victim ? 'pink' : accused ? 'red' : 'gray'}>
                {term(PARTY_ROLES, party.role)}
              </Badge>
              {party.minor && <Badge color="orange">{t('cases.people.minor')}</Badge>}
              {party.proclaimedOffender && <Badge color="red">{t('cases.people.po')}</Badge>}
              {party.absconding && <Badge color="red" variant="outline">{t('cases.people.absconding')}</Badge>}
            </Group>
            <PersonName party={party} />
          </Stack>
          {accused && c.abilities.update && (
            <ActionIcon variant="subtle" onClick={onEdit} aria-label={t('cases.people.edit', { name: party.person?.identity?.name ?? party.person?.ref ?? '' })}>
              <IconPencil size={16} />
            </ActionIcon>
          )}
        </Group>
        {victim && (
          <Stack gap={2}>
            <Text size="sm">
              {[party.ageYears !== null ? t('cases.people.age', { count: party.ageYears }) : null, party.districtOfOrigin, party.recruiterRelation ? `${t('cases.new.recruiterRelation')}: ${term(RECRUITER_RELATIONS, party.recruiterRelation)}` : null]
                .filter(Boolean)
                .join(' · ')}
            </Text>
            {(party.exploitation ?? []).length > 0 && (
              <Group gap={4}>
                {(party.exploitation ?? []).map((x) => (
                  <Badge key={x} size="sm" variant="outline">
                    {term(EXPLOITATION_FORMS, x)}
                  </Badge>
                ))}
              </Group>
            )}
            {(party.meansOfControl ?? []).length > 0 && (
              <Text size="xs" c="dimmed">
                {t('cases.new.meansOfControl')}: {(party.meansOfControl ?? []).map((x) => term(MEANS_OF_CONTROL, x)).join(lang === 'ur' ? '، ' : ', ')}
              </Text>
            )}
            {route && <Text size="sm">{t('cases.new.route')}: {route}</Text>}
          </Stack>
        )}
        {accused && (
          <Stack gap={2}>
            <Text size="sm">
              {[
                party.arrestedOn ? t('cases.people.arrested', { date: d(party.arrestedOn) }) : t('cases.people.notArrested'),
                party.remandUntil ? t('cases.people.remand', { date: d(party.remandUntil) }) : null,
                party.bailStatus ? term(BAIL_STATUSES, party.bailStatus) : null,
              ]
                .filter(Boolean)
                .join(' · ')}
            </Text>
            {(party.accusedRoles ?? []).length > 0 && (
              <Text size="xs" c="dimmed">
                {(party.accusedRoles ?? []).map((x) => term(ACCUSED_ROLES, x)).join(lang === 'ur' ? '، ' : ', ')}
              </Text>
            )}
            <Group gap={4}>
              {party.charges.map((ch) => (
                <Badge key={ch.id} size="sm" variant="light" color="red" title={lang === 'ur' ? ch.titleUr : ch.title} style={{ textTransform: 'none' }}>
                  {ch.offence}
                </Badge>
              ))}
              {party.charges.length === 0 && (
                <Text size="xs" c="dimmed">
                  {t('cases.people.noCharges')}
                </Text>
              )}
            </Group>
          </Stack>
        )}
      </Stack>
    </Card>
  );
}

export function People({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<Party | null>(null);
  const order = ['victim', 'suspected-victim', 'accused', 'complainant', 'witness', 'informant'];
  const parties = [...c.parties].sort((a, b) => order.indexOf(a.role) - order.indexOf(b.role));
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={2} size="h4">
          {t('cases.people.title')}
        </Title>
        {!c.identityVisible && (
          <Group gap={4}>
            <IconLock size={14} aria-hidden />
            <Text size="xs" c="dimmed">
              {t('cases.people.maskedNote')}
            </Text>
          </Group>
        )}
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 1, xl: 2 }} spacing="sm">
        {parties.map((p) => (
          <PartyCard key={p.id} c={c} party={p} onEdit={() => setEditing(p)} />
        ))}
      </SimpleGrid>
      {editing && <EditAccused c={c} party={editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}
