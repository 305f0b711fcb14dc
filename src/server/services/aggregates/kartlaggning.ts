/**
 * The kartläggning release of a month: the ärenden active on its last day, per enhet and per
 * dimension (the förbund and enhet × category), one release with the persons' cell keys, so an
 * enhet's row, the förbund's table and any other month's release cannot be set against each other
 * to single anyone out (see domain/aggregation/release.ts).
 */
import { type KartlaggningArende, kartlaggningRelease } from '../../../domain/aggregation/kartlaggning';
import { monthEnd } from '../../../domain/aggregation/periods';
import { KARTLAGGNING_TABLES, type KartlaggningReport } from '../../../domain/aggregation/report';
import { behovsgrupperOf, enheterForAggregates, personKeys, recordsOfKind } from '../../store/aggregates';
import type { Sql } from '../../store/sql';

type WithId = KartlaggningArende & { id: string };

const pick = (id: string, d: KartlaggningArende): WithId => ({
  id,
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

export async function kartlaggningReleaseOf(
  sql: Sql,
  forbundId: string,
  month: string,
  publishedAt: string,
): Promise<KartlaggningReport> {
  const date = monthEnd(month);
  const [enheter, behovsgrupper, records] = await Promise.all([
    enheterForAggregates(sql, forbundId),
    behovsgrupperOf(sql, forbundId),
    recordsOfKind<KartlaggningArende>(sql, forbundId, 'arende'),
  ]);
  const arenden = records.map((r) => pick(r.id, r.data));
  const keys = await personKeys(
    sql,
    arenden.map((a) => a.id),
  );
  const release = kartlaggningRelease(arenden, date, (a) => keys.get(a.id) ?? 0, {
    enheter: enheter.map((e) => e.id),
    behovsgrupper: behovsgrupper.map((b) => b.code),
  });
  return {
    publishedAt,
    period: month,
    date,
    enheter,
    behovsgrupper,
    enhet: { categories: release.enheter, cells: release.perEnhet.cells, total: release.perEnhet.total },
    tables: KARTLAGGNING_TABLES.map((dimension) => {
      const t = release.tables.find((x) => x.dimension === dimension);
      const categories = t?.categories ?? [];
      return {
        dimension,
        total: { categories, cells: t?.total ?? [], total: release.perEnhet.total },
        perEnhet: {
          rows: release.enheter,
          cols: categories,
          cells: t?.cells ?? [],
          rowTotals: release.perEnhet.cells,
          colTotals: t?.total ?? [],
          total: release.perEnhet.total,
        },
      };
    }),
  };
}
