/**
 * Konsultationsteam statistics (DOMAIN.md §6: "föra statistik enligt den framtagna mallen"): per
 * meeting the parties present, the cases raised per party and their outcomes; over a period the
 * same summed, and the share of cases raised from outside socialtjänsten (the 2025–2028 focus
 * [002:25–27]). Counts are of de-identified summaries, with no personal attribute behind them, so
 * no small-cell suppression applies. The CSV of each table is Swedish-Excel ready (csv.ts).
 */
import { type CsvValue, toExcelCsv, toPercent } from './aggregation/csv';
import {
  KONSULTATION_PARTER,
  KONSULTATION_UTFALL,
  type KonsultationsfallFields,
  type KonsultationsmoteFields,
  type KonsultationsPart,
  type KonsultationUtfall,
  UTFALL_LABEL,
} from './konsultation';
import { PART_LABEL } from './samtycke';

type Mote = KonsultationsmoteFields & { id: string };
type Fall = Pick<KonsultationsfallFields, 'moteId' | 'lyftAv' | 'utfall'>;

export interface MeetingStat {
  id: string;
  datum: string;
  narvarande: KonsultationsPart[];
  cases: number;
  byParty: Record<KonsultationsPart, number>;
  byOutcome: Record<KonsultationUtfall, number>;
}

export interface KonsultationStats {
  /** The meetings of the period, oldest first. */
  meetings: MeetingStat[];
  /** Parties that attended or raised a case in the period, in the domain's party order. */
  parties: { part: KonsultationsPart; attended: number; raised: number; share: number | null }[];
  outcomes: { utfall: KonsultationUtfall; count: number; share: number | null }[];
  totals: { meetings: number; cases: number; fromOutsideSocialtjanst: number; outsideShare: number | null };
}

const zeros = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/** Statistics of the meetings dated `from`–`to` (ISO dates, inclusive; null = open) and their cases. */
export function konsultationStats(
  motes: readonly Mote[],
  fall: readonly Fall[],
  period: { from: string | null; to: string | null },
): KonsultationStats {
  const inPeriod = motes
    .filter(
      (m) => (period.from === null || m.datum >= period.from) && (period.to === null || m.datum <= period.to),
    )
    .sort((a, b) => a.datum.localeCompare(b.datum) || a.id.localeCompare(b.id));
  const meetings: MeetingStat[] = inPeriod.map((m) => {
    const cases = fall.filter((f) => f.moteId === m.id);
    const byParty = zeros(KONSULTATION_PARTER);
    const byOutcome = zeros(KONSULTATION_UTFALL);
    for (const f of cases) {
      byParty[f.lyftAv] += 1;
      byOutcome[f.utfall] += 1;
    }
    return {
      id: m.id,
      datum: m.datum,
      narvarande: [...m.narvarande],
      cases: cases.length,
      byParty,
      byOutcome,
    };
  });
  const cases = meetings.reduce((n, m) => n + m.cases, 0);
  const share = (n: number) => (cases === 0 ? null : n / cases);
  const parties = KONSULTATION_PARTER.map((part) => {
    const raised = meetings.reduce((n, m) => n + m.byParty[part], 0);
    const attended = meetings.filter((m) => m.narvarande.includes(part)).length;
    return { part, attended, raised, share: share(raised) };
  }).filter((p) => p.attended > 0 || p.raised > 0);
  const outcomes = KONSULTATION_UTFALL.map((utfall) => {
    const count = meetings.reduce((n, m) => n + m.byOutcome[utfall], 0);
    return { utfall, count, share: share(count) };
  });
  const outside = cases - meetings.reduce((n, m) => n + m.byParty.socialtjanst, 0);
  return {
    meetings,
    parties,
    outcomes,
    totals: {
      meetings: meetings.length,
      cases,
      fromOutsideSocialtjanst: outside,
      outsideShare: share(outside),
    },
  };
}

/** The parties that raised a case in the period: the per-meeting table has a column for each. */
export function raisingParties(stats: KonsultationStats): KonsultationsPart[] {
  return stats.parties.filter((p) => p.raised > 0).map((p) => p.part);
}

const pct = (share: number | null): CsvValue => (share === null ? null : toPercent(share));

/** One table as headers and rows, shared by the screen and the CSV so both show the same figures. */
export interface StatTable {
  headers: string[];
  rows: CsvValue[][];
}

export function meetingsTable(stats: KonsultationStats): StatTable {
  const raisers = raisingParties(stats);
  return {
    headers: [
      'Datum',
      'Närvarande parter',
      'Antal ärenden',
      ...raisers.map((p) => `Lyfta av ${PART_LABEL[p]}`),
      ...KONSULTATION_UTFALL.map((u) => `Utfall: ${UTFALL_LABEL[u]}`),
    ],
    rows: stats.meetings.map((m) => [
      m.datum,
      m.narvarande.map((p) => PART_LABEL[p]).join(', '),
      m.cases,
      ...raisers.map((p) => m.byParty[p]),
      ...KONSULTATION_UTFALL.map((u) => m.byOutcome[u]),
    ]),
  };
}

export function partiesTable(stats: KonsultationStats): StatTable {
  return {
    headers: ['Part', 'Möten närvarande', 'Ärenden lyfta', 'Andel av ärendena (%)'],
    rows: stats.parties.map((p) => [PART_LABEL[p.part], p.attended, p.raised, pct(p.share)]),
  };
}

export function outcomesTable(stats: KonsultationStats): StatTable {
  return {
    headers: ['Utfall', 'Antal ärenden', 'Andel av ärendena (%)'],
    rows: stats.outcomes.map((o) => [UTFALL_LABEL[o.utfall], o.count, pct(o.share)]),
  };
}

export function totalsTable(stats: KonsultationStats): StatTable {
  const t = stats.totals;
  return {
    headers: ['Mått', 'Värde'],
    rows: [
      ['Antal möten', t.meetings],
      ['Antal ärenden', t.cases],
      ['Ärenden från andra än socialtjänsten', t.fromOutsideSocialtjanst],
      ['Andel från andra än socialtjänsten (%)', pct(t.outsideShare)],
    ],
  };
}

/** The table as a CSV file for Swedish Excel. */
export const tableCsv = (table: StatTable): string => toExcelCsv(table.headers, table.rows);
