/** GET /sync/pull: the user's records changed after a cursor, one page at a time. */
import { ENTITIES, ENTITY_NAMES } from '../../domain/entities';
import { KONSULTATION_ENTITY_NAMES } from '../../domain/entity-names';
import type { PullResponse } from '../../domain/sync-protocol';
import type { AuthUser } from '../auth/sessions';
import { recordsChangedSince } from '../store/records';
import type { Sql } from '../store/sql';
import { mayDoCasework } from './casework-policies';
import { mayDoKonsultation } from './konsultation-policies';

/** Case work (records with a parent ärende) is pulled by handläggare only. */
const CASEWORK = ENTITY_NAMES.filter((e) => ENTITIES[e].parent !== undefined);

/** `cursor` is the change_seq of the last record the device has ("0" = from the beginning). */
export async function pull(sql: Sql, user: AuthUser, cursor: string, limit: number): Promise<PullResponse> {
  // One row more than asked tells whether another page follows.
  const rows = await recordsChangedSince(sql, {
    forbundId: user.forbundId,
    userId: user.id,
    after: cursor,
    limit: limit + 1,
    hidden: [
      ...(mayDoCasework(user) ? [] : CASEWORK),
      ...(mayDoKonsultation(user) ? [] : KONSULTATION_ENTITY_NAMES),
    ],
  });
  const page = rows.slice(0, limit);
  return {
    changes: page.map((r) => ({ entity: r.entity, record: r.data })),
    cursor: page.at(-1)?.change_seq ?? cursor,
    hasMore: rows.length > limit,
  };
}
