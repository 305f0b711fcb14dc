/** The audit log: who did what to which id, when, from which device — never content or passwords. */
import type { AuditEvent } from '../../domain/admin';
import type { Sql } from './sql';

export interface AuditEntry {
  /** Null only for a refusal before anyone is known (an unknown token, a failed sign-in). */
  forbundId: string | null;
  userId: string | null;
  deviceId: string | null;
  action: string;
  entity?: string | null;
  recordId?: string | null;
  /** Names of fields, never their values. */
  fields?: readonly string[] | null;
  /** For a refusal: the route ("POST /api/rounds") and the refusal's code. */
  route?: string | null;
  reason?: string | null;
  at: Date;
}

export async function writeAudit(sql: Sql, e: AuditEntry): Promise<void> {
  await sql.query(
    `insert into audit_event (at, forbund_id, user_id, device_id, action, entity, record_id, fields, route, reason)
     values ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10)`,
    [
      e.at.toISOString(),
      e.forbundId,
      e.userId,
      e.deviceId,
      e.action,
      e.entity ?? null,
      e.recordId ?? null,
      e.fields ? JSON.stringify(e.fields) : null,
      e.route ?? null,
      e.reason ?? null,
    ],
  );
}

/** A page of the förbund's log, newest first, before the event id `before` (exclusive). */
export async function auditPage(
  sql: Sql,
  forbundId: string,
  before: string | null,
  limit: number,
): Promise<{ events: AuditEvent[]; next: string | null }> {
  const { rows } = await sql.query<{
    id: string;
    at: Date | string;
    user_id: string | null;
    username: string | null;
    device_id: string | null;
    action: string;
    entity: string | null;
    record_id: string | null;
    fields: string[] | null;
    route: string | null;
    reason: string | null;
  }>(
    `select a.id::text as id, a.at, a.user_id, u.username, a.device_id, a.action, a.entity, a.record_id, a.fields,
            a.route, a.reason
       from audit_event a left join app_user u on u.id = a.user_id
      where a.forbund_id = $1 and ($2::bigint is null or a.id < $2::bigint)
      order by a.id desc
      limit $3`,
    [forbundId, before, limit + 1],
  );
  const page = rows.slice(0, limit);
  return {
    events: page.map((r) => ({
      id: r.id,
      at: new Date(r.at).toISOString(),
      userId: r.user_id,
      username: r.username,
      deviceId: r.device_id,
      action: r.action,
      entity: r.entity,
      recordId: r.record_id,
      fields: r.fields,
      route: r.route,
      reason: r.reason,
    })),
    next: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
  };
}
