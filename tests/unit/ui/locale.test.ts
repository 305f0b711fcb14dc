// The catalogue object every component reads: one object for both languages, answering in the one
// current at each read – at any depth, so a section kept in a module-level constant follows a
// change of language too.
import { afterEach, describe, expect, it } from 'vitest';
import { applyLang, currentLang, localized, onLangChange } from '../../../src/ui/i18n/locale';

afterEach(() => applyLang('sv', { remember: false }));

const sv = {
  a: { b: { c: 'svenska', f: (n: number) => `${n} st` } },
  top: 'topp',
  table: { x: '1' } as Record<string, string>,
};
const en: typeof sv = {
  a: { b: { c: 'English', f: (n: number) => `${n} pcs` } },
  top: 'top',
  table: { y: '2' },
};

describe('localized', () => {
  it('reads the current language at every access, at any depth', () => {
    const t = localized(sv, () => en);
    const kept = t.a.b; // as a component file might keep a section at module level
    expect([t.top, kept.c, kept.f(2)]).toEqual(['topp', 'svenska', '2 st']);
    applyLang('en', { remember: false });
    expect([t.top, kept.c, kept.f(2), t.a.b.c]).toEqual(['top', 'English', '2 pcs', 'English']);
    expect(t.a.b).toBe(kept); // one object per section, so memoised props stay equal
  });

  it('falls back to Swedish while the English catalogue is not loaded', () => {
    let loaded: typeof sv | undefined;
    const t = localized(sv, () => loaded);
    applyLang('en', { remember: false });
    expect(t.top).toBe('topp');
    loaded = en;
    expect(t.top).toBe('top');
  });

  it('enumerates a table keyed by text in the current language (Object.keys, entries, spread, in)', () => {
    const t = localized(sv, () => en);
    expect(Object.keys(t.table)).toEqual(['x']);
    applyLang('en', { remember: false });
    expect(Object.keys(t.table)).toEqual(['y']);
    expect(Object.entries(t.table)).toEqual([['y', '2']]);
    expect({ ...t.table }).toEqual({ y: '2' });
    expect('y' in t.table && Object.hasOwn(t.table, 'y') && !Object.hasOwn(t.table, 'x')).toBe(true);
  });

  it('tells listeners about a change of language, and stops when unsubscribed', () => {
    const seen: string[] = [];
    const stop = onLangChange(() => seen.push(currentLang()));
    applyLang('en', { remember: false });
    stop();
    applyLang('sv', { remember: false });
    expect(seen).toEqual(['en']);
  });
});
