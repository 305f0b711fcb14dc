/**
 * Kartläggning: the ärenden active on a reference date (a month's last day), per enhet and per
 * dimension, the förbund's one-way table and enhet × category, all one release (./release): each
 * count is of persons, perturbed by its cell key, and every person's category in every dimension
 * and their presence are protected. Active means startdatum ≤ date and no avslutsdatum or one
 * after the date. Unknown values are a category of their own, never left out.
 */
import {
  ALDERSGRUPPER,
  type ArendeFields,
  DEFAULT_BEHOVSGRUPPER,
  FORSORJNINGSHINDER,
  KON,
  langvarighet,
} from '../arende';
import type { Figure } from './cell-key';
import { type Attribute, type FigureSpec, publishRelease, unitsOf } from './release';

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

type Dimension = Exclude<KartlaggningDimension, 'enhet'>;
const DIMENSIONS = KARTLAGGNING_DIMENSIONS.filter((d): d is Dimension => d !== 'enhet');

/** An active ärende as the release sees it: its enhet and its category in every dimension. */
export type KartlaggningPerson = Record<KartlaggningDimension, string>;

export interface KartlaggningRelease {
  enheter: string[];
  /** Active ärenden per enhet, and in all. */
  perEnhet: { cells: Figure[]; total: Figure };
  tables: {
    dimension: Dimension;
    categories: string[];
    /** The förbund per category (the column totals of `cells`). */
    total: Figure[];
    /** enhet × category. */
    cells: Figure[][];
  }[];
}

/** Figure specs in publishing order: enhet rows, the total, then per dimension förbund and cells. */
function kartlaggningSpecs(enheter: readonly string[], categories: Map<Dimension, string[]>) {
  const specs: FigureSpec<KartlaggningPerson>[] = [];
  const count = (weight: (p: KartlaggningPerson) => boolean, reads: string[]) => {
    specs.push({ kind: 'count', weight: (p) => (weight(p) ? 1 : 0), reads });
    return specs.length - 1;
  };
  const rows = enheter.map((e) => count((p) => p.enhet === e, []));
  const total = count(() => true, []);
  const tables = DIMENSIONS.map((d) => {
    const cats = categories.get(d) ?? [];
    return {
      dimension: d,
      categories: cats,
      total: cats.map((c) => count((p) => p[d] === c, [d])),
      cells: enheter.map((e) => cats.map((c) => count((p) => p.enhet === e && p[d] === c, [d]))),
    };
  });
  return { specs, rows, total, tables };
}

/**
 * Every figure of the kartläggning on `date` (ÅÅÅÅ-MM-DD). `keyOf` gives an ärende's secret cell
 * key (./cell-key). The same ärenden always publish the same way, whatever else changes.
 */
export function kartlaggningRelease<A extends KartlaggningArende>(
  arenden: readonly A[],
  date: string,
  keyOf: (a: A) => number,
  options: KartlaggningOptions = {},
): KartlaggningRelease {
  if (!DATE_RE.test(date)) throw new RangeError(`Not a date (ÅÅÅÅ-MM-DD): ${date}`);
  const active = arenden.filter((a) => isActiveOn(a, date));
  const personOf = (a: A) =>
    Object.fromEntries(KARTLAGGNING_DIMENSIONS.map((d) => [d, categoryOf(a, d)])) as KartlaggningPerson;
  const persons = active.map(personOf);
  const enheter = categoriesFor(
    'enhet',
    persons.map((p) => p.enhet),
    options,
  );
  const categories = new Map(
    DIMENSIONS.map((d) => [
      d,
      categoriesFor(
        d,
        persons.map((p) => p[d]),
        options,
      ),
    ]),
  );
  const layout = kartlaggningSpecs(enheter, categories);
  const units = unitsOf(
    active,
    personOf,
    (p) => KARTLAGGNING_DIMENSIONS.map((d) => p[d]).join('\u0000'),
    keyOf,
  );
  const attributes: Attribute<KartlaggningPerson>[] = DIMENSIONS.map((d) => ({
    name: d,
    alternatives: (p) => (categories.get(d) ?? []).filter((c) => c !== p[d]).map((c) => ({ ...p, [d]: c })),
  }));
  const { figures } = publishRelease(units, layout.specs, attributes);
  const at = (i: number) => figures[i] as Figure;
  return {
    enheter,
    perEnhet: { cells: layout.rows.map(at), total: at(layout.total) },
    tables: layout.tables.map((t) => ({
      dimension: t.dimension,
      categories: t.categories,
      total: t.total.map(at),
      cells: t.cells.map((row) => row.map(at)),
    })),
  };
}
