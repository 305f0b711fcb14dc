/**
 * Kartläggning of the ärenden active on a date: the förbund's one-way table per dimension and
 * enhet × category with margins linked to it, so that an enhet's row (the view of one enhet) can
 * never be subtracted from the förbund's figures.
 */
import {
  type KartlaggningArende,
  kartlaggning,
  kartlaggningPerEnhet,
} from '../../../domain/aggregation/kartlaggning';
import { KARTLAGGNING_TABLES, type KartlaggningReport } from '../../../domain/aggregation/report';
import { behovsgrupperOf, enheterForAggregates, recordsOfKind } from '../../store/aggregates';
import type { Sql } from '../../store/sql';

const pick = (d: KartlaggningArende): KartlaggningArende => ({
  enhetId: d.enhetId,
  startdatum: d.startdatum,
  avslutsdatum: d.avslutsdatum ?? null,
  behovsgrupp: d.behovsgrupp ?? null,
  forsorjningshinder: d.forsorjningshinder ?? null,
  kon: d.kon,
  aldersgrupp: d.aldersgrupp ?? null,
  manaderAv12: d.manaderAv12 ?? null,
  manaderAv36: d.manaderAv36 ?? null,
});

export async function kartlaggningReport(
  sql: Sql,
  forbundId: string,
  date: string,
): Promise<KartlaggningReport> {
  const [enheter, behovsgrupper, records] = await Promise.all([
    enheterForAggregates(sql, forbundId),
    behovsgrupperOf(sql, forbundId),
    recordsOfKind<KartlaggningArende>(sql, forbundId, 'arende'),
  ]);
  const arenden = records.map((r) => pick(r.data));
  const options = { enheter: enheter.map((e) => e.id), behovsgrupper: behovsgrupper.map((b) => b.code) };
  const all = kartlaggning(arenden, date, options);
  return {
    date,
    enheter,
    behovsgrupper,
    enhet: all.enhet,
    tables: KARTLAGGNING_TABLES.map((dimension) => {
      const per = kartlaggningPerEnhet(arenden, date, dimension, options);
      return {
        dimension,
        total: all[dimension],
        perEnhet: { rows: per.enheter, cols: per.categories, ...per.table },
      };
    }),
  };
}
