/**
 * Gallring on the real server: the dry run lists exactly what is due and removable; the run removes
 * exactly that — the ärende, every record under it and its enkät responses — keeps the answer counts
 * already made, audits ids and dates only, and removes nothing more when run again. An ärende waits
 * while a device that may hold unsynced changes to it has not synced since it became due. A
 * stateful property checks the rule over random ärenden and dates.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityName } from '../../../src/domain/entities';
import { GallringOverview, GallringRun, gallringsdatum } from '../../../src/domain/gallring';
import { INSTRUMENT_VERSION } from '../../../src/domain/instrument';
import type { Mutation } from '../../../src/domain/sync-protocol';
import { runScheduledGallring } from '../../../src/server/gallring-schedule';
import { atgard, completeSip, sipSamtycke, trepartssamtal } from '../../helpers/casework';
import { createTestServer, type TestAccount, type TestServer, type TestTenant } from '../../helpers/server';
import { databaseKind } from '../../helpers/test-database';
import { bearer, device, newArende } from './support';

let now = new Date('2026-06-01T08:00:00Z');
let server: TestServer;
let other: TestTenant;
let adminAccount: TestAccount;
let nor: TestAccount;
let ske: TestAccount;
const enhet = (kod: string) => server.enheter.find((e) => e.kod === kod)?.id ?? '';

beforeAll(async () => {
  server = await createTestServer({ clock: () => now });
  other = await server.addForbund('Annat förbund');
  adminAccount = await server.createHandlaggare({ role: 'admin', enheter: [] });
  nor = await server.createHandlaggare({ enheter: ['NOR'] });
  ske = await server.createHandlaggare({ enheter: ['SKE'] });
}, 60_000);
afterAll(() => server.close());

function creds(a: TestAccount): [string, string] {
  return [a.username, a.password];
}

async function signIn(a: TestAccount, s: Pick<TestServer, 'fetch' | 'login'> = server) {
  const dev = device(s, (await s.login(...creds(a))).token);
  const of = (entity: EntityName, id: string, changes: object, base: number | null = null): Mutation => ({
    ...dev.mutation(id, changes as Record<string, unknown>, base),
    entity,
  });
  /** A completed sync: the pull that follows a full push, naming this device. */
  const synced = async () => {
    const res = await s.fetch(`/api/sync/pull?cursor=0&limit=1&deviceId=${dev.deviceId}`, bearer(dev.token));
    expect(res.status).toBe(200);
  };
  return { ...dev, of, synced };
}
type Dev = Awaited<ReturnType<typeof signIn>>;

// Signed in afresh each time: the tests move the clock by years, past any session's end.
const adminToken = async () => (await server.login(...creds(adminAccount))).token;
const admin = async (method: string, path: string, body?: unknown) =>
  server.fetch(`/api${path}`, {
    method,
    headers: { Authorization: `Bearer ${await adminToken()}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
const run = async (dryRun: boolean) => {
  const res = await admin('POST', '/admin/gallring', { dryRun });
  expect(res.status).toBe(200);
  return GallringRun.parse(await res.json());
};
const closed = (avslutsdatum: string, kod = 'NOR', owner = nor) =>
  newArende(enhet(kod), owner.user.id, {
    startdatum: '2000-01-01',
    status: 'avslutad',
    avslutsdatum,
    avslutsorsak: 'arbete',
  });
const ids = (list: { arendeId: string }[]) => list.map((a) => a.arendeId).sort();
const recordIds = async () =>
  new Set(
    (await server.sql.query<{ id: string }>('select id::text as id from record')).rows.map((r) => r.id),
  );

/** An ärende with case work of every kind and one enkät response. */
async function withEverything(dev: Dev, arende: Record<string, unknown>) {
  const arendeId = randomUUID();
  const moteId = randomUUID();
  const under = [randomUUID(), moteId, randomUUID(), randomUUID(), randomUUID()];
  const responseId = randomUUID();
  const res = await dev.push([
    dev.of('arende', arendeId, { ...arende, status: 'aktiv', avslutsdatum: null, avslutsorsak: null }),
    dev.of('samtycke', under[0] as string, { ...sipSamtycke(String(arende.handlaggareId)), arendeId }),
    dev.of('mote', moteId, { ...trepartssamtal(), arendeId }),
    dev.of('atgard', under[2] as string, { ...atgard(), moteId, arendeId }),
    dev.of('sip', under[3] as string, { ...completeSip(), arendeId }),
    dev.of('stegmatning', under[4] as string, {
      item: 'M14',
      value: 4,
      date: '2026-03-10',
      moteId,
      instrumentVersion: INSTRUMENT_VERSION,
      arendeId,
    }),
    dev.of('response', responseId, {
      formId: 'F-D-UNDER',
      instrumentVersion: INSTRUMENT_VERSION,
      arendeId,
      answeredWith: 'sjalv',
      answers: { M01: 4, M14: 3 },
      submittedAt: '2026-03-10T10:00:00.000Z',
    }),
    // Closed last: case work is recorded while the ärende is open.
    dev.of(
      'arende',
      arendeId,
      { status: 'avslutad', avslutsdatum: arende.avslutsdatum, avslutsorsak: 'arbete' },
      1,
    ),
  ]);
  expect(res.results.map((r) => r.status)).toEqual(Array(8).fill('applied'));
  return { arendeId, under, responseId };
}

describe('gallring', () => {
  it('does nothing while the förbund has no period', async () => {
    const dev = await signIn(nor);
    await dev.push([dev.of('arende', randomUUID(), closed('2001-01-01'))]);
    const dry = await run(true);
    expect(dry).toMatchObject({ gallringAr: null, removed: [], held: [] });
    expect((await run(false)).removed).toEqual([]);
    // Signed out: the app wiped it, so it holds nothing for the tests below.
    await server.fetch('/api/sessions/current', { method: 'DELETE', ...bearer(dev.token) });
  });

  it('lists exactly what is due, waits for unsynced devices, then removes exactly that and keeps the counts', async () => {
    await server.sql.query('delete from record');
    const d1 = await signIn(nor);
    const d2 = await signIn(ske);
    const idle = await signIn(await server.createHandlaggare({ enheter: ['NOR'] }));
    const gone = await signIn(await server.createHandlaggare({ enheter: ['NOR'] }));
    await idle.synced(); // registers the device; before the period is set, so it does not count
    await gone.synced();
    const { arendeId: a1, under, responseId } = await withEverything(d1, closed('2020-01-10'));
    const a2 = randomUUID();
    const a3 = randomUUID();
    const a4 = randomUUID();
    const a5 = randomUUID();
    await d1.push([
      d1.of('arende', a2, closed('2023-05-31')),
      d1.of('arende', a3, closed('2023-06-02')),
      d1.of('arende', a4, newArende(enhet('NOR'), nor.user.id)),
    ]);
    await d2.push([d2.of('arende', a5, closed('2021-01-01', 'SKE', ske))]);
    const tally = (await server.sql.query('select * from survey_answer_tally order by 1, 2, 3, 4, 5, 6, 7'))
      .rows;

    now = new Date('2026-06-01T09:00:00Z');
    expect((await admin('PATCH', '/admin/installningar', { gallringAr: 3 })).status).toBe(200);
    now = new Date('2026-06-01T10:00:00Z');
    await d1.synced();
    const first = await run(true);
    expect(first.today).toBe('2026-06-01');
    expect(first.removed).toEqual([]);
    expect(ids(first.held)).toEqual([a1, a2, a5].sort());
    const waiting = (id: string) =>
      first.held
        .find((h) => h.arendeId === id)
        ?.waitingFor.map((w) => w.deviceId)
        .sort();
    expect(waiting(a1)).toEqual([gone.deviceId, idle.deviceId].sort());
    expect(waiting(a5)).toEqual([d2.deviceId]);
    expect(first.held.find((h) => h.arendeId === a1)).toMatchObject({
      avslutsdatum: '2020-01-10',
      gallringsdatum: '2023-01-10',
      records: 6,
      responses: 1,
    });

    // The koordinator's and admin's overview: counts per month and enhet, no ids.
    const overview = await server.fetch('/api/gallring', bearer(await adminToken()));
    const body = await overview.text();
    for (const id of [a1, a2, a3, a5]) expect(body).not.toContain(id);
    expect(GallringOverview.parse(JSON.parse(body)).groups).toEqual([
      { month: '2023-01', enhetId: enhet('NOR'), enhetNamn: expect.any(String), count: 1, waiting: 1 },
      { month: '2024-01', enhetId: enhet('SKE'), enhetNamn: expect.any(String), count: 1, waiting: 1 },
      { month: '2026-05', enhetId: enhet('NOR'), enhetNamn: expect.any(String), count: 1, waiting: 1 },
      { month: '2026-06', enhetId: enhet('NOR'), enhetNamn: expect.any(String), count: 1, waiting: 0 },
    ]);

    // A blocked device and a signed-out one hold nothing; a device that syncs stops waiting.
    await admin('POST', `/admin/devices/${idle.deviceId}/revoke`);
    expect(
      (await server.fetch('/api/sessions/current', { method: 'DELETE', ...bearer(gone.token) })).status,
    ).toBe(204);
    await d2.synced();
    const dry = await run(true);
    expect(ids(dry.removed)).toEqual([a1, a2, a5].sort());
    expect(dry.held).toEqual([]);
    expect(await recordIds()).toContain(a1);

    const before = await recordIds();
    const done = await run(false);
    expect(done.removed).toEqual(dry.removed);
    const after = await recordIds();
    const gallrade = [a1, a2, a5, ...under];
    expect([...before].filter((id) => !after.has(id)).sort()).toEqual(gallrade.sort());
    expect(after).toContain(a3);
    expect(after).toContain(a4);
    expect(
      (await server.sql.query('select 1 from survey_response where id = $1', [responseId])).rows,
    ).toEqual([]);
    for (const t of ['survey_latest where arende_id', 'person_cell_key where person_id'])
      expect((await server.sql.query(`select 1 from ${t} = $1`, [a1])).rows).toEqual([]);
    expect(
      (await server.sql.query('select * from survey_answer_tally order by 1, 2, 3, 4, 5, 6, 7')).rows,
    ).toEqual(tally);
    const audit = await server.sql.query<{
      entity: string;
      record_id: string;
      fields: unknown;
      user_id: string;
    }>(
      `select entity, record_id::text as record_id, fields, user_id::text as user_id from audit_event where action = 'gallrad'`,
    );
    expect(audit.rows.map((r) => r.record_id).sort()).toEqual([...gallrade, responseId].sort());
    expect(audit.rows.every((r) => r.fields === null)).toBe(true);
    expect(new Set(audit.rows.map((r) => r.entity))).toEqual(
      new Set(['arende', 'samtycke', 'mote', 'atgard', 'sip', 'stegmatning', 'response']),
    );
    // Nothing of what was written is left in the stored push answers.
    const stored = await server.sql.query('select * from applied_mutation');
    expect(JSON.stringify(stored.rows)).not.toContain('Planering mot arbete');

    expect((await run(false)).removed).toEqual([]);
    // A late edit of a culled ärende is refused as unknown, and brings nothing back.
    const late = await d1.push([d1.of('mote', randomUUID(), { ...trepartssamtal(), arendeId: a1 })]);
    expect(late.results[0]?.status).toBe('rejected');
    expect(await recordIds()).not.toContain(a1);
  });

  it('refuses a run asked for in any other form, without removing anything', async () => {
    const before = await recordIds();
    for (const body of [
      {},
      { dryRun: 'false' },
      { dryRun: 0 },
      { dryRun: false, forbundId: other.forbund.id },
      [],
      null,
    ])
      expect((await admin('POST', '/admin/gallring', body)).status).toBe(400);
    expect(await recordIds()).toEqual(before);
  });

  it('leaves a stored response final outside gallring: no other delete passes the guard', async () => {
    const dev = await signIn(nor);
    const a = await withEverything(dev, closed('2001-01-01'));
    const b = await withEverything(dev, closed('2001-01-01'));
    const refusedBy = async (setting: string | null, responseId: string) => {
      try {
        await server.sql.transaction(async (tx) => {
          if (setting !== null)
            await tx.query(`select set_config('faltsam.gallra_arende', $1, true)`, [setting]);
          await tx.query('delete from survey_response where id = $1', [responseId]);
        });
      } catch (err) {
        return String((err as { code?: string }).code);
      }
      return 'accepted';
    };
    // Another ärende named, nothing named, an empty name, or the id in another spelling.
    expect(await refusedBy(a.arendeId, b.responseId)).toBe('P0001');
    expect(await refusedBy(null, b.responseId)).toBe('P0001');
    expect(await refusedBy('', b.responseId)).toBe('P0001');
    expect(await refusedBy(b.arendeId.toUpperCase(), b.responseId)).toBe('P0001');
    // The setting is local to its transaction: a later one without it is refused again.
    expect(await refusedBy(b.arendeId, b.responseId)).toBe('accepted');
    expect(await refusedBy(null, a.responseId)).toBe('P0001');
    const left = await server.sql.query('select 1 from survey_response where id = $1', [a.responseId]);
    expect(left.rows).toHaveLength(1);
    // Gone again for the tests below, which count what is due.
    expect(await refusedBy(a.arendeId, a.responseId)).toBe('accepted');
    await server.sql.query(
      `delete from record where id = any($1::uuid[]) or data ->> 'arendeId' = any($1::text[])`,
      [[a.arendeId, b.arendeId]],
    );
    await server.fetch('/api/sessions/current', { method: 'DELETE', ...bearer(dev.token) });
  });

  it('runs on the schedule for every förbund with a period, and never touches another förbund', async () => {
    const foreign = await other.createHandlaggare({ enheter: ['NOR'] });
    const fd = await signIn(foreign);
    const theirs = randomUUID();
    await fd.push([
      fd.of(
        'arende',
        theirs,
        newArende(other.enheter[0]?.id ?? '', foreign.user.id, {
          startdatum: '2000-01-01',
          status: 'avslutad',
          avslutsdatum: '2001-01-01',
          avslutsorsak: 'arbete',
        }),
      ),
    ]);
    const d1 = await signIn(nor);
    const mine = randomUUID();
    await d1.push([d1.of('arende', mine, closed('2001-02-02'))]);
    // The same day as above (an ärende of that test falls due tomorrow).
    now = new Date('2026-06-01T20:00:00Z');
    for (const d of await devicesOf(server.forbund.id)) await d();
    const result = await runScheduledGallring(server.sql, now);
    expect(result).toEqual([{ forbundId: server.forbund.id, removed: 1, held: 0 }]);
    expect(await recordIds()).toContain(theirs);
    expect(await recordIds()).not.toContain(mine);
  });

  it('removes what a push wrote under the ärende while the run waited for its row (pushes run beside it)', async () => {
    const d1 = await signIn(nor);
    const { arendeId } = await withEverything(d1, closed('2001-03-03'));
    for (const d of await devicesOf(server.forbund.id)) await d();
    // A writer in the middle of a push under the ärende: it holds the ärende's row, as batch.ts
    // does, and has written one more möte, not yet committed.
    const extra = randomUUID();
    let written: () => void = () => {};
    let commit: () => void = () => {};
    const ready = new Promise<void>((resolve) => {
      written = resolve;
    });
    const go = new Promise<void>((resolve) => {
      commit = resolve;
    });
    const writer = server.sql.transaction(async (tx) => {
      await tx.query('select 1 from record where id = $1::uuid for update', [arendeId]);
      await tx.query(
        `insert into record (entity, id, forbund_id, enhet_id, data, version, field_versions, change_seq, created_at, updated_at)
         select entity, $2::uuid, forbund_id, enhet_id, jsonb_set(data, '{id}', to_jsonb($2::text)), version,
                field_versions, nextval('change_seq'), created_at, updated_at
           from record where entity = 'mote' and data ->> 'arendeId' = $1`,
        [arendeId, extra],
      );
      written();
      await go;
    });
    await ready;
    const running = run(false);
    // On PostgreSQL the run must be waiting for the writer's lock before the writer commits
    // (PGlite runs one transaction at a time: the run simply comes after).
    if (databaseKind() === 'postgres') {
      for (let i = 0; ; i++) {
        const { rows } = await server.sql.query<{ n: number }>(
          `select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()`,
        );
        if ((rows[0]?.n ?? 0) > 0) break;
        if (i > 200) throw new Error('the gallring run never waited for the writer');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    commit();
    await writer;
    expect(ids((await running).removed)).toContain(arendeId);
    const left = await server.sql.query(`select 1 from record where id = $1 or data ->> 'arendeId' = $2`, [
      extra,
      arendeId,
    ]);
    expect(left.rows).toEqual([]);
  });

  it('takes the culled ärende and its case work off every device of its enhet at the next pull, and off no other', async () => {
    const d1 = await signIn(nor);
    const { arendeId, under, responseId } = await withEverything(d1, closed('2001-04-04'));
    const colleague = await signIn(await server.createHandlaggare({ enheter: ['NOR'] }));
    const elsewhere = await signIn(ske);
    const devices = [d1, colleague, elsewhere];
    // Each catches up as the engine does (naming itself): the colleague's device gets the ärende,
    // d1 has it as it wrote it (its own writes are left out), the SKE device never sees it.
    const cursors = new Map<Dev, string>();
    for (const d of devices) {
      const { cursor, ids: held } = await feed(d, '0');
      cursors.set(d, cursor);
      if (d === colleague) expect(held).toEqual(expect.arrayContaining([arendeId, ...under]));
      else expect(held).not.toContain(arendeId);
    }
    for (const d of await devicesOf(server.forbund.id)) await d();
    expect(ids((await run(false)).removed)).toContain(arendeId);

    const gone: string[] = [arendeId, ...under].sort();
    for (const d of devices) {
      const page = await feed(d, cursors.get(d) ?? '0');
      const removed = page.removals.filter((r) => gone.includes(r.id) || r.id === responseId);
      if (d === elsewhere) expect(removed).toEqual([]);
      else {
        expect(removed.map((r) => r.id).sort()).toEqual(gone);
        expect(removed.find((r) => r.id === arendeId)?.entity).toBe('arende');
        expect(new Set(removed.map((r) => r.entity))).toEqual(
          new Set(['arende', 'samtycke', 'mote', 'atgard', 'sip', 'stegmatning']),
        );
      }
      // Delivered once: the next pull from the new cursor has none of them.
      const again = await feed(d, page.cursor);
      expect(again.removals.filter((r) => gone.includes(r.id))).toEqual([]);
    }
  });

  it('follows the rule over random ärenden and days, run after run (stateful property)', async () => {
    for (const d of await devicesOf(server.forbund.id)) await d();
    // The model starts from what the tests above left in the förbund.
    const left = await server.sql.query<{ id: string; status: string; avslutsdatum: string | null }>(
      `select id::text as id, data ->> 'status' as status, data ->> 'avslutsdatum' as avslutsdatum
         from record where entity = 'arende' and forbund_id = $1`,
      [server.forbund.id],
    );
    const alive = new Map(left.rows.map((r) => [r.id, { status: r.status, avslutsdatum: r.avslutsdatum }]));
    const DAY = 86_400_000;
    const date = fc
      .integer({ min: Date.UTC(2018, 0, 1) / DAY, max: Date.UTC(2026, 11, 31) / DAY })
      .map((d) => new Date(d * DAY).toISOString().slice(0, 10));
    let day = Date.UTC(2026, 6, 1);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.option(date, { nil: null }), { minLength: 0, maxLength: 5 }),
        fc.integer({ min: 0, max: 900 }),
        async (avslut, stepDays) => {
          const created = avslut.map((a) => ({ id: randomUUID(), a }));
          const d1 = await signIn(nor);
          if (created.length > 0)
            await d1.push(
              created.map(({ id, a }) =>
                d1.of('arende', id, a === null ? newArende(enhet('NOR'), nor.user.id) : closed(a)),
              ),
            );
          for (const { id, a } of created)
            alive.set(id, { status: a === null ? 'aktiv' : 'avslutad', avslutsdatum: a });
          day += stepDays * DAY;
          now = new Date(day + 12 * 3600_000);
          const today = now.toISOString().slice(0, 10);
          for (const d of await devicesOf(server.forbund.id)) await d();
          const expected = [...alive]
            .filter(([, x]) => x.avslutsdatum !== null && gallringsdatum(x.avslutsdatum, 3) <= today)
            .map(([id]) => id)
            .sort();
          const dry = await run(true);
          expect(ids(dry.removed)).toEqual(expected);
          expect(dry.held).toEqual([]);
          const done = await run(false);
          expect(ids(done.removed)).toEqual(expected);
          for (const id of expected) alive.delete(id);
          const left = await recordIds();
          for (const id of expected) expect(left.has(id)).toBe(false);
          for (const id of alive.keys()) expect(left.has(id)).toBe(true);
        },
      ),
      { seed: 1818, numRuns: 12 },
    );
  });
});

/** The device's feed from `cursor` to its end, named as the engine names it: ids, removals, cursor. */
async function feed(d: Dev, cursor: string) {
  const ids: string[] = [];
  const removals: { entity: string; id: string }[] = [];
  for (let at = cursor; ; ) {
    const page = await d.pull(at, 1000, { device: d.deviceId });
    ids.push(...page.changes.map((c) => String(c.record.id)));
    removals.push(...page.removals);
    at = page.cursor;
    if (!page.hasMore) return { ids, removals, cursor: at };
  }
}

/** For every device of the förbund's handläggare that can still sync: a completed sync now. */
async function devicesOf(forbundId: string): Promise<(() => Promise<void>)[]> {
  // Devices registered in the tests above; each signs in afresh and pulls under its own id.
  const { rows } = await server.sql.query<{ id: string; username: string }>(
    `select d.id::text as id, u.username from device d join app_user u on u.id = d.user_id
      where u.forbund_id = $1 and u.role = 'handlaggare' and d.revoked_at is null and d.signed_out_at is null`,
    [forbundId],
  );
  return rows.map((r) => async () => {
    await server.sql.query('update device set synced_at = $2 where id = $1', [r.id, now.toISOString()]);
  });
}
