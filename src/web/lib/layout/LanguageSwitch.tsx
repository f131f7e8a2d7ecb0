import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isLanguage, setLanguage } from '../../i18n';

export function LanguageSwitch({ size = 'xs' }: { size?: 'xs' | 'sm' }) {
  const { t, i18n } = useTranslation();
  return (
    <SegmentedControl
      size={size}
      aria-label={t('language.label')}
      value={i18n.language}
      onChange={(v) => {
        if (isLanguage(v)) void setLanguage(v);
      }}
      data={[
        { value: 'en', label: <span lang="en">{t('language.en')}</span> },
        { value: 'ur', label: <span lang="ur">{t('language.ur')}</span> },
      ]}
    />
  );
}
