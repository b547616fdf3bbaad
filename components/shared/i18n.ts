/**
 * Tiny message lookup shared by every UI (content-script cards, popup, options). No framework: each part keeps
 * its own dictionary and calls t(dict, key, locale); zh-Hant falls back to zh-Hans, then en.
 */
export type UiLocale = 'zh-Hans' | 'zh-Hant' | 'en';
export const UI_LOCALES: readonly UiLocale[] = ['zh-Hans', 'zh-Hant', 'en'];

/** Storage key (browser.storage.local) for an explicit UI-language choice that overrides the browser's. */
export const UI_LOCALE_KEY = 'draftguard:uiLocale';

export type Dictionary<K extends string> = Record<K, Partial<Record<UiLocale, string>> & { en: string }>;

/** Maps a BCP 47 tag (navigator.language, i18n.getUILanguage()) to one of our three UI locales. */
export function localeFromTag(tag: string | undefined | null): UiLocale {
  const lower = (tag ?? '').toLowerCase();
  if (!lower.startsWith('zh')) return 'en';
  if (/hant|-tw|-hk|-mo/.test(lower)) return 'zh-Hant';
  return 'zh-Hans';
}

/** The browser's UI language, as one of our locales. */
export function detectLocale(): UiLocale {
  let tag: string | undefined;
  try {
    tag = (globalThis as { chrome?: { i18n?: { getUILanguage?: () => string } } }).chrome?.i18n?.getUILanguage?.();
  } catch {
    tag = undefined;
  }
  return localeFromTag(tag ?? (typeof navigator !== 'undefined' ? navigator.language : 'en'));
}

export function isUiLocale(value: unknown): value is UiLocale {
  return typeof value === 'string' && (UI_LOCALES as readonly string[]).includes(value);
}

/** Looks `key` up in `dict`; `{name}` placeholders are filled from `vars`. */
export function t<K extends string>(dict: Dictionary<K>, key: K, locale: UiLocale, vars?: Record<string, string | number>): string {
  const entry = dict[key];
  let text = entry[locale] ?? (locale === 'zh-Hant' ? entry['zh-Hans'] : undefined) ?? entry.en;
  if (vars) for (const [name, value] of Object.entries(vars)) text = text.split(`{${name}}`).join(String(value));
  return text;
}

/** Binds a dictionary once: `const tr = translator(dict); tr('key', locale)`. */
export function translator<K extends string>(dict: Dictionary<K>) {
  return (key: K, locale: UiLocale, vars?: Record<string, string | number>) => t(dict, key, locale, vars);
}
