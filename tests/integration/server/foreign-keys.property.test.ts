/**
 * Migration 016 moved the single-column foreign keys of record (förbund) and audit_event (förbund,
 * user) to columns that hold a value only where the composite key of migration 007 is skipped (a
 * null in it). What the database refuses must be what it refused before: checked against a model
 * of the old keys over every combination of existing, foreign, missing and null references, for
 * inserts, updates and the deletes the keys stop. Runs on PGlite and on PostgreSQL.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sql } from '../../../src/server/store/sql';
import { openTestDatabase, type TestDatabase } from '../../helpers/test-database';

let db: TestDatabase;
let sql: Sql;
const id = {
  forbundA: randomUUID(),
  forbundB: randomUUID(),
  enhetA: randomUUID(),
  enhetB: randomUUID(),
  userA: randomUUID(),
  userB: randomUUID(),
  missing: '00000000-0000-4000-8000-00000000dead',
};
const forbundOf: Record<string, string> = {
  [id.enhetA]: id.forbundA,
  [id.enhetB]: id.forbundB,
  [id.userA]: id.forbundA,
  [id.userB]: id.forbundB,
};
const forbunds = new Set<string>([id.forbundA, id.forbundB]);

beforeAll(async () => {
  db = await openTestDatabase();
  sql = db.sql;
  for (const f of [id.forbundA, id.forbundB])
    await sql.query("insert into forbund (id, namn, behovsgrupper) values ($1, 'Testförbund', '[]')", [f]);
  for (const [e, f] of [
    [id.enhetA, id.forbundA],
    [id.enhetB, id.forbundB],
  ])
    await sql.query(
      "insert into enhet (id, forbund_id, namn, kod) values ($1, $2, 'Påhittad enhet', 'NOR')",
      [e, f],
    );
  for (const [u, f] of [
    [id.userA, id.forbundA],
    [id.userB, id.forbundB],
  ])
    await sql.query(
      `insert into app_user (id, forbund_id, username, display_name, role, password_hash, created_at)
       values ($1, $2, $3, 'Testperson', 'handlaggare', 'x', now())`,
      [u, f, `fk-${u}`],
    );
}, 60_000);
afterAll(() => db.close());

/**
 * 'accepted', or the SQLSTATE the last statement was refused with. The statements run in one
 * transaction that is rolled back: nothing they did is kept. Those before the last must succeed.
 */
async function outcome(...steps: [text: string, params: unknown[]][]): Promise<string> {
  const rollback = new Error('rollback');
  try {
    await sql.transaction(async (tx) => {
      for (const [i, [text, params]] of steps.entries()) {
        try {
          await tx.query(text, params);
        } catch (err) {
          if (i < steps.length - 1) throw new Error(`step ${i} failed: ${String(err)}`);
          throw err;
        }
      }
      throw rollback;
    });
  } catch (err) {
    if (err === rollback) return 'accepted';
    if (!(err as { code?: string }).code) throw err;
    return String((err as { code?: string }).code);
  }
  return 'accepted';
}

/** Before 016: förbund exists; an enhet, when named, exists and is of that förbund. */
const recordAllowed = (forbund: string, enhet: string | null) =>
  forbunds.has(forbund) && (enhet === null || forbundOf[enhet] === forbund);

/** Before 016: each of förbund and user exists when named; both named, the user is of that förbund. */
const auditAllowed = (forbund: string | null, user: string | null) =>
  (forbund === null || forbunds.has(forbund)) &&
  (user === null || user in forbundOf) &&
  (forbund === null || user === null || forbundOf[user] === forbund);

const insertRecord = `insert into record (entity, id, forbund_id, enhet_id, data, version, field_versions, change_seq, created_at, updated_at)
  values ('arende', $1::uuid, $2::uuid, $3::uuid, jsonb_build_object('id', $1::text, 'forbundId', $2::text, 'version', 1), 1, '{}', 1, now(), now())`;
const insertAudit = `insert into audit_event (at, forbund_id, user_id, action) values (now(), $1, $2, 'login')`;

const forbundRef = fc.constantFrom(id.forbundA, id.forbundB, id.missing);
const enhetRef = fc.constantFrom(id.enhetA, id.enhetB, id.missing, null);
const userRef = fc.constantFrom(id.userA, id.userB, id.missing, null);

describe('foreign keys of record and audit_event (migration 016)', () => {
  it('refuses a record exactly when the old keys did, on insert and on update', async () => {
    await fc.assert(
      fc.asyncProperty(forbundRef, enhetRef, enhetRef, async (forbund, enhet, movedTo) => {
        const recordId = randomUUID();
        const insert: [string, unknown[]] = [insertRecord, [recordId, forbund, enhet]];
        expect(await outcome(insert)).toBe(recordAllowed(forbund, enhet) ? 'accepted' : '23503');
        if (!recordAllowed(forbund, enhet)) return;
        // A stored record moved to another enhet, or to none.
        const moved = await outcome(insert, [
          'update record set enhet_id = $2 where id = $1',
          [recordId, movedTo],
        ]);
        expect(moved).toBe(recordAllowed(forbund, movedTo) ? 'accepted' : '23503');
      }),
      { numRuns: 40 },
    );
  });

  it('refuses an audit row exactly when the old keys did', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(id.forbundA, id.forbundB, id.missing, null), userRef, async (f, u) => {
        expect(await outcome([insertAudit, [f, u]])).toBe(auditAllowed(f, u) ? 'accepted' : '23503');
      }),
      { numRuns: 40 },
    );
  });

  it('still refuses to delete a förbund, an enhet or a user that rows refer to, whichever key names them', async () => {
    // Each of its own, so that nothing else (an enhet, a user, a session) holds it already.
    const f = randomUUID();
    const e = randomUUID();
    const u = randomUUID();
    const forbund: [string, unknown[]] = [
      "insert into forbund (id, namn, behovsgrupper) values ($1, 'Testförbund', '[]')",
      [f],
    ];
    const enhet: [string, unknown[]] = [
      "insert into enhet (id, forbund_id, namn, kod) values ($1, $2, 'Påhittad enhet', 'SKE')",
      [e, id.forbundA],
    ];
    const user: [string, unknown[]] = [
      `insert into app_user (id, forbund_id, username, display_name, role, password_hash, created_at)
       values ($1, $2, $3, 'Testperson', 'handlaggare', 'x', now())`,
      [u, id.forbundA, `fk-${u}`],
    ];
    const cases: [string, [string, unknown[]][]][] = [
      [
        'a record of the förbund without enhet',
        [forbund, [insertRecord, [randomUUID(), f, null]], ['delete from forbund where id = $1', [f]]],
      ],
      [
        'a record in the enhet',
        [enhet, [insertRecord, [randomUUID(), id.forbundA, e]], ['delete from enhet where id = $1', [e]]],
      ],
      [
        'an audit row of the förbund without user',
        [forbund, [insertAudit, [f, null]], ['delete from forbund where id = $1', [f]]],
      ],
      [
        'an audit row of the user without förbund',
        [user, [insertAudit, [null, u]], ['delete from app_user where id = $1', [u]]],
      ],
      [
        'an audit row of the user in its förbund',
        [user, [insertAudit, [id.forbundA, u]], ['delete from app_user where id = $1', [u]]],
      ],
    ];
    for (const [what, steps] of cases) {
      expect(await outcome(...steps), what).toBe('23503');
      // Without the row, the delete goes through: the refusal above is the row's doing.
      expect(await outcome(...steps.filter((_, i) => i !== 1)), `${what}, without it`).toBe('accepted');
    }
  });
});
