// Formatting that follows the language: dates through Intl ('ur-PK' / 'en-PK'), role and unit
// names through the message catalogue, unit names in Urdu when the unit has one.
import type { TFunction } from 'i18next';
import { en } from '../i18n/en';
import type { Language } from '../i18n';

const locale = (lang: string) => (lang === 'ur' ? 'ur-PK' : 'en-PK');

export function formatDateTime(value: string | Date | null | undefined, lang: string): string {
  if (!value) return '';
  const d = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) return String(value);
  return new Intl.DateTimeFormat(locale(lang), { dateStyle: 'medium', timeStyle: 'short', numberingSystem: 'latn' }).format(d);
}

export function formatDate(value: string | Date | null | undefined, lang: string): string {
  if (!value) return '';
  const d = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) return String(value);
  return new Intl.DateTimeFormat(locale(lang), { dateStyle: 'medium', numberingSystem: 'latn' }).format(d);
}

type RoleId = keyof typeof en.roles;
type KindId = keyof typeof en.unitKinds;
type OutcomeId = keyof typeof en.outcomes;

const isKey = <T extends object>(obj: T, k: string): k is Extract<keyof T, string> => Object.hasOwn(obj, k);

export function roleLabel(t: TFunction, role: string): string {
  return isKey(en.roles, role) ? t(`roles.${role satisfies RoleId}`) : role;
}

export function kindLabel(t: TFunction, kind: string): string {
  return isKey(en.unitKinds, kind) ? t(`unitKinds.${kind satisfies KindId}`) : kind;
}

export function outcomeLabel(t: TFunction, outcome: string): string {
  return isKey(en.outcomes, outcome) ? t(`outcomes.${outcome satisfies OutcomeId}`) : outcome;
}

export function unitName(unit: { name: string; nameUr?: string | null }, lang: Language | string): string {
  return lang === 'ur' && unit.nameUr ? unit.nameUr : unit.name;
}

export const UNIT_KINDS = Object.keys(en.unitKinds) as KindId[];
