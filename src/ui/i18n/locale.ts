/**
 * The interface language: Swedish by default, English when the user chooses it in the header. The
 * choice is a device setting, kept in localStorage (nothing personal, readable before the store is
 * unlocked, so even the lock screen opens in the chosen language) and survives logging out.
 * Catalogues are read through `localized`, so every render reads the language current at that
 * moment; App re-renders everything when it changes.
 */

export const LANGS = ['sv', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/** The Intl locale of each language: Swedish as written in Sweden, British English (24 h, d/m/y). */
export const LOCALES: Record<Lang, string> = { sv: 'sv-SE', en: 'en-GB' };

/**
 * Texts quoted from Swedish sources stay verbatim Swedish in every language and are marked
 * lang="sv": the kärnindikator instrument (statements, scale end labels, form names – a national
 * instrument) and the SIP checklist (the statutes' and the handbook's wording).
 */
export const SOURCE_LANG = 'sv';

const STORAGE_KEY = 'faltsam.lang';

function storedLang(): Lang {
  try {
    const v = globalThis.localStorage?.getItem(STORAGE_KEY);
    return v === 'en' ? 'en' : 'sv';
  } catch {
    return 'sv'; // storage blocked: Swedish, the product's language
  }
}

let current: Lang = storedLang();
const listeners = new Set<() => void>();

export const currentLang = (): Lang => current;
export const currentLocale = (): string => LOCALES[current];

/**
 * Makes `lang` current, remembers it on the device and marks the document's language (screen
 * readers and axe read `<html lang>`). Callers load the catalogue first (messages.ts setLanguage).
 */
export function applyLang(lang: Lang, { remember = true }: { remember?: boolean } = {}): void {
  current = lang;
  try {
    if (remember) globalThis.localStorage?.setItem(STORAGE_KEY, lang);
  } catch {
    // Not remembered; the choice still holds until the page is closed.
  }
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
  for (const listener of listeners) listener();
}

/** Called after every change of language; returns the unsubscribe function. */
export function onLangChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

type Section = Record<PropertyKey, unknown>;

const isSection = (v: unknown): v is Section => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * One catalogue in two languages behind one object: every property read, at any depth, returns the
 * current language's value (Swedish until the English catalogue has loaded). So a section kept in a
 * constant (`const a = t.admin.audit`) still follows a change of language; only a string copied
 * out of the catalogue at module load would not – compute such strings when rendering.
 */
export function localized<T extends object>(sv: T, en: () => T | undefined): T {
  const sections = new Map<string, object>();
  const live = (path: readonly PropertyKey[]): Section | undefined => {
    let v: unknown = (current === 'en' && en()) || sv;
    for (const key of path) v = isSection(v) ? v[key] : undefined;
    return isSection(v) ? v : undefined;
  };
  const section = (target: Section, path: readonly PropertyKey[]): Section => {
    const read = (key: PropertyKey): unknown => {
      const value = (live(path) ?? target)[key];
      if (!isSection(value)) return value;
      const inner = [...path, key];
      const id = inner.map(String).join('\u0000');
      let proxy = sections.get(id);
      if (!proxy) {
        const svValue = target[key];
        proxy = section(isSection(svValue) ? svValue : value, inner);
        sections.set(id, proxy);
      }
      return proxy;
    };
    // Keys come from the current language too: a table keyed by text (en-messages.ts) has other
    // keys in each language.
    return new Proxy(target, {
      get: (_target, key) => read(key),
      has: (t, key) => Reflect.has(live(path) ?? t, key),
      ownKeys: (t) => Reflect.ownKeys(live(path) ?? t),
      getOwnPropertyDescriptor: (t, key) => {
        const d = Reflect.getOwnPropertyDescriptor(live(path) ?? t, key);
        return d && 'value' in d ? { ...d, value: read(key), configurable: true } : d;
      },
    });
  };
  return section(sv as Section, []) as T;
}
