import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { changeLanguage } from './i18n.ts';
import { browserStorage, DEFAULT_LANGUAGE, isLanguage, storeLanguage } from './languages.ts';
import type { Language } from './languages.ts';

/** The interface language and a setter that applies it everywhere and remembers it in this browser. */
export function useLanguage(): [Language, (language: Language) => void] {
  const { i18n } = useTranslation();
  const current = isLanguage(i18n.language) ? i18n.language : DEFAULT_LANGUAGE;
  const setLanguage = useCallback((language: Language) => {
    storeLanguage(browserStorage(), language);
    changeLanguage(language).catch(() => {
      // The other catalogue could not be fetched (offline); stay in the current language.
    });
  }, []);
  return [current, setLanguage];
}
