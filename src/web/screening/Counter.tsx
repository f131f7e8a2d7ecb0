// The counter (/screening): the officer scans the passport's machine readable zone (a scanner types
// the lines and presses Enter) or types the details, and sees at once the document's checks and
// any watchlist hits with their instruction, score, ALERT and explanation; each hit is decided
// (false match / confirmed + reason). A failed call says plainly NOT CHECKED — never "clear".
import { Alert, Badge, Button, Card, Grid, Group, Kbd, SegmentedControl, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconPlaneDeparture, IconShieldX } from '@tabler/icons-react';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError } from '../lib/api';
import { formatDate, formatDateTime, unitName } from '../lib/format';
import { useSignedIn } from '../lib/session';
import { useCheck, type CheckInput, type CheckResult, type ScreenedDocument } from './api';
import { HitCard } from './HitCard';
import { ConnectionIndicator, INSTRUCTION_RANK, instructionOf } from './labels';

const MONO = 'ui-monospace, "DejaVu Sans Mono", "Liberation Mono", monospace';

/** MRZ lines as typed or scanned: upper case, no carriage returns or trailing spaces, blank lines dropped. */
export function mrzLines(text: string): string[] {
  return text
    .toUpperCase()
    .replace(/\r/g, '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
}

/** All lines of a TD3 (2×44), TD2 (2×36) or TD1 (3×30) zone are there. */
export function mrzComplete(lines: string[]): boolean {
  const len = lines[0]?.length ?? 0;
  if ((len === 44 || len === 36) && lines.length === 2) return lines.every((l) => l.length === len);
  if (len === 30 && lines.length === 3) return lines.every((l) => l.length === 30);
  return false;
}

type Mode = 'mrz' | 'manual';

export function Counter() {
  const { t, i18n } = useTranslation();
  const { user } = useSignedIn();
  const [mode, setMode] = useState<Mode>('mrz');
  const [mrz, setMrz] = useState('');
  const [manual, setManual] = useState({ name: '', dateOfBirth: '', nationality: '', documentNumber: '' });
  const check = useCheck();
  const mrzRef = useRef<HTMLTextAreaElement>(null);
  const nameRef = useRef<HTMLInputElement>(null);

  const focusInput = () => (mode === 'mrz' ? mrzRef.current : nameRef.current)?.focus();
  useEffect(focusInput, [mode]);

  const run = () => {
    const opt = (v: string) => (v.trim() ? v.trim().toUpperCase() : undefined);
    const input: CheckInput =
      mode === 'mrz'
        ? { mrz: mrzLines(mrz).join('\n') }
        : { name: manual.name.trim(), dateOfBirth: manual.dateOfBirth.trim() || undefined, nationality: opt(manual.nationality), documentNumber: opt(manual.documentNumber) };
    check.mutate(input);
  };

  const next = () => {
    check.reset();
    setMrz('');
    setManual({ name: '', dateOfBirth: '', nationality: '', documentNumber: '' });
    focusInput();
  };

  const onMrzKey = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key !== 'Enter') return;
    if (e.ctrlKey || e.metaKey || mrzComplete(mrzLines(mrz))) {
      e.preventDefault();
      run();
    }
  };

  // Esc anywhere on the counter: the next traveller.
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key === 'Escape' && !document.querySelector('[role="dialog"]')) next();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  // A new input invalidates the result on screen: it no longer belongs to what is typed.
  const edit = <T,>(set: (v: T) => void) => (v: T) => {
    if (check.data || check.error) check.reset();
    set(v);
  };

  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, lg: 5 }}>
        <Card withBorder padding="md" radius="md">
          <Stack gap="sm">
            <Group justify="space-between" wrap="wrap" gap="xs">
              <ConnectionIndicator />
              <Text size="sm" c="dimmed">
                {unitName(user.unit, i18n.language)}
              </Text>
            </Group>
            <SegmentedControl
              aria-label={t('screening.counter.mode')}
              value={mode}
              onChange={(v) => (setMode(v as Mode), check.reset())}
              data={[
                { value: 'mrz', label: t('screening.counter.mrzMode') },
                { value: 'manual', label: t('screening.counter.manualMode') },
              ]}
              fullWidth
            />
            <form
              onSubmit={(e) => {
                e.preventDefault();
                run();
              }}
            >
              <Stack gap="sm">
                {mode === 'mrz' ? (
                  <Textarea
                    ref={mrzRef}
                    label={t('screening.counter.mrz')}
                    description={t('screening.counter.mrzHint')}
                    value={mrz}
                    onChange={(e) => edit(setMrz)(e.currentTarget.value.toUpperCase())}
                    onKeyDown={onMrzKey}
                    autosize
                    minRows={3}
                    maxRows={4}
                    spellCheck={false}
                    autoComplete="off"
                    autoCapitalize="characters"
                    dir="ltr"
                    styles={{ input: { fontFamily: MONO, fontSize: 'clamp(11px, 0.95vw, 15px)', textTransform: 'uppercase', whiteSpace: 'pre', overflowX: 'auto' }, description: { lineHeight: 1.9 } }}
                    data-testid="mrz-input"
                  />
                ) : (
                  <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                    <TextInput ref={nameRef} label={t('screening.counter.name')} value={manual.name} onChange={(e) => edit(setManual)({ ...manual, name: e.currentTarget.value })} required dir="ltr" size="md" />
                    <TextInput label={t('screening.counter.dob')} placeholder="YYYY-MM-DD" value={manual.dateOfBirth} onChange={(e) => edit(setManual)({ ...manual, dateOfBirth: e.currentTarget.value })} dir="ltr" size="md" />
                    <TextInput label={t('screening.counter.nationality')} placeholder="PAK" value={manual.nationality} onChange={(e) => edit(setManual)({ ...manual, nationality: e.currentTarget.value.toUpperCase() })} maxLength={3} dir="ltr" size="md" />
                    <TextInput label={t('screening.counter.documentNumber')} value={manual.documentNumber} onChange={(e) => edit(setManual)({ ...manual, documentNumber: e.currentTarget.value.toUpperCase() })} dir="ltr" size="md" ff={MONO} />
                  </SimpleGrid>
                )}
                <Group gap="sm" wrap="wrap">
                  <Button type="submit" size="lg" loading={check.isPending} disabled={mode === 'mrz' ? !mrz.trim() : !manual.name.trim()}>
                    {t('screening.counter.check')}
                  </Button>
                  <Button variant="default" size="lg" onClick={next} rightSection={<Kbd size="xs">{t('screening.counter.clearHint')}</Kbd>}>
                    {t('screening.counter.clear')}
                  </Button>
                </Group>
              </Stack>
            </form>
          </Stack>
        </Card>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 7 }}>
        <Stack gap="md" aria-live="polite">
          {check.isPending && (
            <Text c="dimmed" size="lg" role="status">
              {t('screening.counter.checking')}
            </Text>
          )}
          {check.isError && <NotChecked error={check.error} />}
          {check.data && <ResultView result={check.data} />}
        </Stack>
      </Grid.Col>
    </Grid>
  );
}

/** The failure is said in words nobody can read as "clear". */
function NotChecked({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const unreachable = !(error instanceof ApiError) || error.status === 0 || error.status >= 500 || error.status === 401 || error.status === 403 || error.status === 429;
  const title = unreachable ? t('screening.counter.notChecked') : t('screening.counter.rejected', { message: error.message });
  return (
    <Alert color="red" variant="filled" icon={<IconShieldX size={28} />} data-testid="not-checked" role="alert" styles={{ title: { fontSize: 22, fontWeight: 800 } }} title={title}>
      <Text size="md">{unreachable ? t('screening.counter.notCheckedHint') : ''}</Text>
      {unreachable && error instanceof ApiError && error.status !== 0 && (
        <Text size="sm" mt={4}>
          {error.message}
        </Text>
      )}
    </Alert>
  );
}

function ResultView({ result }: { result: CheckResult }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const hits = [...result.hits].sort((a, b) => (INSTRUCTION_RANK[instructionOf(a.list.instruction)] ?? 9) - (INSTRUCTION_RANK[instructionOf(b.list.instruction)] ?? 9) || b.score - a.score);
  const [checkedAt] = useState(() => new Date());
  return (
    <Stack gap="md" data-testid="check-result" data-encounter={result.encounterId}>
      <DocumentView doc={result.document} />
      {hits.length === 0 ? (
        <Alert color="green" variant="light" icon={<IconCircleCheck size={28} />} data-testid="no-hits" title={t('screening.counter.noHits')} styles={{ title: { fontSize: 22, fontWeight: 800 } }}>
          {t('screening.counter.noHitsHint', { time: formatDateTime(checkedAt, i18n.language) })}
        </Alert>
      ) : (
        <Stack gap="sm">
          <Group justify="space-between">
            <Title order={2} size="h3" data-testid="hit-count">
              {t('screening.counter.hits', { count: hits.length })}
            </Title>
            {result.post && (
              <Text size="xs" c="dimmed">
                {result.post.name}
              </Text>
            )}
          </Group>
          {hits.map((h, i) => (
            <HitCard key={h.id} hit={h} open={i === 0 || h.alert} />
          ))}
        </Stack>
      )}
      <Group>
        <Button variant="light" color="orange" leftSection={<IconPlaneDeparture size={16} />} onClick={() => void navigate('/screening/offloading', { state: { encounterId: result.encounterId, document: result.document } })}>
          {t('screening.offload.title')}
        </Button>
      </Group>
    </Stack>
  );
}

const FORGERY_CODES = /check|digit|forg|tamper|inconsist|format|invalid|mismatch|composite/i;

export function flagColor(code: string): string {
  if (/expir/i.test(code)) return 'orange';
  if (/minor|child/i.test(code)) return 'grape';
  return 'red';
}

/** The document's fields and the verdict of its checks. */
export function DocumentView({ doc }: { doc: ScreenedDocument }) {
  const { t, i18n } = useTranslation();
  const name = doc.name ?? [doc.givenNames, doc.surname].filter(Boolean).join(' ');
  const expiry = doc.expiryDate ?? doc.expirationDate;
  const fields: [string, string | null | undefined][] = [
    [t('screening.document.name'), name],
    [t('screening.document.number'), doc.documentNumber],
    [t('screening.document.nationality'), doc.nationality],
    [t('screening.document.dob'), doc.dateOfBirth ? formatDate(doc.dateOfBirth, i18n.language) : null],
    [t('screening.document.sex'), doc.sex],
    [t('screening.document.expiry'), expiry ? formatDate(expiry, i18n.language) : null],
    [t('screening.document.issuingState'), doc.issuingState],
    [t('screening.document.type'), [doc.documentCode, doc.format].filter(Boolean).join(' · ')],
    [t('screening.document.personalNumber'), doc.cnic ?? doc.personalNumber],
  ];
  const minor = doc.flags.some((f) => /minor/i.test(f.code));
  const expired = doc.flags.some((f) => /expired/i.test(f.code));
  const forgery = doc.flags.some((f) => flagColor(f.code) === 'red' && FORGERY_CODES.test(f.code));
  return (
    <Card withBorder padding="md" radius="md" data-testid="document" style={{ borderColor: doc.valid ? undefined : 'var(--mantine-color-red-6)', borderWidth: doc.valid ? undefined : 2 }}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Title order={2} size="h4">
            {t('screening.document.title')}
          </Title>
          <Group gap="xs">
            {minor && (
              <Badge color="grape" size="lg" variant="filled" data-testid="minor">
                {t('screening.document.minor')}
              </Badge>
            )}
            {expired && (
              <Badge color="orange" size="lg" variant="filled">
                {t('screening.document.expired')}
              </Badge>
            )}
            <Badge color={doc.valid ? 'green' : 'red'} size="xl" variant="filled" data-testid="document-valid" data-valid={doc.valid}>
              {doc.valid ? t('screening.document.valid') : t('screening.document.invalid')}
            </Badge>
          </Group>
        </Group>
        {doc.flags.length > 0 && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={20} />} title={forgery ? t('screening.document.forgery') : t('screening.document.flags')} data-testid="document-flags">
            <Stack gap={4}>
              {doc.flags.map((f, i) => (
                <Group key={`${f.code}-${i}`} gap="xs" wrap="nowrap" align="flex-start" data-testid="document-flag" data-code={f.code}>
                  <Badge color={flagColor(f.code)} variant="filled" size="sm" style={{ flexShrink: 0 }} dir="ltr">
                    {f.code}
                  </Badge>
                  <Text size="sm" c={flagColor(f.code) === 'red' ? 'red.9' : undefined}>
                    {f.message}
                  </Text>
                </Group>
              ))}
            </Stack>
          </Alert>
        )}
        <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="xs" verticalSpacing={6}>
          {fields
            .filter(([, v]) => v)
            .map(([label, value]) => (
              <div key={label}>
                <Text size="xs" c="dimmed">
                  {label}
                </Text>
                <Text fw={600} dir="ltr" style={{ textAlign: 'start', overflowWrap: 'anywhere' }}>
                  {value}
                </Text>
              </div>
            ))}
        </SimpleGrid>
      </Stack>
    </Card>
  );
}
