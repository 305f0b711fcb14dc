/**
 * The SQL of gallring: which closed ärenden a förbund has, which devices may still hold unsynced
 * changes to the ärenden of an enhet, what lies under an ärende, and removing it all. Removal keeps
 * only what is already aggregated (survey_answer_tally); it never writes content anywhere.
 */
import type { Sql } from './sql';

export interface ClosedArende {
  id: string;
  enhetId: string;
  avslutsdatum: string;
}

/** The förbund's closed ärenden with an avslutsdatum; locked when `forUpdate` (inside a run). */
export async function closedArenden(sql: Sql, forbundId: string, forUpdate = false): Promise<ClosedArende[]> {
  const { rows } = await sql.query<{ id: string; enhet_id: string; avslutsdatum: string }>(
    `select id::text as id, enhet_id::text as enhet_id, data ->> 'avslutsdatum' as avslutsdatum
       from record
      where forbund_id = $1 and entity = 'arende' and data ->> 'status' = 'avslutad'
        and data ->> 'avslutsdatum' is not null
      order by data ->> 'avslutsdatum', id${forUpdate ? ' for update' : ''}`,
    [forbundId],
  );
  return rows.map((r) => ({ id: r.id, enhetId: r.enhet_id, avslutsdatum: r.avslutsdatum }));
}

export interface HoldingDevice {
  deviceId: string;
  username: string;
  enhetIds: string[];
  syncedAt: string | null;
}

/**
 * Devices that may hold ärenden of the förbund with unsynced changes: those of handläggare (the only
 * role that holds ärenden) with their enheter, except devices blocked by the admin, signed out, or
 * of a disabled account (none of them can ever push again).
 */
export async function holdingDevices(sql: Sql, forbundId: string): Promise<HoldingDevice[]> {
  const { rows } = await sql.query<{
    id: string;
    username: string;
    enhet_ids: string[] | null;
    synced_at: Date | string | null;
  }>(
    `select d.id::text as id, u.username, d.synced_at,
            (select array_agg(ue.enhet_id::text) from user_enhet ue where ue.user_id = u.id) as enhet_ids
       from device d join app_user u on u.id = d.user_id
      where u.forbund_id = $1 and u.role = 'handlaggare' and u.disabled_at is null
        and d.revoked_at is null and d.signed_out_at is null
      order by u.username, d.id`,
    [forbundId],
  );
  return rows.map((r) => ({
    deviceId: r.id,
    username: r.username,
    enhetIds: r.enhet_ids ?? [],
    syncedAt: r.synced_at === null ? null : new Date(r.synced_at).toISOString(),
  }));
}

/** When the förbund's gallring period was last set (null: never, or before this was recorded). */
export async function gallringSetAt(sql: Sql, forbundId: string): Promise<string | null> {
  const { rows } = await sql.query<{ at: Date | string | null }>(
    'select gallring_ar_satt_at as at from forbund where id = $1',
    [forbundId],
  );
  const at = rows[0]?.at ?? null;
  return at === null ? null : new Date(at).toISOString();
}

/** Per ärende: how many records lie under it (itself included) and how many enkät responses. */
export async function countsUnder(
  sql: Sql,
  forbundId: string,
  arendeIds: readonly string[],
): Promise<Map<string, { records: number; responses: number }>> {
  const out = new Map(arendeIds.map((id) => [id, { records: 1, responses: 0 }]));
  if (arendeIds.length === 0) return out;
  const children = await sql.query<{ arende_id: string; n: number }>(
    `select data ->> 'arendeId' as arende_id, count(*)::int as n from record
      where forbund_id = $1 and data ? 'arendeId' and data ->> 'arendeId' = any($2::text[])
      group by 1`,
    [forbundId, arendeIds],
  );
  const responses = await sql.query<{ arende_id: string; n: number }>(
    `select arende_id::text as arende_id, count(*)::int as n from survey_response
      where forbund_id = $1 and arende_id = any($2::uuid[]) group by 1`,
    [forbundId, arendeIds],
  );
  for (const r of children.rows) {
    const c = out.get(r.arende_id);
    if (c) c.records += Number(r.n);
  }
  for (const r of responses.rows) {
    const c = out.get(r.arende_id);
    if (c) c.responses = Number(r.n);
  }
  return out;
}

export interface RemovedRecord {
  entity: string;
  id: string;
  enhetId: string | null;
}

/**
 * Deletes the ärende, every record under it, its enkät responses and its bookkeeping (which
 * response counts, its cell key); the answer counts and releases already made from them stay.
 * Returns what was removed, ids only. Runs in the caller's transaction, which locked the ärende's
 * row when it planned (closedArenden forUpdate): a push writing under the ärende holds that row
 * too (batch.ts loads a parent FOR UPDATE), so it was waited for and this delete, a later
 * statement, sees what it wrote; a later push waits for the run and finds no ärende.
 */
export async function removeArendeAndAllUnder(
  tx: Sql,
  forbundId: string,
  arendeId: string,
): Promise<{ records: RemovedRecord[]; responseIds: string[] }> {
  const records = await tx.query<{ entity: string; id: string; enhet_id: string | null }>(
    `delete from record
      where forbund_id = $1
        and ((entity = 'arende' and id = $2::uuid) or (data ? 'arendeId' and data ->> 'arendeId' = $3::text))
      returning entity, id::text as id, enhet_id::text as enhet_id`,
    [forbundId, arendeId, arendeId],
  );
  // A stored response is final (migration 007); migration 011 lets this transaction, and only
  // it, delete the responses of the one ärende it names here.
  await tx.query(`select set_config('faltsam.gallra_arende', $1, true)`, [arendeId]);
  const responses = await tx.query<{ id: string }>(
    'delete from survey_response where forbund_id = $1 and arende_id = $2 returning id::text as id',
    [forbundId, arendeId],
  );
  await tx.query('delete from survey_latest where arende_id = $1', [arendeId]);
  // The ärende's disclosure-control key (migration 006): the sums already counted with it stay.
  await tx.query('delete from person_cell_key where person_id = $1', [arendeId]);
  return {
    records: records.rows.map((r) => ({ entity: r.entity, id: r.id, enhetId: r.enhet_id })),
    responseIds: responses.rows.map((r) => r.id),
  };
}

export async function recordGallringRun(
  tx: Sql,
  r: { forbundId: string; at: Date; userId: string | null; removed: number; held: number },
): Promise<void> {
  await tx.query(
    'insert into gallring_run (forbund_id, at, user_id, removed, held) values ($1, $2, $3, $4, $5)',
    [r.forbundId, r.at.toISOString(), r.userId, r.removed, r.held],
  );
}

export async function lastGallringRun(
  sql: Sql,
  forbundId: string,
): Promise<{ at: string; removed: number } | null> {
  const { rows } = await sql.query<{ at: Date | string; removed: number }>(
    'select at, removed from gallring_run where forbund_id = $1 order by at desc, id desc limit 1',
    [forbundId],
  );
  const r = rows[0];
  return r ? { at: new Date(r.at).toISOString(), removed: Number(r.removed) } : null;
}

/** The förbund that have chosen a gallring period (the schedule runs for these). */
export async function forbundWithGallring(sql: Sql): Promise<string[]> {
  const { rows } = await sql.query<{ id: string }>(
    'select id::text as id from forbund where gallring_ar is not null order by id',
  );
  return rows.map((r) => r.id);
}

/** Audit rows of a gallring: who ran it (null: the schedule), which ids left, when. No content. */
export async function auditGallring(
  tx: Sql,
  a: {
    forbundId: string;
    userId: string | null;
    at: Date;
    removed: readonly { entity: string; id: string }[];
  },
): Promise<void> {
  if (a.removed.length === 0) return;
  await tx.query(
    `insert into audit_event (at, forbund_id, user_id, device_id, action, entity, record_id, fields)
     select $1::timestamptz, $2::uuid, $3::uuid, null, 'gallrad', x.entity, x.id, null
       from unnest($4::text[], $5::uuid[]) with ordinality as x(entity, id, n) order by x.n`,
    [a.at.toISOString(), a.forbundId, a.userId, a.removed.map((r) => r.entity), a.removed.map((r) => r.id)],
  );
}
