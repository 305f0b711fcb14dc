/**
 * `faltsam gallra` as an operator runs it, a child process beside a production server: the dry
 * run lists exactly the closed ärenden past their gallringsdatum and those waiting for a device,
 * and removes nothing; the run removes exactly those, and a device's next pull no longer carries
 * them; a second run finds nothing. Wrong usage gets status 2, an unknown förbund status 1, and no
 * run ever prints content. Synthetic data only.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_BEHOVSGRUPPER } from '../../../src/domain/arende';
import { createUser } from '../../../src/server/auth/users';
import { migrate } from '../../../src/server/store/migrate';
import { openPglite, openPostgres, type Sql } from '../../../src/server/store/sql';
import { createEnhet, createForbund } from '../../../src/server/store/tenants';
import { runFaltsam, type ServerProcess, startServerProcess } from '../../helpers/processes';
import { databaseKind, openTestDatabase, type TestDatabase } from '../../helpers/test-database';
import { device, newArende } from './support';

let dataDir: string;
let db: TestDatabase | undefined;
let env: Record<string, string | undefined>;
let server: ServerProcess;
const password = `test-losenord-${randomUUID()}`;
const NOTE = 'Anteckning som aldrig får synas i en utskrift';
let forbundId = '';
let enhetId = '';
const users: { id: string; username: string }[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'faltsam-gallra-'));
  if (databaseKind() === 'postgres') db = await openTestDatabase({ migrated: false });
  env = { DATA_DIR: dataDir, DATABASE_URL: db?.url, NODE_ENV: 'production' };
  // The förbund, its enhet, two handläggare and a gallring period of two years, before the server.
  const sql: Sql = db ? await openPostgres(db.url ?? '') : await openPglite(join(dataDir, 'pgdata'));
  try {
    await migrate(sql);
    const forbund = await createForbund(sql, {
      namn: 'Gallringsförbundet',
      behovsgrupper: DEFAULT_BEHOVSGRUPPER,
    });
    forbundId = forbund.id;
    enhetId = (await createEnhet(sql, { forbundId, namn: 'Norsjö kommun', kod: 'NOR' })).id;
    for (const username of ['gallra-a', 'gallra-b'])
      users.push(
        await createUser(
          sql,
          { forbundId, username, displayName: username, role: 'handlaggare', password, enhetIds: [enhetId] },
          { log2N: 12, r: 8, p: 1 },
        ),
      );
    await sql.query('update forbund set gallring_ar = 2 where id = $1', [forbundId]);
  } finally {
    await sql.close();
  }
  server = await startServerProcess({ ...env, STATIC_DIR: join(dataDir, 'ingen-build') });
}, 180_000);
afterAll(async () => {
  await server?.stop();
  await db?.close();
  await rm(dataDir, { recursive: true, force: true });
});

const http = {
  fetch: (input: RequestInfo | URL, init?: RequestInit) => fetch(new URL(String(input), server.url), init),
};
async function signIn(username: string) {
  const res = await http.fetch('/api/sessions', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  expect(res.status).toBe(201);
  return device(http as never, ((await res.json()) as { token: string }).token);
}
const closed = (handlaggareId: string, avslutsdatum: string) =>
  newArende(enhetId, handlaggareId, {
    startdatum: '2000-01-01',
    status: 'avslutad',
    avslutsdatum,
    avslutsorsak: 'arbete',
    anteckningar: NOTE,
  });
const pulledIds = async (dev: Awaited<ReturnType<typeof signIn>>) => {
  const res = await http.fetch(`/api/sync/pull?cursor=0&limit=1000&deviceId=${dev.deviceId}`, {
    headers: { Authorization: `Bearer ${dev.token}` },
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { changes: { record: { id: string } }[] };
  return body.changes.map((c) => c.record.id).sort();
};

describe('faltsam gallra', () => {
  const due = randomUUID();
  const notYet = randomUUID();
  const held = randomUUID();

  it('lists in a dry run exactly what is due and what waits for a device, and removes nothing', async () => {
    const a = await signIn('gallra-a');
    const b = await signIn('gallra-b');
    const [ua, ub] = users as unknown as [{ id: string }, { id: string }];
    const pushA = await a.push([
      { ...a.mutation(due, closed(ua.id, '2020-03-01'), null), entity: 'arende' },
      { ...a.mutation(notYet, closed(ua.id, '2026-10-01'), null), entity: 'arende' },
    ]);
    expect(pushA.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    // b writes one too and then never syncs again: it may hold changes to every ärende of NOR.
    const pushB = await b.push([
      { ...b.mutation(held, closed(ub.id, '2020-04-01'), null), entity: 'arende' },
    ]);
    expect(pushB.results[0]?.status).toBe('applied');
    // a's pull names it: what it wrote itself and holds is left out (issue 15), b's ärende comes.
    expect(await pulledIds(a)).toEqual([held]);

    const ran = await runFaltsam(['gallra', '--dry-run'], { env });
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(0);
    expect(ran.stdout).toContain('provkörning: 0 ärenden skulle tas bort, 2 väntar på synk');
    expect(ran.stdout).toContain(`väntar: ${due}`);
    expect(ran.stdout).toContain(`väntar: ${held}`);
    expect(ran.stdout).not.toContain(notYet);
    expect(ran.stdout).not.toContain(NOTE);

    // b syncs: now nothing holds the two back.
    await pulledIds(b);
    const dry = await runFaltsam(['gallra', '--dry-run', '--forbund', 'gallringsförbundet', '--json'], {
      env,
    });
    expect(dry.code).toBe(0);
    const [result] = (JSON.parse(dry.stdout) as { forbund: { removed: { arendeId: string }[] }[] }).forbund;
    expect(result?.removed.map((r) => r.arendeId).sort()).toEqual([due, held].sort());
    expect(await pulledIds(a)).toEqual([held]);
  }, 180_000);

  it('removes exactly what is due; the next run finds nothing', async () => {
    const ran = await runFaltsam(['gallra', '--forbund', forbundId], { env });
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(0);
    expect(ran.stdout).toContain('2 ärenden borttagna, 0 väntar på synk');
    expect(ran.stdout).toContain(`borttaget: ${due}`);
    expect(ran.stdout).toContain(`borttaget: ${held}`);
    expect(ran.stdout).not.toContain(NOTE);
    const fresh = await signIn('gallra-a');
    expect(await pulledIds(fresh)).toEqual([notYet]);

    const again = await runFaltsam(['gallra', '--lang', 'en'], { env });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('0 cases removed, 0 wait for a sync');
  }, 180_000);

  it('refuses wrong usage and an unknown förbund, in Swedish, without touching anything', async () => {
    const extra = await runFaltsam(['gallra', 'nu'], { env });
    expect(extra.code).toBe(2);
    expect(extra.stderr).toContain('npx faltsam --help');
    const unknown = await runFaltsam(['gallra', '--forbund', 'Inget sådant förbund'], { env });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Det finns inget förbund Inget sådant förbund.');
    const otherId = await runFaltsam(['gallra', '--forbund', randomUUID().toUpperCase()], { env });
    expect(otherId.code).toBe(1);
    const hostile = await runFaltsam(['gallra', '--forbund', `x${'\u{1F600}'.repeat(300)}`], { env });
    expect(hostile.code).toBe(1);
    expect(hostile.stderr).not.toMatch(/at .*\.ts:\d+/); // no stack trace
  }, 180_000);
});
