/**
 * The core catalogue (sv.ts / en.ts) in the chosen language, for the first screen and every screen.
 * Only Swedish is part of the first screen's code; the English core loads on first use (main.tsx
 * awaits it before the first render when English is the device's choice).
 */
import { applyLang, type Lang, localized } from './locale';
import { type Messages, sv } from './sv';

let en: Messages | undefined;

export const t: Messages = localized(sv, () => en);

/** Loads the core catalogue of `lang` (a no-op for Swedish and once English is here). */
export async function loadCatalogue(lang: Lang): Promise<void> {
  if (lang === 'en' && !en) en = (await import('./en')).en;
}

/** A template's blank in en-messages.ts keys (written as a template literal's, without a name). */
const BLANK = ['$', '{}'].join('');
const templates = new Map<string, RegExp>();
const templateOf = (key: string): RegExp => {
  let re = templates.get(key);
  if (!re) {
    const parts = key.split(BLANK).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    re = new RegExp(`^${parts.join('(.+?)')}$`, 's');
    templates.set(key, re);
  }
  return re;
};

/**
 * A message of the device's own code (validation, the device store, sync) or of the API, both
 * written in Swedish, in the chosen language: looked up whole, or as a template whose values are
 * put into English piece by piece (the guard's findings). A message without English stays as is.
 */
export function localizeMessage(message: string): string {
  const table = t.sourceMessages;
  if (Object.hasOwn(table, message)) return table[message] ?? message;
  const fragments = Object.entries(t.sourceFragments);
  const values = t.sourceValues;
  // A value known whole (a record noun, a role) is replaced whole, never inside a user name.
  const value = (v: string) =>
    Object.hasOwn(values, v)
      ? (values[v] ?? v)
      : fragments.reduce((text, [sv, en]) => text.replaceAll(sv, en), v);
  for (const key of Object.keys(table)) {
    if (!key.includes(BLANK)) continue;
    const m = templateOf(key).exec(message);
    if (m)
      return (table[key] ?? message).replace(/\{(\d+)\}/g, (_, i: string) => value(m[Number(i) + 1] ?? ''));
  }
  return message;
}

/** Switches the interface language: loads its catalogue, then makes it current and remembers it. */
export async function setLanguage(lang: Lang): Promise<void> {
  await loadCatalogue(lang);
  applyLang(lang);
}
