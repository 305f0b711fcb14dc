// The free-text guard leaves ordinary case-note text alone, lets a label make a near miss count,
// and survives hostile input. Synthetic data only.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findIdentifyingData } from '../../../../src/domain/guard';
import { ordinarySentence } from '../../../helpers/case-sentences';
import { checkDigit, pad } from '../../../helpers/synthetic-identifiers';

const SEED = 1205;

describe('ordinary case-note text passes', () => {
  it.each([
    ['Möte 0900-1300 med AF.'],
    ['Praktik kl 0815–1530 måndag till torsdag.'],
    ['Arbetsträning 08.15-15.30, lunch 12.00–12.45.'],
    ['Telefontid 08.00 - 09.00, kl 13:00–14:00.'],
    ['Dnr 00123-2026 och dnr 2026-00456, KS 2026/123, SN-2026-0045.'],
    ['Beslut 01234-2026 gäller från 2026-03-01–2026-09-01.'],
    ['Möte 2026-11-23 kl 14.30 med AF och FK.'],
    ['Uppföljning 2026-12-05 – 2027-01-05, 05.11.2026, 5/11 2026, 08/11/2026.'],
    ['Försörjningsstöd 3 av 12 månader, 14 av 36 månader.'],
    ['Beviljat 4 500 kr för november, 12 500 kr i december, 1 250 000 kr totalt, 0605 155 975 kr.'],
    ['Utbetalt 2026-11-05 12 500 kr; 2026-11-05 1250 kr.'],
    ['Adress: 912 31 Vilhelmina, 935 81 Norsjö.'],
    ['Ärende NOR-4K7P och SKE-22M9, samma som förra veckan.'],
    ['SIP punkt 1–10 klara, punkterna 13–22 rekommenderade.'],
    ['Vecka 05-08, v.12-14, 45 %, 3 barn, 62 år, 7,5 timmar.'],
    ['Studerade 2019 och 2021, praktik 2025, 2019–2021.'],
    ['Ärende 4711, rum 12, 3 barn, 0 kr i inkomst.'],
    ['Möte 2026-03-12 0930, nästa 2026-03-19 1400.'],
    ['Avstämning 15/05 2026 12 personer närvarande, vecka 49 01/07/2027.'],
    ['Organisationsnummer 212000-2627, 556677-8899.'],
    ['Född 1985-07-09, född 850709, 19850709.'],
    ['Deltagaren har 3 barn födda 2015, 2018 och 2021.'],
    ['Hyran är 7 850 kr/mån, aktivitetsstöd 262 kr/dag, SGI 250 000 kr/år, 15 h/v.'],
    ['Beslut 2026-02-14 enligt 4 kap. 1 § SoL, SoL 4:1.'],
    ['Nästa möte 15/3 kl. 13:15 i rum 204, telefontid mån–fre 9–11.'],
    ['Box 123, 931 85 Skellefteå. Hänvisad till 1177, vid akut läge 112.'],
    ['Ärende nr 2026-0123, diarienummer 01-2026-00123, beslutsnummer 123456789.'],
    ['Tidsbokning 2026-03-12 0900 - 0930, journalanteckning 2026-03-12 14:05.'],
  ])('%s', (text) => {
    expect(findIdentifyingData(text)).toEqual([]);
  });

  it('passes generated sentences with times, dates, diarienummer, amounts, postcodes, codes and SIP items', () => {
    fc.assert(
      fc.property(ordinarySentence, (text) => {
        expect(findIdentifyingData(text)).toEqual([]);
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });

  // A second generator, unlike the corpus: tokens of number-bearing text in any order.
  const int = (min: number, max: number) => fc.integer({ min, max });
  const token = fc.oneof(
    fc.constantFrom('deltagaren', 'möte', 'med', 'AF', 'FK', 'och', 'praktik', 'beviljat', 'nästa'),
    fc.tuple(int(2015, 2030), int(1, 12), int(1, 28)).map(([y, m, d]) => `${y}-${pad(m)}-${pad(d)}`),
    int(0, 250_000).map((n) => `${String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ')} kr`),
    int(1990, 2030).map(String),
    fc.tuple(int(0, 23), int(0, 59)).map(([h, m]) => `kl ${pad(h)}.${pad(m)}`),
    fc
      .tuple(int(0, 23), int(0, 59), int(0, 23), int(0, 59))
      .map(([a, b, c, d]) => `${pad(a)}${pad(b)}-${pad(c)}${pad(d)}`),
    fc.tuple(int(0, 23), int(0, 59)).map(([h, m]) => `${pad(h)}:${pad(m)}`),
    int(1, 999).map(String),
    fc.tuple(int(1, 28), int(1, 12)).map(([d, m]) => `${d}/${m}`),
    fc.tuple(int(1, 99999), int(2015, 2030)).map(([n, y]) => `Dnr ${pad(n, 5)}-${y}`),
  );
  const tokens = fc
    .array(fc.tuple(token, fc.constantFrom(' ', ', ', '. ', ': ', ' och ', ' – ')), {
      minLength: 1,
      maxLength: 14,
    })
    .map((parts) => parts.map(([t, sep]) => `${t}${sep}`).join(''));

  it('passes generated runs of dates, amounts, years, times, ranges, short numbers and diarienummer', () => {
    fc.assert(
      fc.property(tokens, (text) => {
        expect(findIdentifyingData(text)).toEqual([]);
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });
});

describe('a label makes a near miss count', () => {
  const wrong = `850709123${(checkDigit('850709123') + 1) % 10}`;
  it.each([
    [`pnr ${wrong.slice(0, 6)}-${wrong.slice(6)}`, 'personnummer'],
    [`Pers.nr: ${wrong}`, 'personnummer'],
    [`p-nr ${wrong.slice(0, 6)}-${wrong.slice(6, 9)}`, 'personnummer'],
    [`Personnummer är 19${wrong}.`, 'personnummer'],
    [`samordningsnr ${wrong.slice(0, 4)}69-${wrong.slice(6)}`, 'samordningsnummer'],
    ['tel 0701234', 'telefon'],
    ['Mobil: 70 123 45 67', 'telefon'],
    ['Tfn 1234567', 'telefon'],
    ['tel. 0047 912 34 567', 'telefon'],
  ])('%s is %s', (text, kind) => {
    expect(findIdentifyingData(text).map((f) => f.kind)).toEqual([kind]);
  });

  it.each([
    ['pnr saknas, möte 2026-11-05 1250 kr'],
    ['tel.tid 08.00-09.00'],
    ['Tel: 0900-1300'],
    ['Dnr 0123-456789'],
    ['kl 0815 – 1530 12 st'],
    ['Personnummer kontrollerat. Möte 2019-03-12 1030.'],
  ])('%s passes: the label is not next to the number, or the number is a time or diarienummer', (text) => {
    expect(findIdentifyingData(text)).toEqual([]);
  });
});

describe('a number label hides no phone number', () => {
  it.each(['Dnr 2026-0045:', 'Ärendet', 'kl 13.00', 'Kl. 9,', 'Beslut', 'Rum 12,', 'vecka 12:'])(
    '%s followed by a phone number',
    (before) => {
      expect(findIdentifyingData(`${before} ring 070-123 45 67`).map((f) => f.kind)).toEqual(['telefon']);
      expect(findIdentifyingData(`${before} 08-123 456 78`).map((f) => f.kind)).toContain('telefon');
    },
  );
});

describe('hostile input', () => {
  const hostile = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 300 }),
    fc.string({ unit: fc.constantFrom(...'0123456789 -–.+/()@a\u0000\ud800\udc00Ö'), maxLength: 300 }),
    fc
      .array(fc.constantFrom('070', '-', ' ', '850709', '1234', '+46', '(0)', '@', 'x.se', '\ud83d'), {
        maxLength: 60,
      })
      .map((a) => a.join('')),
  );

  it('never throws, and reports sorted, separate findings inside the text', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const findings = findIdentifyingData(text);
        let last = 0;
        for (const f of findings) {
          expect(f.index).toBeGreaterThanOrEqual(last);
          expect(f.length).toBeGreaterThan(0);
          last = f.index + f.length;
        }
        expect(last).toBeLessThanOrEqual(text.length);
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });

  it('finds a personnummer between NUL characters and lone surrogates', () => {
    const pnr = `850709-123${checkDigit('850709123')}`;
    expect(findIdentifyingData(`\u0000${pnr}\ud800`)).toEqual([
      { kind: 'personnummer', index: 1, length: 11 },
    ]);
  });

  it('reads full-width digits as digits', () => {
    const pnr = `850709123${checkDigit('850709123')}`.replace(/\d/g, (d) =>
      String.fromCharCode(0xff10 + Number(d)),
    );
    expect(findIdentifyingData(`pnr ${pnr}`).map((f) => f.kind)).toEqual(['personnummer']);
  });
});
