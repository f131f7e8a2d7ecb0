// Labels of the case vocabularies in the current language (from src/domain/taxonomies.ts, never
// copied), and small formatting helpers the case screens share.
import { useTranslation } from 'react-i18next';
import { ApiError } from '../lib/api';
import { termLabel, type Term } from '../../domain/taxonomies';
import type { Offence, Statute } from './api';

export type Lang = 'en' | 'ur';

export function useLang(): Lang {
  const { i18n } = useTranslation();
  return i18n.language === 'ur' ? 'ur' : 'en';
}

/** `term(LIST, id)` → the label of `id` in the current language. */
export function useTerm(): (list: readonly Term[], id: string | null | undefined) => string {
  const lang = useLang();
  return (list, id) => (id ? termLabel(list, id, lang) : '');
}

/** Select options of a vocabulary in a language. */
export const termOptions = (list: readonly Term[], lang: Lang) => list.map((x) => ({ value: x.id, label: x[lang] }));

export const offenceLabel = (o: Pick<Offence, 'statute' | 'section' | 'title' | 'titleUr'>, lang: Lang) =>
  `${o.statute.replace(/-\d{4}$/, '')} s.${o.section} — ${lang === 'ur' ? o.titleUr : o.title}`;

export const statuteLabel = (s: Statute, lang: Lang) => (lang === 'ur' ? s.titleUr : s.title);

/** Today as YYYY-MM-DD in the browser's time zone. */
export function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Whole days from an ISO date to today. */
export function daysSince(iso: string): number {
  return Math.max(0, Math.floor((Date.now() - new Date(`${iso}T00:00:00`).getTime()) / 86_400_000));
}

/** Errors keyed by their full path ("parties.0.person.identity.name"), or by the field a rule names. */
export function errorsOf(e: unknown): Record<string, string> {
  if (!(e instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  if (Array.isArray(e.details)) {
    for (const d of e.details as Array<{ path?: string | null; message?: string }>) if (d.path && d.message && !out[d.path]) out[d.path] = d.message;
  } else Object.assign(out, e.fieldErrors());
  return out;
}

/** Empty text → undefined, so optional fields are left out of a request. */
export const opt = (s: string | null | undefined) => (s && s.trim() ? s.trim() : undefined);
