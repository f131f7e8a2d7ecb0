// Labels of the helpline vocabularies (the server's enums) in the current language, and the
// lists to build selects from.
import { useTranslation } from 'react-i18next';
import { helplineEn, helplineUr } from './i18n';

type Vocab = 'channels' | 'callerTypes' | 'classifications' | 'urgencies' | 'dispositions' | 'legalBases' | 'statuses' | 'submissionStatuses' | 'languages' | 'routedBy';

export const ids = <V extends Vocab>(v: V) => Object.keys(helplineEn[v]) as (keyof (typeof helplineEn)[V] & string)[];

/** `label('channels', 'web')` → "Web report" / "ویب اطلاع"; unknown ids are shown as they are. */
export function useLabel(): (v: Vocab, id: string | null | undefined) => string {
  const { i18n } = useTranslation();
  const dict = i18n.language === 'ur' ? helplineUr : helplineEn;
  return (v, id) => {
    if (!id) return '';
    const group = dict[v] as Record<string, string>;
    return Object.hasOwn(group, id) ? group[id]! : id;
  };
}

/** Select options of a vocabulary. */
export function useOptions(): (v: Vocab) => { value: string; label: string }[] {
  const label = useLabel();
  return (v) => ids(v).map((id) => ({ value: id, label: label(v, id) }));
}

export const URGENCY_COLOR: Record<string, string> = { immediate: 'red', 'within-24h': 'orange', routine: 'gray' };
export const URGENCY_RANK: Record<string, number> = { immediate: 0, 'within-24h': 1, routine: 2 };

/** "4 min", "2 h 5 min", "3 d" from milliseconds. */
export function age(ms: number, lang: string): string {
  const m = Math.max(0, Math.floor(ms / 60_000));
  const ur = lang === 'ur';
  if (m < 60) return ur ? `${m} منٹ` : `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return ur ? `${h} گھنٹے ${m % 60} منٹ` : `${h} h ${m % 60} min`;
  return ur ? `${Math.floor(h / 24)} دن` : `${Math.floor(h / 24)} d`;
}

/** Seconds as "45 s", "3 min", "2.5 h". */
export function duration(s: number | null, lang: string): string {
  if (s === null) return '—';
  const ur = lang === 'ur';
  if (s < 90) return ur ? `${Math.round(s)} سیکنڈ` : `${Math.round(s)} s`;
  if (s < 5400) return ur ? `${Math.round(s / 60)} منٹ` : `${Math.round(s / 60)} min`;
  return ur ? `${(s / 3600).toFixed(1)} گھنٹے` : `${(s / 3600).toFixed(1)} h`;
}
