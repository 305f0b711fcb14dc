/**
 * Words that say what the next number is. An identifying label ("pnr", "tel") makes a near miss
 * count – a mistyped personnummer is still personal data – and decides the kind reported; a
 * number label ("Dnr", "kl") says the next number is a diarienummer, a time or the like, so a
 * number of one or two groups after it ("Dnr 0123-456789") is not read as a phone number. Words are compared lower-cased with their inner dots and hyphens
 * removed: "Pers.nr", "p-nr" and "Tel." become "persnr", "pnr" and "tel".
 */

export type Label = 'personnummer' | 'samordningsnummer' | 'telefon' | 'inte-telefon';

const LABELS: Record<Label, readonly string[]> = {
  personnummer: [
    'pnr',
    'ppnr',
    'persnr',
    'persnummer',
    'personnr',
    'personnummer',
    'personnumret',
    'personnumer',
    'personnummret',
    'personnumren',
    'födelsenummer',
  ],
  samordningsnummer: [
    'samordningsnr',
    'samordningsnummer',
    'samordningsnumret',
    'samordningsnumer',
    'samordnnr',
    'samordnr',
    'samnr',
  ],
  telefon: [
    'tel',
    'telnr',
    'telefon',
    'telefonnr',
    'telefonnummer',
    'telefonnumret',
    'telefonnumer',
    'tfn',
    'tfnr',
    'tlf',
    'mob',
    'mobnr',
    'mobil',
    'mobilen',
    'mobilnr',
    'mobilnummer',
    'mobilnumret',
    'mobiltel',
    'mobiltelefon',
    'hemtel',
    'arbtel',
    'sms',
    'phone',
    'mobile',
  ],
  'inte-telefon': [
    'dnr',
    'diarienr',
    'diarienummer',
    'diarienumret',
    'ärendenr',
    'ärendenummer',
    'ärendenumret',
    'ref',
    'refnr',
    'referensnr',
    'referensnummer',
    'kl',
    'klockan',
    'ocr',
    'bg',
    'pg',
    'bankgiro',
    'plusgiro',
    'fakturanr',
    'fakturanummer',
    'kontonr',
    'kontonummer',
    'clearingnr',
    'postnr',
    'postnummer',
    'orgnr',
    'organisationsnummer',
    'lghnr',
    'sfs',
  ],
};

/** Lower-cases one code unit of a word (ASCII and Latin-1 capitals; Å Ä Ö included). */
export function lower(c: number): number {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0xc0 && c <= 0xde && c !== 0xd7) ? c + 0x20 : c;
}

function isInnerMark(c: number): boolean {
  return c === 0x2e || c === 0x2d || c === 0x2010 || c === 0x2011;
}

/**
 * One step of a word's hash: lower-cased letters, inner dots and hyphens left out. The scanner
 * hashes each word as it reads it, so words cost no string unless one may be a label.
 */
export function hashStep(h: number, c: number): number {
  return isInnerMark(c) ? h : (Math.imul(h, 31) + lower(c)) | 0;
}

function wordHash(text: string, from: number, to: number): number {
  let h = 0;
  for (let i = from; i < to; i++) h = hashStep(h, text.charCodeAt(i));
  return h;
}

function normalise(word: string): string {
  let out = '';
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (!isInnerMark(c)) out += String.fromCharCode(lower(c));
  }
  return out;
}

type Meaning = Label | 'filler';

/** Small words that may stand between a label and its number: "personnummer är …", "tel nr …". */
const FILLERS = ['är', 'nr', 'no', 'nummer', 'numret', 'på', 'till', 'via'];

const MEANINGS = new Map<string, Meaning>([
  ...(Object.entries(LABELS) as [Label, readonly string[]][]).flatMap(([label, words]) =>
    words.map((w) => [normalise(w), label] as const),
  ),
  ...FILLERS.map((w) => [w, 'filler'] as const),
]);
const HASHES = new Set([...MEANINGS.keys()].map((w) => wordHash(w, 0, w.length)));

/** The longest label word; longer words are never looked up. */
export const MAX_LABEL_LENGTH = 24;

/**
 * What the word text[from, to) means for the next number: a label, a filler (keep the label
 * before it), or null (a word of the sentence: forget any label before it).
 */
export function meaningOf(
  text: string,
  from: number,
  to: number,
  hash = wordHash(text, from, to),
): Meaning | null {
  if (to - from > MAX_LABEL_LENGTH || !HASHES.has(hash)) return null;
  return MEANINGS.get(normalise(text.slice(from, to))) ?? null;
}
