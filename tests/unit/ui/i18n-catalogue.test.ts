// The message catalogue in two languages: every key the Swedish catalogue has, English has too (and
// no other), with the same kind of value; no English text is missing, empty or left in Swedish.
// The type check already refuses a missing key; this also catches what types cannot (an empty
// string, a Swedish sentence pasted into the English file, a function that throws).
import { describe, expect, it } from 'vitest';
import { catalogue as admin } from '../../../src/ui/i18n/admin';
import { catalogue as arende } from '../../../src/ui/i18n/arende';
import { catalogue as casework } from '../../../src/ui/i18n/casework';
import { en } from '../../../src/ui/i18n/en';
import { catalogue as handover } from '../../../src/ui/i18n/handover';
import { catalogue as konsultation } from '../../../src/ui/i18n/konsultation';
import { catalogue as koordinator } from '../../../src/ui/i18n/koordinator';
import { catalogue as lockChange } from '../../../src/ui/i18n/lock-change';
import { catalogue as rounds } from '../../../src/ui/i18n/rounds';
import { catalogue as surveys } from '../../../src/ui/i18n/surveys';
import { sv } from '../../../src/ui/i18n/sv';
import { catalogue as sync } from '../../../src/ui/i18n/sync';

const CATALOGUES: Record<string, { sv: object; en: object }> = {
  core: { sv, en },
  arende,
  casework,
  surveys,
  handover,
  konsultation,
  koordinator,
  lockChange,
  rounds,
  admin,
  sync,
};

type Leaf = { path: string; value: unknown };

/** Tables keyed by Swedish text (en-messages.ts, en-server-messages.ts): keys differ by language, by design. */
const TEXT_TABLES = new Set(['sourceMessages', 'sourceFragments', 'sourceValues']);

function leaves(node: unknown, path = ''): Leaf[] {
  if (TEXT_TABLES.has(path)) return [{ path, value: 'table' }];
  if (node !== null && typeof node === 'object' && !Array.isArray(node))
    return Object.entries(node).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k));
  return [{ path, value: node }];
}

/** A function's text for sample arguments (numbers first, then strings, as its signature needs). */
function sample(fn: (...args: unknown[]) => unknown): string {
  const tries = [
    Array.from({ length: fn.length }, (_, i) => i + 2),
    Array.from({ length: fn.length }, () => 'X'),
    [2, 'X', 'Y'],
    ['X', 2, 'Y'],
    ['2026-09-01T10:00:00.000Z', new Date('2026-09-01T12:00:00.000Z')],
  ];
  for (const args of tries) {
    try {
      const out = fn(...args);
      if (typeof out === 'string') return out;
    } catch {
      // the next set of arguments
    }
  }
  throw new Error('no sample arguments give a string');
}

// English text may name Swedish institutions and the product; anything else with å, ä or ö is a
// Swedish string left untranslated.
const SWEDISH_NAMES =
  /Fältsam|Arbetsförmedlingen|Försäkringskassan|förvaltare|Svenska|Norsjö kommun – ekonomiskt bistånd|A–Ö|stegförflyttning|Instämmer|Hoppa över|sammanfattning|per-mote|utfall|god man/g;

describe.each(Object.entries(CATALOGUES))('the %s catalogue', (_name, { sv: svCat, en: enCat }) => {
  it('has exactly the same keys in Swedish and English, with values of the same kind', () => {
    const s = leaves(svCat);
    const e = leaves(enCat);
    expect(e.map((l) => l.path).sort()).toEqual(s.map((l) => l.path).sort());
    const kinds = new Map(s.map((l) => [l.path, typeof l.value]));
    for (const l of e) expect([l.path, typeof l.value]).toEqual([l.path, kinds.get(l.path)]);
    const arity = new Map(s.map((l) => [l.path, typeof l.value === 'function' ? l.value.length : -1]));
    for (const l of e)
      if (typeof l.value === 'function')
        expect([l.path, l.value.length]).toEqual([l.path, arity.get(l.path)]);
  });

  it('has no empty text in either language, and every message function gives text', () => {
    for (const cat of [svCat, enCat])
      for (const l of leaves(cat)) {
        const text = typeof l.value === 'function' ? sample(l.value as () => unknown) : l.value;
        if (typeof text === 'string') expect([l.path, text.trim().length > 0]).toEqual([l.path, true]);
      }
  });

  it('has no Swedish left in the English texts', () => {
    for (const l of leaves(enCat)) {
      const text = typeof l.value === 'function' ? sample(l.value as () => unknown) : l.value;
      if (typeof text !== 'string') continue;
      expect([l.path, /[åäöÅÄÖ]/.test(text.replace(SWEDISH_NAMES, ''))]).toEqual([l.path, false]);
    }
  });
});

describe('the Swedish catalogue', () => {
  // "Enhet" is the organisational unit (kommun, stadsdel, verksamhet); the computer or tablet is
  // "apparaten". These are the phrases in which "enhet" would mean the device.
  const DEVICE_AS_ENHET = [
    /\b(den här|denna|på|från) enheten\b/i,
    /\benheten (är|har|kan) (inte )?(rensas|krypterad|låst|plats)/i,
    /\b(rensa|lämna över) enheten\b/i,
    /\bEnheten har inte plats\b/,
    /\bpå en enhet\b/i,
    /\bsina enheter;/i,
  ];

  it('never calls the device "enhet": that word is the organisational unit', () => {
    for (const { sv: svCat } of Object.values(CATALOGUES))
      for (const l of leaves(svCat)) {
        const text = typeof l.value === 'function' ? sample(l.value as () => unknown) : l.value;
        if (typeof text !== 'string') continue;
        for (const re of DEVICE_AS_ENHET)
          expect([l.path, text, re.test(text)]).toEqual([l.path, text, false]);
      }
  });

  it('calls the one secret that opens the device "upplåsningskod" on every screen that asks for it', () => {
    const asks = [
      sv.lock.secret,
      sv.relogin.secret,
      handover.sv.handover.password,
      lockChange.sv.change.current,
      lockChange.sv.change.next,
    ];
    for (const label of asks) expect(label.toLowerCase()).toContain('upplåsningskod');
    expect(handover.sv.handover.unlockIntro).toMatch(/upplåsningskod/);
    expect(handover.sv.handover.unlockIntro).not.toMatch(/lösenord/i);
    expect(handover.sv.handover.unlockWrong).toMatch(/upplåsningskod/);
  });
});
