import { describe, expect, it } from 'vitest';
import { FORM_IDS, FORMS, type FormId, formTitle, SLOTS, slot } from '../../../../src/domain/instrument';

// DOMAIN.md §1.8, spelled out by hand: the ordered slot list of every form.
const EXPECTED_FORMS: Record<FormId, { respondent: string; occasion: string; slots: string[] }> = {
  'F-D-UNDER': {
    respondent: 'deltagare',
    occasion: 'under',
    slots: ['M01', 'M03', 'M05', 'M08', 'M10', 'M14', 'M18'],
  },
  'F-D-AVSLUT': {
    respondent: 'deltagare',
    occasion: 'vid_avslut',
    slots: ['M02', 'M04', 'M06', 'M09', 'M11', 'M12', 'M13', 'M14', 'M18'],
  },
  'F-D-INTERVALL': { respondent: 'deltagare', occasion: 'intervall', slots: ['M14'] },
  'F-P-UNDER': { respondent: 'personal', occasion: 'under', slots: ['M07', 'M15'] },
  'F-P-AVSLUT': { respondent: 'personal', occasion: 'vid_avslut', slots: ['M07', 'M12', 'M15'] },
  'F-P-INTERVALL': { respondent: 'personal', occasion: 'intervall', slots: ['M15'] },
  'F-IP-HALVÅR': {
    respondent: 'insatspersonal',
    occasion: 'halvar',
    slots: ['M16.1', 'M16.2', 'M17a', 'M17b', 'M19', 'M21', 'M22', 'M23'],
  },
  'F-FC-HALVÅR': { respondent: 'forbundschef', occasion: 'halvar', slots: ['M17a', 'M17b', 'M17c', 'M19'] },
  'F-ST-HALVÅR': { respondent: 'styrelse', occasion: 'halvar', slots: ['M21', 'M24', 'M25'] },
  'F-CG-HALVÅR': { respondent: 'parternas_chefsgrupp', occasion: 'halvar', slots: ['M21', 'M26'] },
};

// The seed's Tabell 2 [004:4874–4893], copied cell by cell: indicator numbers per Källa row and
// column. Row "Personal" covers both the case-linked personal forms and the halvår insatspersonal form.
const TABELL_2: { row: string; column: string; indicators: number[]; form: FormId | null }[] = [
  { row: 'Deltagare', column: 'Under', indicators: [1, 2, 3, 4, 5, 7, 9], form: 'F-D-UNDER' },
  { row: 'Deltagare', column: 'Vid avslut', indicators: [1, 2, 3, 4, 5, 6, 7, 9], form: 'F-D-AVSLUT' },
  { row: 'Deltagare', column: 'Per 1-3 mån', indicators: [7], form: 'F-D-INTERVALL' },
  { row: 'Personal', column: 'Under', indicators: [3, 7], form: 'F-P-UNDER' },
  { row: 'Personal', column: 'Vid avslut', indicators: [3, 6, 7], form: 'F-P-AVSLUT' },
  { row: 'Personal', column: 'Per 1-3 mån', indicators: [7], form: 'F-P-INTERVALL' },
  { row: 'Personal', column: 'Per halvår', indicators: [8, 9, 10, 12, 13], form: 'F-IP-HALVÅR' },
  { row: 'Förbundschef', column: 'Per halvår', indicators: [9, 10], form: 'F-FC-HALVÅR' },
  { row: 'SCB', column: 'Registerkörning per år', indicators: [11], form: null },
  { row: 'Styrelse', column: 'Per halvår', indicators: [12, 14], form: 'F-ST-HALVÅR' },
  { row: 'Parternas chefsgrupp', column: 'Per halvår', indicators: [12, 15], form: 'F-CG-HALVÅR' },
];

const indicatorsOf = (slots: readonly string[]) =>
  [...new Set(slots.map((s) => slot(s as never).indicator))].sort((a, b) => a - b);

describe('forms', () => {
  it('are exactly the ten forms of DOMAIN.md §1.8', () => {
    expect([...FORM_IDS].sort()).toEqual(Object.keys(EXPECTED_FORMS).sort());
  });

  it.each(Object.entries(EXPECTED_FORMS))('%s has its respondent, occasion and ordered items', (id, want) => {
    const f = FORMS[id as FormId];
    expect(f.id).toBe(id);
    expect(f.respondent).toBe(want.respondent);
    expect(f.occasion).toBe(want.occasion);
    expect([...f.slots]).toEqual(want.slots);
  });

  it.each(TABELL_2.filter((c) => c.form !== null))(
    'Tabell 2, $row × $column: the form covers indicators $indicators',
    ({ form, indicators }) => {
      expect(indicatorsOf(FORMS[form as FormId].slots)).toEqual(indicators);
    },
  );

  it('leaves the SCB register cell (Ind 11) to register data, outside every form', () => {
    const all = Object.values(FORMS).flatMap((f) => indicatorsOf(f.slots));
    expect(all).not.toContain(11);
  });

  it('maps every form to exactly one cell of Tabell 2', () => {
    const cells = TABELL_2.flatMap((c) => (c.form ? [c.form] : []));
    expect(cells.sort()).toEqual([...FORM_IDS].sort());
  });

  it('asks each slot only of groups and at occasions the seed names for it', () => {
    for (const f of Object.values(FORMS)) {
      const eligible = SLOTS.filter(
        (s) => s.respondents.includes(f.respondent) && s.occasions.includes(f.occasion),
      ).map((s) => s.id);
      expect([...f.slots], f.id).toEqual(eligible);
    }
  });

  it('puts every one of the 28 slots in at least one form', () => {
    const used = new Set(Object.values(FORMS).flatMap((f) => f.slots));
    expect(used.size).toBe(28);
  });

  it('has Swedish titles built from the seed’s group and column names', () => {
    expect(formTitle('F-D-UNDER')).toBe('Deltagare – under rehabiliteringsprocessen');
    expect(formTitle('F-P-INTERVALL')).toBe('Personal – per 1-3 mån under rehabiliteringsprocessen');
    expect(formTitle('F-CG-HALVÅR')).toBe('Parternas chefsgrupp – per halvår');
  });
});
