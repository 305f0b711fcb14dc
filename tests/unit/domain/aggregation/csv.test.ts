import { describe, expect, it } from 'vitest';
import { SUPPRESSED, WITHHELD } from '../../../../src/domain/aggregation/cell-key';
import {
  formatNumber,
  SUPPRESSED_TEXT,
  toExcelCsv,
  toPercent,
  WITHHELD_TEXT,
} from '../../../../src/domain/aggregation/csv';

/**
 * Reads a CSV file the way Excel with Swedish regional settings does on double-click: a UTF-8 BOM
 * selects UTF-8, ';' separates fields, CRLF ends records, and RFC 4180 quotes with "" for ".
 */
function readLikeSwedishExcel(file: string): { utf8: boolean; rows: string[][] } {
  const utf8 = file.startsWith('\uFEFF');
  const text = utf8 ? file.slice(1) : file;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
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
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return { utf8, rows };
}

/** Excel's reading of a field as a number under Swedish settings: decimal comma, no thousands dot. */
const asSwedishNumber = (field: string) =>
  /^-?\d+(,\d+)?$/.test(field) ? Number(field.replace(',', '.')) : null;

describe('toExcelCsv', () => {
  const file = toExcelCsv(
    ['Behovsgrupp', 'Antal', 'Medelvärde', 'Andel jakande (%)'],
    [
      ['Förrehabiliterande insatser', 12, 3.75, toPercent(0.6)],
      ['Skyddat arbete', SUPPRESSED, WITHHELD, null],
      ['Språk; "svenska" och\r\nannat', 0, -0.5, toPercent(2 / 3)],
    ],
  );
  const { utf8, rows } = readLikeSwedishExcel(file);

  it('starts with the UTF-8 BOM and keeps å, ä and ö', () => {
    expect(file.startsWith('\uFEFF')).toBe(true);
    expect(utf8).toBe(true);
    expect(rows[0]?.[2]).toBe('Medelvärde');
    expect(rows[1]?.[0]).toBe('Förrehabiliterande insatser');
  });

  it('separates fields with semicolons and ends every record with CRLF', () => {
    expect(rows.map((r) => r.length)).toEqual([4, 4, 4, 4]);
    expect(file.endsWith('\r\n')).toBe(true);
    expect(file.split('\r\n')).toHaveLength(6);
  });

  it('writes numbers with a decimal comma so Excel reads them as numbers', () => {
    expect(rows[1]?.slice(1)).toEqual(['12', '3,75', '60']);
    expect(rows[1]?.slice(1).map(asSwedishNumber)).toEqual([12, 3.75, 60]);
    expect(rows[3]?.slice(1).map(asSwedishNumber)).toEqual([0, -0.5, 66.7]);
  });

  it('writes hidden figures as "för få för att visas" or "skyddad", and missing ones as empty fields', () => {
    expect(rows[2]).toEqual(['Skyddat arbete', SUPPRESSED_TEXT, WITHHELD_TEXT, '']);
    expect(SUPPRESSED_TEXT).toBe('för få för att visas');
    expect(WITHHELD_TEXT).toBe('skyddad');
  });

  it('quotes fields holding a semicolon, a quote or a line break, doubling the quotes', () => {
    expect(rows[3]?.[0]).toBe('Språk; "svenska" och\r\nannat');
    expect(file).toContain('"Språk; ""svenska"" och\r\nannat"');
  });

  it('puts an apostrophe before text Excel would run as a formula, but not before numbers', () => {
    const out = readLikeSwedishExcel(
      toExcelCsv(['a'], [['=HYPERLINK("x")'], ['+1+2'], ['-X'], ['@SUM(A1)'], ['-5'], ['+3,5'], ['\tA']]),
    );
    expect(out.rows.slice(1).map((r) => r[0])).toEqual([
      `'=HYPERLINK("x")`,
      "'+1+2",
      "'-X",
      "'@SUM(A1)",
      '-5',
      '+3,5',
      "'\tA",
    ]);
  });
});

describe('formatNumber', () => {
  it('uses a decimal comma, no exponent and at most six decimals', () => {
    expect(formatNumber(3.75)).toBe('3,75');
    expect(formatNumber(0.6)).toBe('0,6');
    expect(formatNumber(1 / 3)).toBe('0,333333');
    expect(formatNumber(0.0000001)).toBe('0');
    expect(formatNumber(1234567)).toBe('1234567');
    expect(formatNumber(Number.NaN)).toBe('');
  });
});

describe('toPercent', () => {
  it('turns a share into percent with one decimal', () => {
    expect([toPercent(0.6), toPercent(0.4567), toPercent(1), toPercent(0)]).toEqual([60, 45.7, 100, 0]);
  });
});
