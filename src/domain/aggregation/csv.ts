/**
 * CSV that Swedish Excel opens by double-click: UTF-8 with BOM (else å, ä, ö break), ';' between
 * fields (Excel's list separator where the decimal sign is a comma), CRLF after every record, and
 * numbers with a decimal comma so they arrive as numbers. Fields are quoted per RFC 4180 when they
 * hold ; " CR or LF. Text that Excel would run as a formula gets a leading apostrophe.
 */
import { isSuppressed, isWithheld, type Suppressed, type Withheld } from './cell-key';

export const SUPPRESSED_TEXT = 'för få för att visas';
/** A figure the release's audit withheld (./release.ts). */
export const WITHHELD_TEXT = 'skyddad';
export type CsvValue = string | number | null | Suppressed | Withheld;

const BOM = '\uFEFF';
const NUMBER_LIKE = /^[+-]?\d+([.,]\d+)?$/;
/** OWASP's formula triggers: = + - @, and tab or CR, which some importers strip before looking. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A number with a decimal comma and no grouping or exponent, at most 6 decimals, trailing zeros
 * dropped: 3.75 → "3,75", 0.6 → "0,6". A share is written as it is given; to export percent,
 * pass `toPercent(share)` under a header that says "(%)": a "%" sign in a CSV field is read
 * differently by different Excel versions. Non-finite numbers are written as empty fields.
 */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return '';
  const fixed = Number.isInteger(value)
    ? String(value)
    : value.toFixed(6).replace(/0+$/, '').replace(/\.$/, '');
  return (fixed === '-0' ? '0' : fixed).replace('.', ',');
}

/** A share 0–1 as percent with one decimal: 0.6 → 60, 0.4567 → 45.7. */
export const toPercent = (share: number): number => Math.round(share * 1000) / 10;

function field(value: CsvValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return formatNumber(value);
  let text = isSuppressed(value) ? SUPPRESSED_TEXT : isWithheld(value) ? WITHHELD_TEXT : value;
  if (FORMULA_START.test(text) && !NUMBER_LIKE.test(text)) text = `'${text}`;
  return /[;"\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The whole file as one string; write it with a UTF-8 encoder (the BOM is already in front). */
export function toExcelCsv(headers: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  let out = BOM;
  for (const record of [headers, ...rows]) out += `${record.map(field).join(';')}\r\n`;
  return out;
}
