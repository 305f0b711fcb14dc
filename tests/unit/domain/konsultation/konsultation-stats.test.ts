import { describe, expect, it } from 'vitest';
import {
  konsultationStats,
  meetingsTable,
  outcomesTable,
  partiesTable,
  tableCsv,
  totalsTable,
} from '../../../../src/domain/konsultation-stats';
import { konsultationsfall, konsultationsmote } from '../../../helpers/konsultation';

const M1 = '00000000-0000-4000-8000-0000000000d1';
const M2 = '00000000-0000-4000-8000-0000000000d2';
const M3 = '00000000-0000-4000-8000-0000000000d3';
const motes = [
  { ...konsultationsmote({ datum: '2026-03-26', narvarande: ['socialtjanst', 'af', 'psykiatri'] }), id: M2 },
  { ...konsultationsmote({ datum: '2026-03-12', narvarande: ['socialtjanst', 'af', 'fk'] }), id: M1 },
  { ...konsultationsmote({ datum: '2025-12-04', narvarande: ['socialtjanst'] }), id: M3 },
];
const fall = [
  konsultationsfall(M1, { lyftAv: 'af', utfall: 'gemensam_planering' }),
  konsultationsfall(M1, { lyftAv: 'socialtjanst', utfall: 'rad_losning' }),
  konsultationsfall(M2, { lyftAv: 'psykiatri', utfall: 'rad_losning' }),
  konsultationsfall(M3, { lyftAv: 'socialtjanst', utfall: 'ingen_losning' }),
];
const stats = konsultationStats(motes, fall, { from: '2026-01-01', to: '2026-06-30' });

/**
 * Reads a CSV file the way Excel with Swedish regional settings does on double-click: a UTF-8 BOM
 * selects UTF-8, ';' separates fields, CRLF ends records, and RFC 4180 quotes with "" for ".
 */
function readLikeSwedishExcel(file: string): { utf8: boolean; rows: string[][] } {
  const utf8 = file.startsWith('\uFEFF');
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const text = utf8 ? file.slice(1) : file;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ';') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      rows.push([...row, field]);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  return { utf8, rows };
}
const excelNumber = (f: string | undefined) =>
  f && /^-?\d+(,\d+)?$/.test(f) ? Number(f.replace(',', '.')) : null;

describe('konsultationStats', () => {
  it('counts per meeting the parties present, the cases raised per party and their outcomes', () => {
    expect(stats.meetings.map((m) => [m.datum, m.narvarande, m.cases])).toEqual([
      ['2026-03-12', ['socialtjanst', 'af', 'fk'], 2],
      ['2026-03-26', ['socialtjanst', 'af', 'psykiatri'], 1],
    ]);
    expect(stats.meetings[0]?.byParty).toMatchObject({ af: 1, socialtjanst: 1, psykiatri: 0 });
    expect(stats.meetings[0]?.byOutcome).toMatchObject({ gemensam_planering: 1, rad_losning: 1 });
  });

  it('sums the period: meetings attended and cases raised per party, outcomes, cases from outside socialtjänsten', () => {
    expect(stats.totals).toEqual({ meetings: 2, cases: 3, fromOutsideSocialtjanst: 2, outsideShare: 2 / 3 });
    expect(stats.parties).toEqual([
      { part: 'socialtjanst', attended: 2, raised: 1, share: 1 / 3 },
      { part: 'af', attended: 2, raised: 1, share: 1 / 3 },
      { part: 'fk', attended: 1, raised: 0, share: 0 },
      { part: 'psykiatri', attended: 1, raised: 1, share: 1 / 3 },
    ]);
    expect(stats.outcomes.find((o) => o.utfall === 'rad_losning')).toEqual({
      utfall: 'rad_losning',
      count: 2,
      share: 2 / 3,
    });
  });

  it('leaves shares empty, not zero, for a period without cases', () => {
    const empty = konsultationStats(motes, [], { from: '2027-01-01', to: null });
    expect(empty.totals).toEqual({ meetings: 0, cases: 0, fromOutsideSocialtjanst: 0, outsideShare: null });
  });
});

describe('the statistics as CSV for Swedish Excel', () => {
  it('opens per-meeting figures with BOM, semicolons, å/ä/ö intact and a column per raising party', () => {
    const { utf8, rows } = readLikeSwedishExcel(tableCsv(meetingsTable(stats)));
    expect(utf8).toBe(true);
    expect(rows[0]?.slice(0, 6)).toEqual([
      'Datum',
      'Närvarande parter',
      'Antal ärenden',
      'Lyfta av Socialtjänsten',
      'Lyfta av Arbetsförmedlingen',
      'Lyfta av Psykiatrin',
    ]);
    expect(rows[0]).toContain('Utfall: Gemensam planering eller flerpartsmöte');
    expect(rows[1]?.slice(0, 6)).toEqual([
      '2026-03-12',
      'Socialtjänsten, Arbetsförmedlingen, Försäkringskassan',
      '2',
      '1',
      '1',
      '0',
    ]);
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.length === rows[0]?.length)).toBe(true);
  });

  it('writes shares as percent with a decimal comma that Excel reads as a number', () => {
    const parties = readLikeSwedishExcel(tableCsv(partiesTable(stats))).rows;
    expect(parties[0]).toEqual(['Part', 'Möten närvarande', 'Ärenden lyfta', 'Andel av ärendena (%)']);
    expect(parties[1]).toEqual(['Socialtjänsten', '2', '1', '33,3']);
    expect(excelNumber(parties[1]?.[3])).toBe(33.3);
    const outcomes = readLikeSwedishExcel(tableCsv(outcomesTable(stats))).rows;
    expect(outcomes.find((r) => r[0] === 'Råd eller lösning')).toEqual(['Råd eller lösning', '2', '66,7']);
    const totals = readLikeSwedishExcel(tableCsv(totalsTable(stats))).rows;
    expect(totals.at(-1)).toEqual(['Andel från andra än socialtjänsten (%)', '66,7']);
    expect(excelNumber(totals[1]?.[1])).toBe(2);
  });
});
