// The device's own code words its messages in Swedish (validation in src/domain, the device store
// in src/db, sync in src/sync), as the server's API does (src/server), and the device shows both. In
// English every one of them must show in English: this finds each Swedish sentence in that source
// with Vite's parser and checks that localizeMessage turns it (with sample values in its blanks)
// into English. A new Swedish message without English in src/ui/i18n/en-messages.ts or
// en-server-messages.ts fails here.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { parseAst } from 'vite';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { guardMessage } from '../../../src/domain/guard';
import { catalogue as admin } from '../../../src/ui/i18n/admin';
import { catalogue as casework } from '../../../src/ui/i18n/casework';
import { catalogue as konsultation } from '../../../src/ui/i18n/konsultation';
import { applyLang } from '../../../src/ui/i18n/locale';
import { loadCatalogue, localizeMessage, t } from '../../../src/ui/i18n/messages';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
/** How a template's values show in the messages found (as in en-messages.ts keys). */
const BLANK = ['$', '{}'].join('');
const SWEDISH =
  /[åäöÅÄÖ]|\b(och|att|inte|för|som|ett|en|är|får|kan|finns|ange|välj|högst|minst|det|den|med|till|på|av|om|Ange|Välj|Högst|Minst)\b/;
// Kept verbatim Swedish on purpose (the instrument, the SIP checklist) or data, not messages.
const VERBATIM =
  /src\/domain\/instrument\/(matpunkter|indicators|slots|forms|vocabulary)\.ts$|sip-checklist\.ts$/;
// The server's console and its demo data are for whoever runs it, never shown in the app; so are
// the operations: the faltsam command (cli/, its own Swedish and English), what it does on the
// server (ops/) and the server's start-up configuration (runtime/).
const NOT_UI = /src\/server\/(server|demo)\.ts$|src\/server\/(cli|ops|runtime)\//;
const NOT_MESSAGES = new Set([
  'Instämmer inte alls', // the scale's end labels: the instrument's words
  'Instämmer helt',
  'Hoppa över', // SKIP_LABEL: the screens show their own, from the catalogue
  'Effektivare stöd till arbete', // the förbund's default behovsgrupper: data, shown as stored
  'Förrehabiliterande insatser',
  'Vårdsamverkan inför sjukersättning',
  'Arbete utan krav på svenska',
  `${BLANK} och ${BLANK}`, // the guard's list joiner: a piece of its sentence, see EN_FRAGMENTS
  `${BLANK} år`, // an age group put into a konsultation message: a value, not a message
  `Fältet ${BLANK}`, // the guard's subject and its count of more findings: pieces of its
  `${BLANK} till`, //   sentence, translated as values (EN_VALUES, EN_FRAGMENTS)
]);

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith('.ts') && !VERBATIM.test(path) && !NOT_UI.test(path) ? [path] : [];
  });
}

interface Node {
  type: string;
  [key: string]: unknown;
}

/** Every Swedish sentence-like string in a file; a template's values are `${}`. */
function swedishStrings(file: string): string[] {
  const ast = parseAst(readFileSync(join(ROOT, file), 'utf8'), { lang: 'ts' }, file);
  const found: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const child of node) visit(child);
      return;
    }
    if (!node || typeof node !== 'object' || typeof (node as Node).type !== 'string') return;
    const n = node as Node;
    let text: string | null = null;
    if (n.type === 'Literal' && typeof n.value === 'string') text = n.value;
    if (n.type === 'TemplateLiteral')
      text = (n.quasis as { value: { cooked: string } }[]).map((q) => q.value.cooked).join(BLANK);
    if (
      text &&
      /^[A-ZÅÄÖ$]/.test(text) &&
      text.includes(' ') &&
      SWEDISH.test(text) &&
      !text.startsWith('Not a ') &&
      !/\b(must|of user|for förbund)\b/.test(text) // the server's internal errors, in English
    )
      found.push(text);
    for (const [key, value] of Object.entries(n)) if (key !== 'type') visit(value);
  };
  visit(ast);
  return found;
}

/** Labels the catalogue already has in both languages (parties, outcomes, audit actions …). */
const IN_CATALOGUE = new Set(
  [casework.sv, konsultation.sv, admin.sv].flatMap(function strings(node: unknown): string[] {
    if (typeof node === 'string') return [node];
    return node && typeof node === 'object' ? Object.values(node).flatMap(strings) : [];
  }),
);

const ENGLISH_NAMES = /Fältsam|Arbetsförmedlingen|Försäkringskassan|A–Ö|sammanfattning/g;

beforeAll(() => loadCatalogue('en'));
afterEach(() => applyLang('sv', { remember: false }));

describe('the messages of the device’s own code', () => {
  const dirs = ['src/domain', 'src/db', 'src/sync', 'src/server'];
  const messages = [...new Set(dirs.flatMap(sourceFiles))].flatMap((file) =>
    swedishStrings(file)
      .filter((m) => !NOT_MESSAGES.has(m) && !IN_CATALOGUE.has(m))
      .map((m) => ({ file: relative(ROOT, join(ROOT, file)), message: m })),
  );

  it('are found in the source (the check itself)', () => {
    expect(messages.map((m) => m.message)).toEqual(
      expect.arrayContaining([
        'Ange ett helt antal månader.',
        `Högst ${BLANK} månader.`,
        'Åtgärden finns inte på den här apparaten.',
        'Fel användarnamn eller lösenord.',
        'Id:t används redan av en annan post på servern.',
        `Som ${BLANK} kan du inte ändra ${BLANK}.`,
      ]),
    );
    expect(messages.length).toBeGreaterThan(80);
  });

  it('each show in English, their blanks filled in, when English is chosen', () => {
    applyLang('en', { remember: false });
    const values = t.sourceValues; // field labels the guard names: values, not sentences
    const untranslated = messages.filter(({ message }) => {
      const sample = message.replaceAll(BLANK, '5');
      const english = Object.hasOwn(values, sample) ? (values[sample] ?? sample) : localizeMessage(sample);
      return english === sample || /[åäöÅÄÖ]/.test(english.replace(ENGLISH_NAMES, ''));
    });
    expect(untranslated).toEqual([]);
  });

  it('stay as they are in Swedish', () => {
    for (const { message } of messages) expect(localizeMessage(message)).toBe(message);
  });

  it('put the free-text guard’s findings into English, however many', () => {
    applyLang('en', { remember: false });
    const kinds = ['personnummer', 'samordningsnummer', 'telefon', 'epost'] as const;
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            kind: fc.constantFrom(...kinds),
            index: fc.nat(4000),
            length: fc.integer({ min: 1, max: 40 }),
          }),
          {
            minLength: 1,
            maxLength: 5,
          },
        ),
        fc.constantFrom(
          undefined,
          'Anteckningar',
          'Mål och progression',
          'Varför medverkade deltagaren inte',
        ),
        (findings, field) => {
          const english = localizeMessage(guardMessage(findings, field));
          expect(english).toMatch(/^(The text|The field [A-Z][a-z -]+) contains something that looks like /);
          expect(english.replace('Fältsam', '')).not.toMatch(/[åäöÅÄÖ]|tecken| och | till\b|\bdem\b|\bdet\b/);
          // The guard lists three findings and counts the rest.
          const listed = Math.min(findings.length, 3);
          expect(english.match(/\(characters \d+–\d+\)/g)).toHaveLength(listed);
          if (findings.length > listed) expect(english).toContain(` and ${findings.length - listed} more.`);
          expect(english).toMatch(findings.length === 1 ? /remove it and save/ : /remove them and save/);
        },
      ),
      { seed: 17, numRuns: 200 },
    );
  });

  it('leave a message without English (a newer server’s) as it is, even hostile text', () => {
    applyLang('en', { remember: false });
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => {
        expect(typeof localizeMessage(s)).toBe('string');
      }),
      { seed: 1717, numRuns: 300 },
    );
    expect(localizeMessage('Servern har en ny regel som appen inte känner.')).toBe(
      'Servern har en ny regel som appen inte känner.',
    );
  });

  it('put the API’s record nouns and roles into English whole, never inside a user name', () => {
    applyLang('en', { remember: false });
    expect(localizeMessage('Som handläggare kan du inte ändra svaret.')).toBe(
      'As a case worker you cannot change the answer.',
    );
    expect(localizeMessage('Ärendet från konsultationsteamet finns inte på servern.')).toBe(
      'The case from the consultation team does not exist on the server.',
    );
    expect(localizeMessage('Användarnamnet koordinator.ärendet är upptaget. Välj ett annat.')).toBe(
      'The user name koordinator.ärendet is taken. Choose another.',
    );
  });
});
