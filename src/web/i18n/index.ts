// i18next set up with English and Urdu. The chosen language is remembered in localStorage and
// reflected on <html lang dir> so the browser, screen readers and CSS know it.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en, type Messages } from './en';
import { ur } from './ur';

export type Language = 'en' | 'ur';
export const LANGUAGES: readonly Language[] = ['en', 'ur'];
const STORAGE_KEY = 'hifazat.language';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}

export function isLanguage(v: unknown): v is Language {
  return v === 'en' || v === 'ur';
}

function storedLanguage(): Language {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return isLanguage(v) ? v : 'en';
  } catch {
    return 'en';
  }
}

export const direction = (lang: Language): 'rtl' | 'ltr' => (lang === 'ur' ? 'rtl' : 'ltr');

function applyToDocument(lang: Language): void {
  document.documentElement.lang = lang;
  document.documentElement.dir = direction(lang);
}

export async function setLanguage(lang: Language): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // private mode: the choice lasts for this page only
  }
  applyToDocument(lang);
  await i18n.changeLanguage(lang);
}

const initial = storedLanguage();
applyToDocument(initial);
void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, ur: { translation: ur } },
  lng: initial,
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  returnNull: false,
});

export { i18n };
