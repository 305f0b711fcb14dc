import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAggregates } from '../../../src/db/aggregates-repo';
import { isHidden } from '../../../src/domain/aggregation/cell-key';
import { fetchAggregates } from '../../../src/sync/aggregates';
import { type FieldDevice, loginDevice, switchableFetch } from '../../helpers/field-device';
import { createTestServer, type TestServer } from '../../helpers/server';

let server: TestServer;
let field: FieldDevice;
let now = new Date('2026-03-20T08:00:00Z');

beforeAll(async () => {
  server = await createTestServer({ clock: () => now });
  const a = await server.createHandlaggare({ enheter: ['NOR'] });
  field = await loginDevice(server.fetch, a.username, a.password);
  for (let i = 0; i < 3; i++) await field.create({ startdatum: '2026-01-10' });
  await field.faltsam.syncNow();
  now = new Date('2026-04-10T08:00:00Z');
}, 60_000);
afterAll(() => server.close());

describe('the koordinator’s device keeps the last releases', () => {
  it('stores what it fetched with the time and the periods, keeps it when offline and says why', async () => {
    const k = await server.createHandlaggare({ enheter: ['NOR', 'SKE'], role: 'koordinator' });
    const net = switchableFetch(server.fetch);
    const dev = await loginDevice(net.fetch, k.username, k.password);
    expect(await getAggregates(dev.db)).toBeNull();

    const fetched = new Date('2026-04-10T09:00:00Z');
    const first = await fetchAggregates(dev.db, { fetch: net.fetch, now: () => fetched });
    expect(first.ok).toBe(true);
    const kept = await getAggregates(dev.db);
    expect(kept?.fetchedAt).toBe(fetched.toISOString());
    // The newest closed periods: March (5 days past its end) and 2025H2.
    expect([kept?.month, kept?.period]).toEqual(['2026-03', '2025H2']);
    expect(kept?.periods.manader[0]).toBe('2026-03');
    expect(kept?.data.kartlaggning.date).toBe('2026-03-31');
    expect(isHidden(kept?.data.kartlaggning.enhet.total)).toBe(true); // 3 ärenden
    // A period that has no release is not asked for: the newest is taken instead.
    const again = await fetchAggregates(dev.db, { fetch: net.fetch, month: '2026-04', period: '2025H2' });
    expect(again.ok && again.stored.month).toBe('2026-03');

    net.down();
    const offline = await fetchAggregates(dev.db, { fetch: net.fetch, period: '2025H1', month: '2026-02' });
    expect(offline).toEqual({
      ok: false,
      kind: 'offline',
      message: 'Ingen anslutning till servern. Uppgifterna som visas är de som hämtades senast.',
    });
    expect((await getAggregates(dev.db))?.month).toBe('2026-03');
  });

  it('gives a handläggare the server’s refusal and keeps nothing', async () => {
    const refused = await fetchAggregates(field.db, { fetch: server.fetch });
    expect(refused).toEqual({
      ok: false,
      kind: 'refused',
      message: 'Bara en koordinator kan se sammanställningarna.',
    });
    expect(await getAggregates(field.db)).toBeNull();
  });
});
