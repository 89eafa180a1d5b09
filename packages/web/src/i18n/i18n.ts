import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { browserStorage, readStoredLanguage } from './languages.ts';
import type { Language } from './languages.ts';

type CatalogueModule = { default: Record<string, unknown> };

// Each catalogue is its own chunk: the sign-in page downloads only the language it shows.
const CATALOGUES: Record<Language, () => Promise<CatalogueModule>> = {
  'zh-CN': () => import('./zh-CN.json'),
  en: () => import('./en.json'),
};

// Feature modules keep their strings in files of their own, `modules/<module>.<language>.json`, each
// holding one top-level key (the module's namespace), so modules never edit each other's catalogue.
const MODULE_CATALOGUES = import.meta.glob<CatalogueModule>('./modules/*.json');

function moduleCatalogues(language: Language): Array<() => Promise<CatalogueModule>> {
  return Object.entries(MODULE_CATALOGUES)
    .filter(([path]) => path.endsWith(`.${language}.json`))
    .map(([, load]) => load);
}

export const i18n = i18next.createInstance();

export async function loadLanguage(language: Language): Promise<void> {
  if (i18n.hasResourceBundle(language, 'translation')) return;
  const [core, ...modules] = await Promise.all([CATALOGUES[language](), ...moduleCatalogues(language).map((load) => load())]);
  const merged: Record<string, unknown> = { ...core!.default };
  for (const m of modules) Object.assign(merged, m.default);
  i18n.addResourceBundle(language, 'translation', merged);
}

/** Starts i18next in the remembered language (Chinese by default) once its catalogue is loaded. */
export async function initI18n(): Promise<void> {
  const language = readStoredLanguage(browserStorage());
  await i18n.use(initReactI18next).init({
    lng: language,
    // Both catalogues have the same keys (catalogues.test.ts), so there is nothing to fall back to.
    fallbackLng: false,
    resources: {},
    partialBundledLanguages: true,
    interpolation: { escapeValue: false },
    returnNull: false,
    // Staff consoles should show our own diagnostics only.
    showSupportNotice: false,
  });
  await loadLanguage(language);
}

/** Switches language after its catalogue has arrived, so no key ever shows untranslated. */
export async function changeLanguage(language: Language): Promise<void> {
  await loadLanguage(language);
  await i18n.changeLanguage(language);
}
