/** GET /sync/pull: the user's records changed after a cursor, one page at a time. */
import { audienceOf, ENTITY_NAMES } from '../../domain/entities';
import type { PullResponse } from '../../domain/sync-protocol';
import type { AuthUser } from '../auth/sessions';
import { recordsChangedSince } from '../store/records';
import type { Sql } from '../store/sql';

/**
 * Record kinds whose audience (entities.ts) leaves out the user's role: never pulled by them. A
 * koordinator gets no ärende or case work, an admin and a respondent no records at all (today).
 */
export const hiddenFrom = (user: Pick<AuthUser, 'role'>) =>
  ENTITY_NAMES.filter((e) => !audienceOf(e).includes(user.role));

/** `cursor` is the change_seq of the last record the device has ("0" = from the beginning). */
export async function pull(sql: Sql, user: AuthUser, cursor: string, limit: number): Promise<PullResponse> {
  // One row more than asked tells whether another page follows.
  const rows = await recordsChangedSince(sql, {
    forbundId: user.forbundId,
    userId: user.id,
    after: cursor,
    limit: limit + 1,
    hidden: hiddenFrom(user),
  });
  const page = rows.slice(0, limit);
  return {
    changes: page.map((r) => ({ entity: r.entity, record: r.data })),
    cursor: page.at(-1)?.change_seq ?? cursor,
    hasMore: rows.length > limit,
  };
}
