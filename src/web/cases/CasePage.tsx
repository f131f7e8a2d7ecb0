// The case page: header, deadlines, timeline (stage history, hearings and diary by date), people,
// the stage change, and tabs for evidence, diary, tasks, court, sharing and link analysis.
import { Alert, Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Tabs, Text, Timeline, Title } from '@mantine/core';
import { IconAlertTriangle, IconArrowRight, IconClock, IconGavel, IconNotebook, IconScale } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { CASE_STAGES, CLOSURE_REASONS, nextStages, type CaseStage } from '../../domain/taxonomies';
import { QueryView } from '../lib/feedback';
import { formatDate } from '../lib/format';
import { useCase, useLaw, type CaseDetail } from './api';
import { CourtTab } from './CourtTab';
import { EvidenceTab } from './EvidenceTab';
import { daysSince, useLang, useTerm } from './labels';
import { LinksTab } from './LinksTab';
import { People } from './People';
import { StageBadge } from './Register';
import { SharingTab } from './SharingTab';
import { StageDialog } from './StageDialog';
import { DiaryTab, TasksTab } from './DiaryTasks';
import { useDiary, useHearings } from './work-api';

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={500} component="div">
        {children || '—'}
      </Text>
    </Stack>
  );
}

function Header({ c, onStage }: { c: CaseDetail; onStage: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = useLang();
  const law = useLaw();
  const statute = law.data?.statutes.find((s) => s.code === c.statute);
  const canMove = c.abilities.update && nextStages(c.stage as CaseStage).length > 0;
  return (
    <Card withBorder padding="md" radius="md">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <Stack gap={2}>
            <Text dir="ltr" className="hz-mono" c="dimmed" data-testid="case-ref" style={{ alignSelf: 'flex-start' }}>
              {c.ref}
            </Text>
            <Title order={1} size="h2">
              {c.title}
            </Title>
            <Group gap={6}>
              <StageBadge stage={c.stage} />
              <Text size="sm" c="dimmed">
                {t('cases.page.stageSince', { date: formatDate(c.stageSince, i18n.language), count: daysSince(c.stageSince) })}
              </Text>
              <Badge variant="outline" color={c.category === 'smuggling' ? 'orange' : 'blue'}>
                {t(`cases.categories.${c.category as 'trafficking'}`, { defaultValue: c.category })}
              </Badge>
              {c.closureReason && <Badge color="gray">{CLOSURE_REASONS.find((r) => r.id === c.closureReason)?.[lang] ?? c.closureReason}</Badge>}
            </Group>
          </Stack>
          {canMove && (
            <Button leftSection={<IconArrowRight size={16} />} onClick={onStage}>
              {t('cases.stage.change')}
            </Button>
          )}
        </Group>
        <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="sm">
          <Field label={t('cases.page.atu')}>{c.unitName}</Field>
          <Field label={t('cases.page.statute')}>{statute ? (lang === 'ur' ? statute.titleUr : statute.shortTitle) : c.statute}</Field>
          <Field label={t('cases.page.officer')}>{c.officer?.displayName}</Field>
          <Field label={t('cases.page.prosecutor')}>{c.prosecutor?.displayName ?? (c.prosecutorId ? t('cases.page.assigned') : '')}</Field>
          <Field label={t('cases.page.received')}>{formatDate(c.receivedOn, i18n.language)}</Field>
          <Field label={t('cases.page.source')}>{t(`cases.sources.${c.source as 'complaint'}`, { defaultValue: c.source })}</Field>
          {c.firNumber && (
            <Field label={t('cases.page.fir')}>
              <span dir="ltr">{c.firNumber}</span> · {formatDate(c.firDate, i18n.language)}
            </Field>
          )}
          {c.policeStation && <Field label={t('cases.stage.policeStation')}>{c.policeStation}</Field>}
          {c.challanDate && <Field label={t('cases.page.challan')}>{formatDate(c.challanDate, i18n.language)}</Field>}
          {c.court && <Field label={t('cases.page.court')}>{c.court}</Field>}
          {c.nextHearing && <Field label={t('cases.page.nextHearing')}>{formatDate(c.nextHearing, i18n.language)}</Field>}
        </SimpleGrid>
        {c.narrative && (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {c.narrative}
          </Text>
        )}
      </Stack>
    </Card>
  );
}

function Deadlines({ c }: { c: CaseDetail }) {
  const { t, i18n } = useTranslation();
  const lang = useLang();
  if (c.deadlines.length === 0) return null;
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        {t('cases.deadlines.title')}
      </Title>
      {c.deadlines.map((d) => (
        <Alert
          key={d.id}
          color={d.overdue ? 'red' : 'blue'}
          variant={d.overdue ? 'filled' : 'light'}
          icon={d.overdue ? <IconAlertTriangle size={18} /> : <IconClock size={18} />}
          data-testid={d.overdue ? 'deadline-overdue' : 'deadline'}
          p="xs"
        >
          <Text size="sm" fw={600} c={d.overdue ? 'white' : undefined}>
            {d.overdue ? t('cases.deadlines.overdue', { date: formatDate(d.due, i18n.language) }) : t('cases.deadlines.due', { date: formatDate(d.due, i18n.language) })}
          </Text>
          <Text size="sm" c={d.overdue ? 'white' : undefined}>
            {lang === 'ur' ? d.basisUr : d.basis}
          </Text>
        </Alert>
      ))}
    </Stack>
  );
}

interface TimelineItem {
  key: string;
  date: string;
  icon: React.ReactNode;
  title: string;
  body?: string | null;
  color?: string;
}

function CaseTimeline({ c }: { c: CaseDetail }) {
  const { t, i18n } = useTranslation();
  const term = useTerm();
  const hearings = useHearings(c.id);
  const diary = useDiary(c.id);
  const items: TimelineItem[] = [
    ...c.stageHistory.map((s) => ({
      key: `s${s.id}`,
      date: s.on,
      icon: <IconScale size={12} />,
      title: s.fromStage ? t('cases.timeline.stage', { from: term(CASE_STAGES, s.fromStage), to: term(CASE_STAGES, s.toStage) }) : t('cases.timeline.registered', { stage: term(CASE_STAGES, s.toStage) }),
      body: s.note && s.note !== 'registered' ? s.note : null,
    })),
    ...(hearings.data ?? []).map((h) => ({
      key: `h${h.id}`,
      date: h.on,
      icon: <IconGavel size={12} />,
      color: h.adjourned ? 'orange' : 'indigo',
      title: h.adjourned ? t('cases.timeline.adjourned', { court: h.court }) : t('cases.timeline.hearing', { court: h.court }),
      body: [h.purpose, h.outcome, h.adjournmentReason, h.nextDate ? t('cases.hearings.nextOn', { date: formatDate(h.nextDate, i18n.language) }) : null].filter(Boolean).join(' — '),
    })),
    ...(diary.data ?? []).map((d) => ({ key: `d${d.id}`, date: d.on, icon: <IconNotebook size={12} />, color: 'gray', title: t('cases.timeline.diary', { name: d.officerName ?? '' }), body: d.note })),
  ].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        {t('cases.timeline.title')}
      </Title>
      <Timeline bulletSize={22} lineWidth={2} active={items.length}>
        {items.map((it) => (
          <Timeline.Item key={it.key} bullet={it.icon} color={it.color} title={it.title}>
            <Text size="xs" c="dimmed">
              {formatDate(it.date, i18n.language)}
            </Text>
            {it.body && (
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} lineClamp={4}>
                {it.body}
              </Text>
            )}
          </Timeline.Item>
        ))}
      </Timeline>
    </Stack>
  );
}

const TABS = ['overview', 'evidence', 'diary', 'tasks', 'court', 'sharing', 'links'] as const;
type Tab = (typeof TABS)[number];

function CaseView({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'overview';
  const [staging, setStaging] = useState(false);
  return (
    <Stack gap="md">
      <Anchor component={Link} to="/cases" size="sm">
        {t('cases.page.back')}
      </Anchor>
      <Header c={c} onStage={() => setStaging(true)} />
      <Tabs value={tab} onChange={(v) => setParams(v && v !== 'overview' ? { tab: v } : {}, { replace: true })} keepMounted={false}>
        <Tabs.List style={{ flexWrap: 'wrap' }}>
          {TABS.map((x) => (
            <Tabs.Tab key={x} value={x}>
              {t(`cases.tabs.${x}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="overview" pt="md">
          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
            <Stack gap="lg">
              <Deadlines c={c} />
              <People c={c} />
            </Stack>
            <CaseTimeline c={c} />
          </SimpleGrid>
        </Tabs.Panel>
        <Tabs.Panel value="evidence" pt="md">
          <EvidenceTab c={c} />
        </Tabs.Panel>
        <Tabs.Panel value="diary" pt="md">
          <DiaryTab c={c} />
        </Tabs.Panel>
        <Tabs.Panel value="tasks" pt="md">
          <TasksTab c={c} />
        </Tabs.Panel>
        <Tabs.Panel value="court" pt="md">
          <CourtTab c={c} />
        </Tabs.Panel>
        <Tabs.Panel value="sharing" pt="md">
          <SharingTab c={c} />
        </Tabs.Panel>
        <Tabs.Panel value="links" pt="md">
          <LinksTab c={c} />
        </Tabs.Panel>
      </Tabs>
      {staging && <StageDialog c={c} onClose={() => setStaging(false)} />}
    </Stack>
  );
}

export function CasePage() {
  const { id = '' } = useParams();
  const q = useCase(id);
  return <QueryView query={q}>{(c) => <CaseView c={c} />}</QueryView>;
}
