import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAggregates } from '../../../src/db/aggregates-repo';
import { isSuppressed } from '../../../src/domain/aggregation/disclosure';
import { fetchAggregates } from '../../../src/sync/aggregates';
import { type FieldDevice, loginDevice, switchableFetch } from '../../helpers/field-device';
import { createTestServer, type TestServer } from '../../helpers/server';

let server: TestServer;
let field: FieldDevice;

beforeAll(async () => {
  server = await createTestServer();
  const a = await server.createHandlaggare({ enheter: ['NOR'] });
  field = await loginDevice(server.fetch, a.username, a.password);
  for (let i = 0; i < 3; i++) await field.create({ startdatum: '2026-01-10' });
  await field.faltsam.syncNow();
}, 60_000);
afterAll(() => server.close());

describe('the koordinator’s device keeps the last aggregates', () => {
  it('stores what it fetched with the time, keeps it when offline and says why', async () => {
    const k = await server.createHandlaggare({ enheter: ['NOR', 'SKE'], role: 'koordinator' });
    const net = switchableFetch(server.fetch);
    const dev = await loginDevice(net.fetch, k.username, k.password);
    expect(await getAggregates(dev.db)).toBeNull();

    const now = new Date('2026-03-02T08:00:00Z');
    const first = await fetchAggregates(dev.db, {
      fetch: net.fetch,
      period: '2026H1',
      date: '2026-03-01',
      now: () => now,
    });
    expect(first.ok).toBe(true);
    const kept = await getAggregates(dev.db);
    expect(kept?.fetchedAt).toBe(now.toISOString());
    expect(kept?.data.kartlaggning.enhet.total).toEqual({ suppressed: true }); // 3 ärenden
    expect(isSuppressed(kept?.data.kartlaggning.enhet.cells[0])).toBe(true);

    net.down();
    const offline = await fetchAggregates(dev.db, { fetch: net.fetch, period: '2026H2', date: '2026-09-01' });
    expect(offline).toEqual({
      ok: false,
      kind: 'offline',
      message: 'Ingen anslutning till servern. Uppgifterna som visas är de som hämtades senast.',
    });
    expect(await getAggregates(dev.db)).toEqual(kept);
  });

  it('gives a handläggare the server’s refusal and keeps nothing', async () => {
    const refused = await fetchAggregates(field.db, {
      fetch: server.fetch,
      period: '2026H1',
      date: '2026-03-01',
    });
    expect(refused).toEqual({
      ok: false,
      kind: 'refused',
      message: 'Bara en koordinator kan se sammanställningarna.',
    });
    expect(await getAggregates(field.db)).toBeNull();
  });
});
