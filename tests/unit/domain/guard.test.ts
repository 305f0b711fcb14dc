// The free-text guard, tested with synthetic identifiers only: every personnummer here is built
// from a generated (or fixed, fictitious) date and serial, with a check digit computed below.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  findIdentifyingData,
  type GuardFinding,
  type GuardKind,
  guardedText,
  guardMessage,
  luhnValid,
} from '../../../src/domain/guard';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The Luhn check digit for the nine digits YYMMDDNNN. */
function checkDigit(nineDigits: string): number {
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    let d = Number(nineDigits[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

interface IdNumber {
  year: number;
  month: number;
  day: number;
  serial: number;
  samordning: boolean;
  twelve: boolean;
  sep: string;
}

function formatId(p: IdNumber, checkOffset = 0): string {
  const day = p.day + (p.samordning ? 60 : 0);
  const nine = `${pad(p.year % 100)}${pad(p.month)}${pad(day)}${pad(p.serial, 3)}`;
  const check = (checkDigit(nine) + checkOffset) % 10;
  const head = p.twelve ? `${String(p.year).slice(0, 2)}${nine.slice(0, 6)}` : nine.slice(0, 6);
  return `${head}${p.sep}${nine.slice(6)}${check}`;
}

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

const idNumber: fc.Arbitrary<IdNumber> = fc
  .record({
    year: fc.integer({ min: 1900, max: 2025 }),
    month: fc.integer({ min: 1, max: 12 }),
    dayFraction: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
    serial: fc.integer({ min: 0, max: 999 }),
    samordning: fc.boolean(),
    twelve: fc.boolean(),
    // '-', '+' (over 100 years), none, and the space some people type.
    sep: fc.constantFrom('-', '+', '', ' '),
  })
  .map(({ dayFraction, ...p }) => ({ ...p, day: 1 + Math.floor(dayFraction * daysIn(p.year, p.month)) }));

const WORDS = [
  'deltagaren',
  'handläggaren',
  'möte',
  'med',
  'AF',
  'FK',
  'vårdcentralen',
  'och',
  'praktik',
  'överenskommelse',
  'försörjningsstöd',
  'planering',
  'uppföljning',
  'närvarande',
  'ansökan',
  'beviljat',
  'önskar',
  'studier',
  'läkarintyg',
  'nästa',
] as const;
const word = fc.constantFrom(...WORDS);
const words = fc.array(word, { minLength: 0, maxLength: 4 }).map((w) => w.join(' '));

/** `before`, then the datum, then `after`, with the datum's position. */
const inSentence = (datum: fc.Arbitrary<string>) =>
  fc.tuple(words, datum, words).map(([before, value, after]) => {
    const prefix = before ? `${before} ` : '';
    return { text: `${prefix}${value}${after ? ` ${after}` : ''}.`, value, index: prefix.length };
  });

function kindsAt(findings: GuardFinding[], index: number): GuardKind[] {
  return findings.filter((f) => f.index === index).map((f) => f.kind);
}

describe('luhnValid', () => {
  it('accepts a fictitious number whose check digit is computed', () => {
    expect(luhnValid(`850709123${checkDigit('850709123')}`)).toBe(true);
  });

  it('refuses every other check digit and anything but ten digits', () => {
    const good = checkDigit('850709123');
    for (let c = 0; c < 10; c++) if (c !== good) expect(luhnValid(`850709123${c}`)).toBe(false);
    expect(luhnValid('85070912')).toBe(false);
    expect(luhnValid('850709-1234')).toBe(false);
  });
});

describe('findIdentifyingData: personnummer and samordningsnummer', () => {
  it('finds a fixed fictitious personnummer in every written form', () => {
    const p = { year: 1985, month: 7, day: 9, serial: 123, samordning: false };
    for (const twelve of [false, true])
      for (const sep of ['-', '+', '', ' ']) {
        const value = formatId({ ...p, twelve, sep });
        const text = `Deltagaren uppgav ${value} vid mötet.`;
        expect(findIdentifyingData(text)).toEqual([
          { kind: 'personnummer', index: 18, length: value.length },
        ]);
      }
  });

  it('finds every valid generated number, of 10 or 12 digits and any separator, with the right kind', () => {
    fc.assert(
      fc.property(
        idNumber.chain((p) => inSentence(fc.constant(formatId(p))).map((s) => ({ p, ...s }))),
        ({ p, text, value, index }) => {
          expect(findIdentifyingData(text)).toEqual([
            { kind: p.samordning ? 'samordningsnummer' : 'personnummer', index, length: value.length },
          ]);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('does not report a number with a wrong check digit as a personnummer or samordningsnummer', () => {
    fc.assert(
      fc.property(idNumber, fc.integer({ min: 1, max: 9 }), (p, offset) => {
        const text = `Ärendet gäller ${formatId(p, offset)} enligt anteckning.`;
        const kinds = findIdentifyingData(text).map((f) => f.kind);
        expect(kinds).not.toContain('personnummer');
        expect(kinds).not.toContain('samordningsnummer');
      }),
      { numRuns: 1000 },
    );
  });

  it('does not read a personnummer out of a longer run of digits', () => {
    const value = formatId({
      year: 1985,
      month: 7,
      day: 9,
      serial: 123,
      samordning: false,
      twelve: false,
      sep: '',
    });
    expect(findIdentifyingData(`ärendenummer 1${value}9`)).toEqual([]);
  });

  it('finds a personnummer written with an en dash, as word processors substitute', () => {
    const value = formatId({
      year: 1985,
      month: 7,
      day: 9,
      serial: 123,
      samordning: false,
      twelve: false,
      sep: '–',
    });
    expect(kindsAt(findIdentifyingData(`pnr ${value}`), 4)).toEqual(['personnummer']);
  });
});

const digitsOf = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n });
const grouped = (digits: readonly number[], sizes: readonly number[], sep: string) => {
  const parts: string[] = [];
  let at = 0;
  for (const size of sizes) {
    parts.push(digits.slice(at, at + size).join(''));
    at += size;
  }
  return parts.join(sep);
};

/** Swedish numbers as people write them: area code or mobile prefix, then the subscriber number. */
const swedishPhone = fc.oneof(
  // Mobile: 070-123 45 67, 0701234567, +46 70 123 45 67, 0046 70 123 45 67
  fc
    .tuple(
      fc.constantFrom('70', '72', '73', '76', '79'),
      digitsOf(7),
      fc.constantFrom('0', '+46 ', '+46', '0046 ', '+46 (0)'),
      fc.constantFrom('-', ' ', '', ' - ', ' – '),
      fc.constantFrom(' ', ''),
    )
    .map(([prefix, d, country, areaSep, groupSep]) =>
      country.startsWith('0')
        ? `${country}${prefix}${areaSep}${grouped(d, [3, 2, 2], groupSep)}`
        : `${country}${prefix} ${grouped(d, [3, 2, 2], groupSep)}`,
    ),
  // Stockholm: 08-123 456 78, 08-123 45 67
  fc
    .tuple(digitsOf(8), fc.constantFrom('-', ' ', ' - '), fc.constantFrom([3, 3, 2], [3, 2, 2]))
    .map(([d, sep, sizes]) => `08${sep}${grouped(d, sizes, ' ')}`),
  // Three- and four-digit area codes: 031-123 45 67, 0921-123 45, 0921-12 34 56
  fc
    .tuple(
      fc.constantFrom('031', '040', '013', '0921', '0910', '0980', '0650'),
      digitsOf(7),
      fc.constantFrom('-', ' ', ' - ', ' – '),
      fc.constantFrom([3, 2], [2, 2, 2]),
    )
    .map(([area, d, sep, shortSizes]) =>
      area.length === 3
        ? `${area}${sep}${grouped(d, [3, 2, 2], ' ')}`
        : `${area}${sep}${grouped(d, shortSizes, ' ')}`,
    ),
);

describe('findIdentifyingData: phone numbers and e-mail addresses', () => {
  it.each([
    ['070-123 45 67'],
    ['+46 70 123 45 67'],
    ['0921-123 45'],
    ['08-123 456 78'],
    ['070 123 45 67'],
    ['0046 70 123 45 67'],
    ['+46 (0)70-123 45 67'],
    ['08 - 123 456 78'],
    ['070 – 123 45 67'],
  ])('finds the phone number %s', (phone) => {
    expect(findIdentifyingData(`Ring ${phone} efter lunch.`)).toEqual([
      { kind: 'telefon', index: 5, length: phone.length },
    ]);
  });

  it('finds every generated Swedish phone number, in full', () => {
    fc.assert(
      fc.property(inSentence(swedishPhone), ({ text, value, index }) => {
        const findings = findIdentifyingData(text);
        expect(findings).toHaveLength(1);
        const [f] = findings;
        expect({ index: f?.index, length: f?.length }).toEqual({ index, length: value.length });
        // Ten bare digits can also be a valid personnummer; refused either way.
        if (!/^\d{10}$/.test(value)) expect(f?.kind).toBe('telefon');
      }),
      { numRuns: 1000 },
    );
  });

  const emailAddress = fc
    .tuple(
      fc.array(fc.constantFrom('anna', 'per', 'åsa', 'örjan', 'x', 'test', 'k9', 'lind'), {
        minLength: 1,
        maxLength: 3,
      }),
      fc.constantFrom('.', '_', '-'),
      fc.constantFrom('', '+post'),
      fc.array(fc.constantFrom('kommun', 'mail', 'ex-empel', 'region', 'af'), { minLength: 1, maxLength: 2 }),
      fc.constantFrom('se', 'com', 'nu', 'org', 'eu'),
      fc.boolean(),
    )
    .map(([local, sep, tag, labels, tld, upper]) => {
      const address = `${local.join(sep)}${tag}@${labels.join('.')}.${tld}`;
      return upper ? address.toUpperCase() : address;
    });

  it('finds every generated e-mail address, in full', () => {
    fc.assert(
      fc.property(inSentence(emailAddress), ({ text, value, index }) => {
        expect(findIdentifyingData(text)).toEqual([{ kind: 'epost', index, length: value.length }]);
      }),
    );
  });

  it('reports a phone number inside an e-mail address once, as the address', () => {
    expect(findIdentifyingData('skriv till 0701234567@sms.example.se').map((f) => f.kind)).toEqual(['epost']);
  });

  it('reports several data in order of position', () => {
    const pnr = formatId({
      year: 1985,
      month: 7,
      day: 9,
      serial: 123,
      samordning: true,
      twelve: true,
      sep: '-',
    });
    const findings = findIdentifyingData(`anna@example.se, 070-123 45 67 och ${pnr}`);
    expect(findings.map((f) => f.kind)).toEqual(['epost', 'telefon', 'samordningsnummer']);
  });
});

/** Harmless case-note text: dates, month counts, amounts, years, times and short numbers. */
const pick = (min: number, max: number) => fc.integer({ min, max });
const amount = pick(0, 250_000).map((n) => `${String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ')} kr`);
const harmlessToken = fc.oneof(
  { arbitrary: word, weight: 4 },
  fc.tuple(pick(2000, 2030), pick(1, 12), pick(1, 28)).map(([y, m, d]) => `${y}-${pad(m)}-${pad(d)}`),
  pick(0, 12).map((n) => `${n} av 12 månader`),
  pick(0, 36).map((n) => `${n} av 36 månader`),
  amount,
  pick(1990, 2030).map(String),
  fc.tuple(pick(0, 23), pick(0, 59)).map(([h, m]) => `kl ${pad(h)}.${pad(m)}`),
  fc.tuple(pick(0, 23), pick(0, 59)).map(([h, m]) => `${pad(h)}:${pad(m)}`),
  pick(1, 999).map(String),
  fc
    .tuple(pick(0, 99), fc.constantFrom('timmar', 'dagar', 'barn', 'veckor', 'procent'))
    .map(([n, unit]) => `${n} ${unit}`),
  pick(1, 52).map((n) => `vecka ${n}`),
  fc.tuple(pick(1, 28), pick(1, 12)).map(([d, m]) => `${d}/${m}`),
);
const harmlessText = fc
  .array(fc.tuple(harmlessToken, fc.constantFrom(' ', ', ', '. ', ': ', ' och ', ' – ')), {
    minLength: 1,
    maxLength: 14,
  })
  .map((parts) => parts.map(([token, sep]) => `${token}${sep}`).join(''));

describe('findIdentifyingData: ordinary case-note text', () => {
  it.each([
    ['Möte 2026-11-23 kl 14.30 med AF och FK.'],
    ['Försörjningsstöd 3 av 12 månader, 14 av 36 månader.'],
    ['Beviljat 4 500 kr för november, 12 500 kr i december.'],
    ['Studerade 2019 och 2021, praktik 2025.'],
    ['Utbetalt 2026-11-05 12 500 kr.'],
    ['Möte kl 14.05 2026-11-23 på vårdcentralen.'],
    ['Avstämning 15/05 2026 12 personer närvarande.'],
    ['Uppföljning 2026-12-05 – 2027-01-05.'],
    ['Ärende 4711, rum 12, 3 barn, 0 kr i inkomst.'],
  ])('does not flag %s', (text) => {
    expect(findIdentifyingData(text)).toEqual([]);
  });

  it('does not flag generated text of dates, months, amounts, years, times and short numbers', () => {
    fc.assert(
      fc.property(harmlessText, (text) => {
        expect(findIdentifyingData(text)).toEqual([]);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('guardMessage', () => {
  it('names the kind and the character positions of one finding', () => {
    const msg = guardMessage([{ kind: 'telefon', index: 5, length: 13 }]);
    expect(msg).toContain('ett telefonnummer (tecken 6–18)');
    expect(msg).toContain('Fältsam får inte lagra uppgifter som kan identifiera en deltagare');
  });

  it('lists several findings with "och" before the last', () => {
    const msg = guardMessage([
      { kind: 'personnummer', index: 0, length: 11 },
      { kind: 'epost', index: 20, length: 10 },
      { kind: 'samordningsnummer', index: 40, length: 13 },
    ]);
    expect(msg).toContain(
      'ett personnummer (tecken 1–11), en e-postadress (tecken 21–30) och ett samordningsnummer (tecken 41–53)',
    );
  });

  it('never repeats the number it found', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          idNumber.map((p) => formatId(p)),
          swedishPhone,
        ),
        words,
        (value, before) => {
          const text = `${before} ${value}`;
          const msg = guardMessage(findIdentifyingData(text));
          expect(msg).not.toContain(value);
          expect(msg.replace(/\D/g, ' ')).not.toContain(value.replace(/\D/g, ''));
        },
      ),
    );
  });
});

describe('guardedText', () => {
  const schema = guardedText(200);

  it('accepts ordinary case-note text', () => {
    expect(schema.safeParse('Möte 2026-11-23 kl 14.30, 3 av 12 månader, 4 500 kr.').success).toBe(true);
  });

  it('refuses text with identifying data, with the guard message', () => {
    const text = `Ring 070-123 45 67 eller skriv till anna@example.se.`;
    const result = schema.safeParse(text);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toEqual([guardMessage(findIdentifyingData(text))]);
  });

  it('refuses every generated personnummer and phone number', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          idNumber.map((p) => formatId(p)),
          swedishPhone,
        ),
        (value) => {
          const result = schema.safeParse(`Uppgift: ${value}`);
          expect(result.success).toBe(false);
          expect(result.error?.issues[0]?.message).toMatch(/^Texten innehåller /);
        },
      ),
    );
  });

  it('refuses text over the maximum length', () => {
    const result = schema.safeParse('a'.repeat(201));
    expect(result.error?.issues[0]?.message).toBe('Texten får vara högst 200 tecken.');
  });
});
