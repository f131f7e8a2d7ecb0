// Labels of the referral vocabularies in the current language.
import { useTranslation } from 'react-i18next';
import { referralsEn, referralsUr } from './i18n';

type Vocab = 'services' | 'urgencies' | 'statuses' | 'shareable' | 'consentForms' | 'exceptions' | 'sources' | 'bases';

export function useRLabel(): (v: Vocab, id: string | null | undefined) => string {
  const { i18n } = useTranslation();
  const dict = i18n.language === 'ur' ? referralsUr : referralsEn;
  return (v, id) => {
    if (!id) return '';
    const group = dict[v] as Record<string, string>;
    return Object.hasOwn(group, id) ? group[id]! : id;
  };
}

export function useROptions(): (v: Vocab, only?: readonly string[]) => { value: string; label: string }[] {
  const label = useRLabel();
  return (v, only) => (only ?? Object.keys(referralsEn[v])).map((id) => ({ value: id, label: label(v, id) }));
}

export const STATUS_COLOR: Record<string, string> = { sent: 'yellow', accepted: 'blue', declined: 'red', 'in-progress': 'indigo', completed: 'green', withdrawn: 'gray' };
