/**
 * Pull pages carry records compact: without what the device knows already. The förbund id is the
 * page's (every record of a page is of the user's förbund) and a field whose schema allows null and
 * whose value is null is left out; the device puts both back before it parses the record. Exact
 * both ways: expandRecord(compactRecord(r)) equals r for every valid record.
 */
import { ENTITIES, type EntityName } from './entities';

type Data = Record<string, unknown>;

const nullable = new Map<EntityName, readonly string[]>();

/** The record's fields that may hold null (so a missing one is null). */
function nullableFields(entity: EntityName): readonly string[] {
  let fields = nullable.get(entity);
  if (!fields) {
    const shape = ENTITIES[entity].record.shape as Record<
      string,
      { safeParse(v: unknown): { success: boolean } }
    >;
    fields = Object.keys(shape).filter((k) => shape[k]?.safeParse(null).success === true);
    nullable.set(entity, fields);
  }
  return fields;
}

/** The record as a page carries it. */
export function compactRecord(entity: EntityName, record: Data): Data {
  const may = new Set(nullableFields(entity));
  const out: Data = {};
  for (const [k, v] of Object.entries(record)) {
    if (k === 'forbundId') continue;
    if (v === null && may.has(k)) continue;
    out[k] = v;
  }
  return out;
}

/** The record as stored, from a page's compact one and the page's förbund. */
export function expandRecord(entity: EntityName, compact: Data, forbundId: string): Data {
  const out: Data = { ...compact, forbundId };
  for (const k of nullableFields(entity)) if (!(k in out)) out[k] = null;
  return out;
}
