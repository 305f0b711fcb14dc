// A koordinator opens a half-year round from the device: through the real API client into the
// in-process server; the device's cached rounds are refreshed; no network and refusals come back as
// outcomes the form can word.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getOpenRounds } from '../../../src/db/rounds-repo';
import { loginDevice, switchableFetch } from '../../helpers/field-device';
import { createTestServer, type TestServer } from '../../helpers/server';

let server: TestServer;

beforeEach(async () => {
  server = await createTestServer();
}, 60_000);
afterEach(async () => {
  await server.close();
});

describe('opening a half-year round from the device', () => {
  it('opens it online and lists it; offline says so and opens nothing; a second one for the period is refused', async () => {
    const k = await server.createHandlaggare({ enheter: ['NOR', 'SKE'], role: 'koordinator' });
    const net = switchableFetch(server.fetch);
    const dev = await loginDevice(net.fetch, k.username, k.password);
    const enhetIds = dev.user.enheter.map((e) => e.id);
    const req = { period: '2026H2', enhetIds, formIds: ['F-ST-HALVÅR' as const, 'F-CG-HALVÅR' as const] };

    net.down();
    expect(await dev.faltsam.openRound(req)).toEqual({ ok: false, kind: 'offline' });
    expect(await getOpenRounds(dev.db)).toEqual([]);
    expect((await server.sql.query('select 1 from survey_round')).rows).toHaveLength(0);

    net.up();
    const opened = await dev.faltsam.openRound(req);
    expect(opened).toMatchObject({ ok: true, round: { period: '2026H2' } });
    const kept = await getOpenRounds(dev.db);
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({ period: '2026H2', formIds: ['F-ST-HALVÅR', 'F-CG-HALVÅR'] });
    expect(kept[0]?.enheter.map((e) => e.kod).sort()).toEqual(['NOR', 'SKE']);

    expect(await dev.faltsam.openRound(req)).toMatchObject({
      ok: false,
      kind: 'refused',
      status: 409,
      message: 'Det finns redan en enkätomgång för 2026H2 i förbundet.',
    });
    expect(await getOpenRounds(dev.db)).toHaveLength(1);
  });

  it('is refused for a handläggare', async () => {
    const h = await server.createHandlaggare({ enheter: ['NOR'] });
    const dev = await loginDevice(server.fetch, h.username, h.password);
    const outcome = await dev.faltsam.openRound({
      period: '2026H1',
      enhetIds: [dev.user.enheter[0]?.id ?? ''],
      formIds: ['F-IP-HALVÅR'],
    });
    expect(outcome).toMatchObject({ ok: false, kind: 'refused', status: 403 });
    expect(await getOpenRounds(dev.db)).toEqual([]);
  });
});
