// The free-text guard finds every way identifiers are written. Synthetic data only: personnummer
// are built from generated (or fixed, fictitious) dates and serials with computed check digits.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findIdentifyingData, type GuardFinding, luhnValid } from '../../../../src/domain/guard';
import { contextsFor, inContext, place } from '../../../helpers/case-sentences';
import {
  anyEmail,
  anyPhone,
  EMAIL_FORMATS,
  emailIn,
  fillPhone,
  PHONE_KINDS,
} from '../../../helpers/synthetic-contacts';
import {
  anyIdFormat,
  checkDigit,
  formatId,
  type Generated,
  ID_FORMATS,
  type IdParts,
  idNumber,
} from '../../../helpers/synthetic-identifiers';

const SEED = 1205;
const FICTITIOUS: IdParts = { year: 1985, month: 7, day: 9, serial: 123, samordning: false };

/** The finding that covers the identifier placed at `index`, or undefined. */
const covering = (findings: GuardFinding[], index: number, length: number) =>
  findings.find((f) => f.index < index + length && index < f.index + f.length);

describe('luhnValid', () => {
  it('accepts a fictitious number whose check digit is computed and refuses every other digit', () => {
    const good = checkDigit('850709123');
    for (let c = 0; c < 10; c++) expect(luhnValid(`850709123${c}`)).toBe(c === good);
  });

  it('refuses anything but ten digits', () => {
    for (const v of ['85070912', '850709-1234', '', '８５０７０９１２３４']) expect(luhnValid(v)).toBe(false);
  });
});

describe('personnummer and samordningsnummer in every named format and context', () => {
  const cases = ID_FORMATS.flatMap((format) =>
    [false, true].map((samordning) => ({
      format,
      samordning,
      kind: samordning ? 'samordningsnummer' : 'personnummer',
    })),
  );

  it.each(cases)(
    '$format.name ($kind) is found in full, with its kind, in every context',
    ({ format, samordning, kind }) => {
      const value = formatId({ ...FICTITIOUS, samordning }, format);
      const g: Generated = { format: format.name, kind: kind as Generated['kind'], value };
      for (const context of contextsFor(g.kind)) {
        const { text, index } = place(g, context);
        expect(findIdentifyingData(text), `${text}`).toContainEqual({ kind, index, length: value.length });
      }
    },
  );

  it('finds a 12-digit number of the 1800s (test fixtures use them: nobody living has one)', () => {
    const value = formatId({ ...FICTITIOUS, year: 1890 }, { century: true, dateSep: '', serialSep: '-' });
    expect(findIdentifyingData(`Född ${value}.`)).toEqual([{ kind: 'personnummer', index: 5, length: 13 }]);
  });

  it('finds every generated number with any separators, in any context, with the right kind', () => {
    fc.assert(
      fc.property(inContext(idNumber(anyIdFormat)), ({ text, index, value, kind }) => {
        const hit = covering(findIdentifyingData(text), index, value.length);
        expect(hit?.kind).toBe(kind);
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });

  it('does not take a wrong check digit for an identifier unless a label says what it is', () => {
    fc.assert(
      fc.property(fc.tuple(fc.integer({ min: 1, max: 9 }), anyIdFormat), ([offset, format]) => {
        const value = formatId(FICTITIOUS, format, offset);
        const kinds = findIdentifyingData(`Ärendet gäller ${value} enligt anteckning.`).map((f) => f.kind);
        expect(kinds).not.toContain('personnummer');
        expect(findIdentifyingData(`pnr ${value}`).map((f) => f.kind)).toEqual(['personnummer']);
        expect(findIdentifyingData(`samordningsnr: ${value}`).map((f) => f.kind)).toEqual([
          'samordningsnummer',
        ]);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('does not read a personnummer out of a longer run of digits', () => {
    const value = formatId(FICTITIOUS, { century: false, dateSep: '', serialSep: '' });
    expect(findIdentifyingData(`ärendenummer 1${value}9`)).toEqual([]);
  });

  it('tells a date from a birth date: a day past the month or a month past 12 is no identifier', () => {
    const nine = '850230123'; // 30 February
    const bad = `${nine}${checkDigit(nine)}`;
    const badSam = `850291123${checkDigit('850291123')}`; // samordning day 31 February
    expect(findIdentifyingData(`${bad} och ${badSam}`)).toEqual([]);
    const leap = `000229123${checkDigit('000229123')}`;
    expect(findIdentifyingData(leap).map((f) => f.kind)).toEqual(['personnummer']);
  });
});

describe('phone numbers in every grouping and separator', () => {
  const templates = PHONE_KINDS.flatMap((k) => k.templates.map((t) => ({ kind: k, t })));

  it.each(templates)('$kind.name $t is found in full, in every context', ({ kind, t }) => {
    const value = fillPhone(t, kind.areas[0] ?? '', [1, 2, 3, 4, 5, 6, 7, 8]);
    for (const context of contextsFor('telefon')) {
      const { text, index } = place({ format: t, kind: 'telefon', value }, context);
      expect(findIdentifyingData(text), text).toContainEqual({
        kind: 'telefon',
        index,
        length: value.length,
      });
    }
  });

  it('finds every generated Swedish number in any context; only ten bare digits may read as a personnummer', () => {
    fc.assert(
      fc.property(inContext(anyPhone), ({ text, index, value }) => {
        const hit = covering(findIdentifyingData(text), index, value.length);
        expect(hit).toBeDefined();
        if (!/^\d{10}$/.test(value)) expect(hit?.kind).toBe('telefon');
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });

  it.each([
    ['+47 912 34 567'],
    ['+358 40 123 4567'],
    ['+1 212 555 0100'],
    ['+46 8 123 456 78'],
    ['+46(0)8-1234567'],
    ['(+46) 70 123 45 67'],
    ['070 – 123\u00a045\u00a067'],
  ])('finds %s', (phone) => {
    expect(findIdentifyingData(`Ring ${phone} i dag`).map((f) => f.kind)).toEqual(['telefon']);
  });
});

describe('e-mail addresses', () => {
  it.each(EMAIL_FORMATS)('finds the format "%s" in full in every context', (format) => {
    fc.assert(
      fc.property(emailIn(format), (g) => {
        for (const context of contextsFor('epost')) {
          const { text, index } = place(g, context);
          expect(findIdentifyingData(text)).toEqual([{ kind: 'epost', index, length: g.value.length }]);
        }
      }),
      { seed: SEED, numRuns: 100 },
    );
  });

  it('finds every generated address in any context', () => {
    fc.assert(
      fc.property(inContext(anyEmail), ({ text, index, value }) => {
        expect(covering(findIdentifyingData(text), index, value.length)?.kind).toBe('epost');
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });

  it('reports a phone number inside an address once, as the address', () => {
    expect(findIdentifyingData('skriv till 0701234567@sms.example.se').map((f) => f.kind)).toEqual(['epost']);
  });

  it.each([['a@b'], ['@kommun.se'], ['x@.se'], ['x@kommun.s'], ['x@kommun..se'], ['x@kommun.s3']])(
    'does not take %s for an address',
    (text) => {
      expect(findIdentifyingData(text)).toEqual([]);
    },
  );
});

describe('several data in one text', () => {
  it('reports each, in order of position', () => {
    const sam = formatId({ ...FICTITIOUS, samordning: true }, { century: true, dateSep: '', serialSep: '-' });
    const findings = findIdentifyingData(`anna@example.se, 070-123 45 67 och ${sam}, pnr 850709-1235`);
    expect(findings.map((f) => f.kind)).toEqual(['epost', 'telefon', 'samordningsnummer', 'personnummer']);
  });

  it('finds a personnummer and a phone number written right after each other', () => {
    const pnr = formatId(FICTITIOUS, { century: false, dateSep: '', serialSep: '-' });
    expect(findIdentifyingData(`${pnr} 070-123 45 67`).map((f) => f.kind)).toEqual([
      'personnummer',
      'telefon',
    ]);
    expect(findIdentifyingData(`070-123 45 67 ${pnr}`).map((f) => f.kind)).toEqual([
      'telefon',
      'personnummer',
    ]);
    expect(findIdentifyingData(`2026-03-12 ${pnr}`).map((f) => f.kind)).toEqual(['personnummer']);
  });
});
