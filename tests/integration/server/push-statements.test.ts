/**
 * How many statements a push costs the database: each is a round trip, and under a morning wave
 * every round trip of a small push waits its turn on a busy machine (issue 19: an unrelated
 * förbund's push of one ärende spent 100–270 ms in its transaction, about 20 ms per statement).
 * A push of one new ärende from a new device: the device claimed and locked, the session bound
 * and the förbund read (one statement); the records the batch names, locked, and the ärenden that
 * use its codes (one); the record written; and the audit row, the stored answer, the device's old
 * answers forgotten and its row moved on (one). It was ten. Sign-in and the request's session
 * lookup are not counted.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recording, type Statement } from '../../helpers/recording-sql';
import { createTestServer, type TestAccount, type TestServer } from '../../helpers/server';
import { device, newArende } from './support';

let server: TestServer;
let a: TestAccount;
const statements: Statement[] = [];

beforeAll(async () => {
  server = await createTestServer({ wrapSql: (sql) => recording(sql, statements) });
  a = await server.createHandlaggare({ enheter: ['NOR'] });
}, 60_000);
afterAll(() => server.close());

/** The push's own: the session lookup and renewal of every request (auth/middleware.ts) left out. */
const pushStatements = () =>
  statements.filter((s) => !/\bsession\b/.test(s.text) || /device_row/.test(s.text));

describe('the statements of a push', () => {
  it('sends four statements for one new ärende from a new device, and as many for its next batch', async () => {
    const dev = device(server, (await server.login(a.username, a.password)).token);
    const nor = server.enheter[0]?.id ?? '';
    statements.length = 0;
    expect((await dev.push([dev.mutation(randomUUID(), newArende(nor, a.user.id), null)])).lastSeq).toBe(1);
    const first = pushStatements().map((s) => s.text.replace(/\s+/g, ' ').slice(0, 80));
    expect(first, first.join('\n')).toHaveLength(4);

    statements.length = 0;
    expect((await dev.push([dev.mutation(randomUUID(), newArende(nor, a.user.id), null)])).lastSeq).toBe(2);
    expect(pushStatements()).toHaveLength(4);
  });
});
