/**
 * Kartläggning: counts of the ärenden active on a chosen date, per dimension, each a one-way table
 * through disclosure control. Active means startdatum ≤ date and no avslutsdatum or one after the
 * date, so an ärende closed on the date no longer counts. Unknown values are a category of their
 * own, never left out: leaving them out would make the table total disagree with the other tables.
 */
import {
  ALDERSGRUPPER,
  type ArendeFields,
  DEFAULT_BEHOVSGRUPPER,
  FORSORJNINGSHINDER,
  KON,
  langvarighet,
} from '../arende';
import { type Figure, protectOneWay, protectTwoWay, type TwoWayTable } from './disclosure';

export type KartlaggningArende = Pick<
  ArendeFields,
  | 'enhetId'
  | 'startdatum'
  | 'avslutsdatum'
  | 'behovsgrupp'
  | 'forsorjningshinder'
  | 'kon'
  | 'aldersgrupp'
  | 'manaderAv12'
  | 'manaderAv36'
>;

export const KARTLAGGNING_DIMENSIONS = [
  'behovsgrupp',
  'forsorjningshinder',
  'langvarigt',
  'mycketLangvarigt',
  'kon',
  'aldersgrupp',
  'enhet',
] as const;
export type KartlaggningDimension = (typeof KARTLAGGNING_DIMENSIONS)[number];

/** The category of a missing value. */
export const EJ_ANGIVET = 'ej_angivet';
/** Långvarighet is unknown (not "nej") when the month count is not filled in. */
export const JA_NEJ_OKANT = ['ja', 'nej', 'okant'] as const;

export interface CountTable {
  categories: string[];
  cells: Figure[];
  total: Figure;
}

export interface KartlaggningOptions {
  /** The förbund's behovsgrupp codes, in display order; default the seed's five. */
  behovsgrupper?: readonly string[];
  /** Enheter to list even with no active ärende, in display order. */
  enheter?: readonly string[];
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

export function isActiveOn(a: Pick<ArendeFields, 'startdatum' | 'avslutsdatum'>, date: string): boolean {
  return a.startdatum <= date && (a.avslutsdatum === null || a.avslutsdatum > date);
}

const jaNej = (v: boolean | null) => (v === null ? 'okant' : v ? 'ja' : 'nej');

function categoryOf(a: KartlaggningArende, dimension: KartlaggningDimension): string {
  switch (dimension) {
    case 'behovsgrupp':
      return a.behovsgrupp ?? EJ_ANGIVET;
    case 'forsorjningshinder':
      return a.forsorjningshinder ?? EJ_ANGIVET;
    case 'langvarigt':
      return jaNej(langvarighet(a).langvarigt);
    case 'mycketLangvarigt':
      return jaNej(langvarighet(a).mycketLangvarigt);
    case 'kon':
      return a.kon;
    case 'aldersgrupp':
      return a.aldersgrupp ?? EJ_ANGIVET;
    case 'enhet':
      return a.enhetId;
  }
}

function baseCategories(dimension: KartlaggningDimension, options: KartlaggningOptions): readonly string[] {
  switch (dimension) {
    case 'behovsgrupp':
      return [...(options.behovsgrupper ?? DEFAULT_BEHOVSGRUPPER.map((b) => b.code)), EJ_ANGIVET];
    case 'forsorjningshinder':
      return [...FORSORJNINGSHINDER, EJ_ANGIVET];
    case 'langvarigt':
    case 'mycketLangvarigt':
      return JA_NEJ_OKANT;
    case 'kon':
      return KON;
    case 'aldersgrupp':
      return [...ALDERSGRUPPER, EJ_ANGIVET];
    case 'enhet':
      return options.enheter ?? [];
  }
}

/** Categories in display order: the known ones, then any others that occur, sorted. */
function categoriesFor(
  dimension: KartlaggningDimension,
  found: Iterable<string>,
  options: KartlaggningOptions,
) {
  const base = baseCategories(dimension, options);
  const known = new Set(base);
  return [...base, ...[...new Set(found)].filter((c) => !known.has(c)).sort()];
}

function activeOn<A extends KartlaggningArende>(arenden: readonly A[], date: string): A[] {
  if (!DATE_RE.test(date)) throw new RangeError(`Not a date (ÅÅÅÅ-MM-DD): ${date}`);
  return arenden.filter((a) => isActiveOn(a, date));
}

/** Raw counts per dimension in one pass over the active ärenden. */
function countAll(active: readonly KartlaggningArende[]): Map<KartlaggningDimension, Map<string, number>> {
  const counts = new Map(KARTLAGGNING_DIMENSIONS.map((d) => [d, new Map<string, number>()]));
  for (const a of active) {
    for (const dimension of KARTLAGGNING_DIMENSIONS) {
      const byCategory = counts.get(dimension) as Map<string, number>;
      const category = categoryOf(a, dimension);
      byCategory.set(category, (byCategory.get(category) ?? 0) + 1);
    }
  }
  return counts;
}

/** Every dimension's published table of the ärenden active on `date` (ÅÅÅÅ-MM-DD). */
export function kartlaggning(
  arenden: readonly KartlaggningArende[],
  date: string,
  options: KartlaggningOptions = {},
): Record<KartlaggningDimension, CountTable> {
  const counts = countAll(activeOn(arenden, date));
  const tables = KARTLAGGNING_DIMENSIONS.map((dimension) => {
    const byCategory = counts.get(dimension) as Map<string, number>;
    const categories = categoriesFor(dimension, byCategory.keys(), options);
    const published = protectOneWay(categories.map((c) => byCategory.get(c) ?? 0));
    return [dimension, { categories, ...published }] as const;
  });
  return Object.fromEntries(tables) as Record<KartlaggningDimension, CountTable>;
}

/**
 * One dimension per enhet: rows are enheter, columns the dimension's categories. Its margins are
 * published exactly as the one-way tables of `kartlaggning` publish them, so a view of one enhet
 * (take its row from here, never from a table of that enhet alone) cannot be subtracted from the
 * förbund's figures.
 */
export function kartlaggningPerEnhet(
  arenden: readonly KartlaggningArende[],
  date: string,
  dimension: Exclude<KartlaggningDimension, 'enhet'>,
  options: KartlaggningOptions = {},
): { enheter: string[]; categories: string[]; table: TwoWayTable } {
  const active = activeOn(arenden, date);
  const enheter = categoriesFor(
    'enhet',
    active.map((a) => a.enhetId),
    options,
  );
  const categories = categoriesFor(
    dimension,
    active.map((a) => categoryOf(a, dimension)),
    options,
  );
  const rowOf = new Map(enheter.map((e, i) => [e, i]));
  const colOf = new Map(categories.map((c, j) => [c, j]));
  const counts = enheter.map(() => categories.map(() => 0));
  for (const a of active) {
    const row = counts[rowOf.get(a.enhetId) ?? -1];
    const j = colOf.get(categoryOf(a, dimension)) ?? -1;
    if (row) row[j] = (row[j] ?? 0) + 1;
  }
  return { enheter, categories, table: protectTwoWay(counts, { linkedMargins: true }) };
}
