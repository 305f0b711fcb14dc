import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ENTITIES } from '../../../../src/domain/entities';
import {
  findCodeLike,
  identifyingFieldIssues,
  KONSULTATION_FRITEXT,
  KonsultationsmoteFields,
  Manad,
  MIN_SUCH_ARENDEN,
  ValidKonsultationsfallFields,
} from '../../../../src/domain/konsultation';
import { validateEntityFields } from '../../../../src/domain/record-validation';
import { konsultationsfall, konsultationsmote } from '../../../helpers/konsultation';
import { fictitiousPersonnummer } from '../../../integration/server/support';

const MOTE = '00000000-0000-4000-8000-0000000000c1';

describe('KonsultationsmoteFields', () => {
  it('accepts a meeting with the parties present and guarded notes', () => {
    expect(KonsultationsmoteFields.safeParse(konsultationsmote()).success).toBe(true);
  });

  it('needs at least one party present, each once, and only parties that sit in the team', () => {
    expect(validateEntityFields('konsultationsmote', konsultationsmote({ narvarande: [] }))).toEqual({
      narvarande: 'Välj minst en part som var med på mötet.',
    });
    expect(
      validateEntityFields('konsultationsmote', konsultationsmote({ narvarande: ['af', 'af'] })),
    ).toEqual({
      narvarande: 'Varje part kan bara vara med en gång.',
    });
    const withDeltagare = { ...konsultationsmote(), narvarande: ['deltagare'] };
    expect(KonsultationsmoteFields.safeParse(withDeltagare).success).toBe(false);
  });
});

describe('KonsultationsfallFields', () => {
  it('accepts a de-identified summary', () => {
    expect(ValidKonsultationsfallFields.safeParse(konsultationsfall(MOTE)).success).toBe(true);
  });

  it('has no field for a pseudonym code or an ärende', () => {
    const keys = Object.keys(ENTITIES.konsultationsfall.fields.shape);
    expect(keys).not.toContain('code');
    expect(keys).not.toContain('arendeId');
    const strict = ENTITIES.konsultationsfall.fields.strict();
    expect(strict.safeParse({ ...konsultationsfall(MOTE), code: 'NOR-4K7P' }).success).toBe(false);
    expect(strict.safeParse({ ...konsultationsfall(MOTE), arendeId: MOTE }).success).toBe(false);
  });

  it('keeps dates to the month: a day, a bad month or a free form is refused with a plain message', () => {
    for (const bad of ['2026-03-14', '2026-13', '2026-3', 'mars 2026', '202603']) {
      const errors = validateEntityFields(
        'konsultationsfall',
        konsultationsfall(MOTE, { aktuellSedan: bad }),
      );
      expect(errors?.aktuellSedan).toMatch(/ÅÅÅÅ-MM/);
      const follow = validateEntityFields(
        'konsultationsfall',
        konsultationsfall(MOTE, { uppfoljningManad: bad }),
      );
      expect(follow?.uppfoljningManad).toMatch(/aldrig en dag/);
    }
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2099 }), fc.integer({ min: 1, max: 12 }), (y, m) => {
        expect(Manad.safeParse(`${y}-${String(m).padStart(2, '0')}`).success).toBe(true);
      }),
    );
  });

  it('refuses a follow-up month before the month the case became current', () => {
    const errors = validateEntityFields(
      'konsultationsfall',
      konsultationsfall(MOTE, { aktuellSedan: '2026-02', uppfoljningManad: '2026-01' }),
    );
    expect(errors).toEqual({ uppfoljningManad: expect.stringMatching(/före månaden/) });
  });

  it('needs a summary, a question and a chosen outcome', () => {
    const errors = validateEntityFields('konsultationsfall', {
      ...konsultationsfall(MOTE, { sammanfattning: '  ', fraga: '' }),
      utfall: '',
    });
    expect(errors).toEqual({
      sammanfattning: expect.stringMatching(/Beskriv ärendet/),
      fraga: expect.stringMatching(/frågan/),
      utfall: 'Välj vad ärendet ledde till.',
    });
  });
});

describe('the free-text guard in konsultationsteam records', () => {
  const pnr = fictitiousPersonnummer();
  const cases: [string, string, string][] = [
    [`Född ${pnr}.`, 'personnummer', 'ett personnummer'],
    ['Nås på 070-123 45 67.', 'telefon', 'ett telefonnummer'],
    ['Skriv till exempel@example.se.', 'epost', 'en e-postadress'],
    ['Samma som NOR-4K7P förra veckan.', 'kod', 'liknar en ärendekod'],
  ];

  it.each(
    Object.entries(KONSULTATION_FRITEXT).flatMap(([entity, fields]) =>
      fields.map((field) => [entity, field] as const),
    ),
  )('guards %s.%s on the device', (entity, field) => {
    const base = entity === 'konsultationsmote' ? konsultationsmote() : konsultationsfall(MOTE);
    for (const [text, , said] of cases) {
      const errors = validateEntityFields(entity as 'konsultationsmote', { ...base, [field]: text });
      expect(Object.keys(errors ?? {})).toEqual([field]);
      expect(errors?.[field]).toContain(said);
      expect(errors?.[field]).not.toContain(pnr); // never echoes what it found
    }
  });

  it('leaves no field that takes free text unguarded', () => {
    for (const entity of ['konsultationsmote', 'konsultationsfall'] as const) {
      const shape = ENTITIES[entity].fields.shape as Record<
        string,
        { safeParse(v: unknown): { success: boolean } }
      >;
      const freeText = Object.keys(shape).filter(
        (k) => shape[k]?.safeParse('Vanlig text om ärendet.').success,
      );
      expect(freeText).toEqual([...KONSULTATION_FRITEXT[entity]]);
      for (const k of freeText) expect(shape[k]?.safeParse('Nås på 070-123 45 67.').success).toBe(false);
    }
  });

  it('finds code-shaped text but not ordinary capitals, words or dates', () => {
    expect(findCodeLike('NOR-4K7P och SKE-AB2C')).toHaveLength(2);
    for (const ok of ['SIP-möte', 'AF och FK', 'Nor-4k7p', '2026-03', 'ABCDE-4K7P', 'NOR-4K7PX', 'NOR-4K1P'])
      expect(findCodeLike(ok)).toEqual([]);
  });
});

describe('identifyingFieldIssues', () => {
  const labels = { aldersgrupp: '20–24 år', enhet: 'Kommunen/enheten Norsjö' };

  it('refuses the age band at 4 such active ärenden and accepts it at 5', () => {
    expect(identifyingFieldIssues({ aldersgrupp: 4, enhet: null, both: null }, labels)).toEqual([
      { path: 'aldersgrupp', message: expect.stringMatching(/^Åldersgruppen 20–24 år kan inte anges/) },
    ]);
    expect(
      identifyingFieldIssues({ aldersgrupp: MIN_SUCH_ARENDEN, enhet: null, both: null }, labels),
    ).toEqual([]);
  });

  it('refuses the kommun at 4, and both together when only their combination is small', () => {
    expect(
      identifyingFieldIssues({ aldersgrupp: null, enhet: 4, both: null }, labels).map((i) => i.path),
    ).toEqual(['enhetId']);
    const combo = identifyingFieldIssues({ aldersgrupp: 9, enhet: 12, both: 4 }, labels);
    expect(combo.map((i) => i.path)).toEqual(['aldersgrupp', 'enhetId']);
    expect(combo[0]?.message).toMatch(/tillsammans/);
    expect(identifyingFieldIssues({ aldersgrupp: 9, enhet: 12, both: 5 }, labels)).toEqual([]);
  });

  it('never accepts a value shared by fewer than 5 (property)', () => {
    const n = fc.option(fc.nat(20), { nil: null });
    fc.assert(
      fc.property(n, n, n, (a, e, b) => {
        const paths = identifyingFieldIssues({ aldersgrupp: a, enhet: e, both: b }, labels).map(
          (i) => i.path,
        );
        if (a !== null && a < 5) expect(paths).toContain('aldersgrupp');
        if (e !== null && e < 5) expect(paths).toContain('enhetId');
        if (b !== null && b < 5) expect(paths.length).toBeGreaterThan(0);
      }),
    );
  });
});
