/**
 * Case-note sentences for the guard's tests and corpus: contexts an identifier is written in
 * (plain, after a label, in brackets, glued to a word or to punctuation, at a line start), and
 * ordinary sentences that carry numbers – times and ranges, dates, diarienummer, amounts,
 * postcodes, pseudonym codes, SIP items, weeks, percentages – and must pass. All synthetic.
 */
import fc from 'fast-check';
import type { Generated } from './synthetic-identifiers';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Contexts for any kind; "{X}" is where the identifier goes. */
const ANY_CONTEXT = [
  'Deltagaren uppgav {X} vid mötet.',
  '{X}',
  '{X} – se anteckning från FK.',
  'Enligt FK: {X}.',
  'Kontakt ({X}) lämnades till AF.',
  'Möte 2026-03-12 kl 10.00, deltagaren lämnade {X} till handläggaren.',
  'Uppgift: {X}, kontrollera med vårdcentralen.',
  'Ny uppgift\n{X}',
  '”{X}”',
  'Se bifogad blankett [{X}].',
  'Beviljat 4 500 kr; {X}; nästa möte v. 12.',
  'Anteckning:{X}',
  'Noterat {X}/AF',
];

const LABELLED: Record<Generated['kind'], string[]> = {
  personnummer: [
    'pnr {X}',
    'pnr:{X}',
    'Pnr: {X}.',
    'Personnr {X}',
    'pers.nr {X}',
    'p-nr {X}',
    'Personnummer är {X}.',
    'nr{X}',
    'Pnr{X}',
    '(pnr {X})',
    'personnummer: {X}, enligt ansökan',
  ],
  samordningsnummer: [
    'samordningsnr {X}',
    'Samordningsnummer: {X}.',
    'pnr {X}',
    'nr{X}',
    '(samordningsnr {X})',
  ],
  telefon: [
    'tel {X}',
    'Tel: {X}',
    'Tel.{X}',
    'tel:{X}',
    'mobil {X}',
    'Mobil:{X}',
    'Ring {X} efter lunch.',
    'Nås på {X}.',
    'tfn {X}',
    'sms till {X}',
    '(tel. {X})',
    'telefonnummer {X}',
  ],
  epost: ['Skriv till {X}.', 'e-post: {X}', 'mejl {X}', '<{X}>', '({X})', 'Kontakt via {X}, svar väntas.'],
};

/** The identifier in a context; `index` is where it starts in `text`. */
export interface InContext extends Generated {
  text: string;
  index: number;
}

/** Every context an identifier of `kind` is written in here ("{X}" marks the place). */
export const contextsFor = (kind: Generated['kind']): readonly string[] => [
  ...ANY_CONTEXT,
  ...LABELLED[kind],
];

/** `g` written into `context`. */
export function place(g: Generated, context: string): InContext {
  const index = context.indexOf('{X}');
  return { ...g, text: context.replace('{X}', g.value), index };
}

export const inContext = (id: fc.Arbitrary<Generated>): fc.Arbitrary<InContext> =>
  id.chain((g) => fc.constantFrom(...contextsFor(g.kind)).map((context) => place(g, context)));

const int = (min: number, max: number) => fc.integer({ min, max });
const hhmm = fc.tuple(int(6, 20), fc.constantFrom(0, 15, 30, 45, 5, 10, 50));
const dash = fc.constantFrom('-', '–', ' - ', ' – ', '—');
const date = fc.tuple(int(2019, 2027), int(1, 12), int(1, 28));
const iso = date.map(([y, m, d]) => `${y}-${pad(m)}-${pad(d)}`);
const amount = int(0, 250_000).map((n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' '));
const word = fc.constantFrom(
  'AF',
  'FK',
  'vårdcentralen',
  'praktik',
  'arbetsträning',
  'SFI',
  'kommunen',
  'regionen',
);

/** Time formats: 0900-1300, kl 0815–1530, 08.15-15.30, kl 14:30, 9–12. */
const time = fc.oneof(
  fc.tuple(hhmm, hhmm, dash).map(([[h1, m1], [h2, m2], d]) => `${pad(h1)}${pad(m1)}${d}${pad(h2)}${pad(m2)}`),
  fc
    .tuple(hhmm, hhmm, dash)
    .map(([[h1, m1], [h2, m2], d]) => `kl ${pad(h1)}${pad(m1)}${d}${pad(h2)}${pad(m2)}`),
  fc
    .tuple(hhmm, hhmm, dash)
    .map(([[h1, m1], [h2, m2], d]) => `${pad(h1)}.${pad(m1)}${d}${pad(h2)}.${pad(m2)}`),
  fc
    .tuple(hhmm, hhmm, dash)
    .map(([[h1, m1], [h2, m2], d]) => `${pad(h1)}:${pad(m1)}${d}${pad(h2)}:${pad(m2)}`),
  hhmm.map(([h, m]) => `kl ${pad(h)}.${pad(m)}`),
  hhmm.map(([h, m]) => `kl. ${h}.${pad(m)}`),
  hhmm.map(([h, m]) => `${pad(h)}${pad(m)}`),
  fc.tuple(int(7, 12), int(13, 17)).map(([a, b]) => `${a}–${b}`),
);

/** Dates on their own and in ranges, with and without times. */
const dates = fc.oneof(
  iso,
  date.map(([y, m, d]) => `${pad(d)}.${pad(m)}.${y}`),
  date.map(([y, m, d]) => `${d}/${m} ${y}`),
  date.map(([y, m, d]) => `${pad(d)}/${pad(m)}/${y}`),
  date.map(([y, m, d]) => `${y}${pad(m)}${pad(d)}`),
  date.map(([, m, d]) => `${d}/${m}`),
  fc.tuple(iso, iso, dash).map(([a, b, d]) => `${a}${d}${b}`),
  fc.tuple(iso, hhmm).map(([a, [h, m]]) => `${a} kl ${pad(h)}.${pad(m)}`),
  fc.tuple(iso, hhmm).map(([a, [h, m]]) => `${a} ${pad(h)}${pad(m)}`),
  fc
    .tuple(iso, hhmm, hhmm)
    .map(([a, [h1, m1], [h2, m2]]) => `${a} ${pad(h1)}.${pad(m1)}-${pad(h2)}.${pad(m2)}`),
  date.map(([y, m]) => `${y}-${pad(m)}`),
);

/** Diarienummer and case references as förvaltningar write them. */
const reference = fc.oneof(
  fc.tuple(int(1, 9999), int(2019, 2027)).map(([n, y]) => `Dnr ${pad(n, 5)}-${y}`),
  fc.tuple(int(1, 9999), int(2019, 2027)).map(([n, y]) => `dnr ${y}-${pad(n, 5)}`),
  fc.tuple(int(1, 999), int(2019, 2027)).map(([n, y]) => `KS ${y}/${n}`),
  fc.tuple(int(1, 999), int(2019, 2027)).map(([n, y]) => `SN-${y}-${pad(n, 4)}`),
  fc.tuple(int(1, 99999), int(19, 27)).map(([n, y]) => `diarienummer ${pad(n, 5)}-${y}`),
  fc.tuple(int(1, 9999), int(2019, 2027)).map(([n, y]) => `${pad(n, 5)}-${y}`),
);

const codeChar = fc.constantFrom(...'23456789ABCDEFGHJKMNPQRSTUVWXYZ');
const code = fc
  .tuple(fc.constantFrom('NOR', 'SKE', 'MAL', 'LYC'), fc.array(codeChar, { minLength: 4, maxLength: 4 }))
  .map(([e, c]) => `${e}-${c.join('')}`);

const other = fc.oneof(
  amount.map((a) => `${a} kr`),
  int(100, 9999).map((n) => `${n}:-`),
  fc.tuple(int(0, 9999), int(0, 99)).map(([k, o]) => `${k},${pad(o)} kr`),
  fc.tuple(int(100, 999), int(10, 99)).map(([a, b]) => `${a} ${b} Norsjö`),
  int(10000, 99999).map((n) => `postnummer ${n}`),
  code,
  fc.tuple(int(1, 10), int(11, 22)).map(([a, b]) => `SIP punkt ${a}–${b}`),
  int(1, 22).map((n) => `punkt ${n}`),
  int(1, 52).map((n) => `vecka ${n}`),
  fc.tuple(int(1, 50), int(2, 52)).map(([a, b]) => `v.${a}-${b}`),
  int(0, 100).map((n) => `${n} %`),
  int(18, 67).map((n) => `${n} år`),
  fc.tuple(int(0, 12), int(0, 36)).map(([a, b]) => `${a} av 12 och ${b} av 36 månader`),
  int(1990, 2027).map(String),
  fc.tuple(int(2015, 2025), int(2016, 2027)).map(([a, b]) => `${a}–${b}`),
  int(1, 999).map((n) => `ärende ${n}`),
  fc.tuple(int(1, 9), int(0, 9)).map(([a, b]) => `${a},${b} timmar`),
  int(1, 40).map((n) => `${n} tim/v`),
  fc.tuple(int(1, 4), int(0, 99)).map(([a, b]) => `${a}.${b}`),
  int(1, 9).map((n) => `${n} barn`),
);

const TEMPLATES = [
  'Möte {N} med {W}.',
  'Deltagaren har praktik {N} hos {W}.',
  'Trepartssamtal {N}, uppföljning {N}.',
  'Beviljat {N} för november.',
  'Arbetsträning {N} på {W}, start {N}.',
  'Ärendet gäller {N}; se {N}.',
  '{N}',
  'Nästa avstämning {N} ({W}).',
  'Insats enligt {N}, {N}.',
  'Samtal med {W} {N} om {N}.',
  '{N} {N}.',
  'Möte {N} {N} med {W}, {N}.',
  '{N}, {N}, {N}',
];

/** An ordinary case-note sentence with one to three numbers in it. */
export const ordinarySentence: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom(...TEMPLATES),
    fc.array(fc.oneof(time, dates, reference, other), { minLength: 3, maxLength: 3 }),
    word,
  )
  .map(([t, ns, w]) => {
    let i = 0;
    return t.replace(/\{N\}/g, () => ns[i++] ?? '').replace('{W}', w);
  });
