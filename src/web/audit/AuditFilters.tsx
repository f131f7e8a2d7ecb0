import { Button, Group, Paper, Select, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { outcomeLabel } from '../lib/format';
import type { AuditFilters as Filters } from './api';

const OUTCOMES = ['success', 'denied', 'failure'];

/** Dates from <input type=date> ("2026-12-01") as the start of that day, and "to" as its end. */
function toQuery(f: Filters): Filters {
  const out: Filters = {};
  for (const [k, v] of Object.entries(f) as [keyof Filters, string | undefined][]) if (v && v.trim()) out[k] = v.trim();
  if (out.to && /^\d{4}-\d{2}-\d{2}$/.test(out.to)) out.to = `${out.to}T23:59:59.999Z`;
  return out;
}

export function AuditFilters({ onApply }: { onApply: (f: Filters) => void }) {
  const { t } = useTranslation();
  const [f, setF] = useState<Filters>({});
  const set = (k: keyof Filters) => (v: string | null) => setF((prev) => ({ ...prev, [k]: v ?? undefined }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply(toQuery(f));
  };
  return (
    <Paper withBorder p="sm" component="form" onSubmit={submit} aria-label={t('audit.filters')}>
      <Group align="flex-end" gap="sm">
        <TextInput label={t('audit.actor')} value={f.actor ?? ''} onChange={(e) => set('actor')(e.currentTarget.value)} w={160} />
        <TextInput label={t('audit.action')} value={f.action ?? ''} onChange={(e) => set('action')(e.currentTarget.value)} w={160} dir="ltr" />
        <TextInput label={t('audit.recordType')} value={f.recordType ?? ''} onChange={(e) => set('recordType')(e.currentTarget.value)} w={140} dir="ltr" />
        <TextInput label={t('audit.recordId')} value={f.recordId ?? ''} onChange={(e) => set('recordId')(e.currentTarget.value)} w={200} dir="ltr" />
        <Select label={t('audit.outcome')} placeholder={t('common.all')} data={OUTCOMES.map((o) => ({ value: o, label: outcomeLabel(t, o) }))} value={f.outcome ?? null} onChange={set('outcome')} clearable w={140} />
        <TextInput type="date" label={t('audit.from')} value={f.from ?? ''} onChange={(e) => set('from')(e.currentTarget.value)} w={160} />
        <TextInput type="date" label={t('audit.to')} value={f.to ?? ''} onChange={(e) => set('to')(e.currentTarget.value)} w={160} />
        <Button type="submit">{t('audit.apply')}</Button>
        <Button
          variant="subtle"
          onClick={() => {
            setF({});
            onApply({});
          }}
        >
          {t('common.clearFilters')}
        </Button>
      </Group>
    </Paper>
  );
}
