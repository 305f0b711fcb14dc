import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestAccount, type TestServer } from '../../helpers/server';
import { device, newArende } from './support';

let server: TestServer;
let account: TestAccount;
let nor: string;

beforeAll(async () => {
  server = await createTestServer();
  account = await server.createHandlaggare({ enheter: ['NOR'] });
  nor = server.enheter.find((e) => e.kod === 'NOR')?.id ?? '';
}, 60_000);
afterAll(() => server.close());

/** One ärende at version 1, known to two devices of the same user. */
async function sharedArende() {
  const laptop = device(server, (await server.login(account.username, account.password)).token);
  const tablet = device(server, (await server.login(account.username, account.password)).token);
  const id = randomUUID();
  await laptop.push([laptop.mutation(id, newArende(nor, account.user.id), null)]);
  return { laptop, tablet, id };
}

describe('concurrent edits from two devices', () => {
  it('keeps both edits when the devices changed different fields', async () => {
    const { laptop, tablet, id } = await sharedArende();
    const a = await laptop.push([laptop.mutation(id, { kon: 'kvinna' }, 1)]);
    const b = await tablet.push([tablet.mutation(id, { sgi: 'nollplacerad' }, 1)]);
    expect(a.results[0]?.status === 'applied' && a.results[0].conflicts).toEqual([]);
    const r = b.results[0];
    expect(r?.status).toBe('applied');
    if (r?.status !== 'applied') return;
    expect(r.conflicts).toEqual([]);
    expect(r.record).toMatchObject({ kon: 'kvinna', sgi: 'nollplacerad', version: 3 });
  });

  it('keeps the server value of a field both devices changed and reports the losing value', async () => {
    const { laptop, tablet, id } = await sharedArende();
    await laptop.push([laptop.mutation(id, { aldersgrupp: '25-29', kon: 'man' }, 1)]);
    const res = await tablet.push([tablet.mutation(id, { aldersgrupp: '30-39', barnIHushallet: 'ja' }, 1)]);
    const r = res.results[0];
    expect(r?.status).toBe('applied');
    if (r?.status !== 'applied') return;
    expect(r.conflicts).toEqual([{ field: 'aldersgrupp', local: '30-39', server: '25-29' }]);
    expect(r.record).toMatchObject({ aldersgrupp: '25-29', kon: 'man', barnIHushallet: 'ja', version: 3 });
  });

  it('leaves the record and its version alone when the only change loses a conflict', async () => {
    const { laptop, tablet, id } = await sharedArende();
    await laptop.push([laptop.mutation(id, { manaderAv12: 11 }, 1)]);
    const res = await tablet.push([tablet.mutation(id, { manaderAv12: 4 }, 1)]);
    const r = res.results[0];
    expect(r?.status === 'applied' && r.record).toMatchObject({ manaderAv12: 11, version: 2 });
    expect(r?.status === 'applied' && r.conflicts).toHaveLength(1);
  });

  it('reports no conflict when both devices set the same value', async () => {
    const { laptop, tablet, id } = await sharedArende();
    await laptop.push([laptop.mutation(id, { kon: 'annat' }, 1)]);
    const res = await tablet.push([tablet.mutation(id, { kon: 'annat' }, 1)]);
    expect(res.results[0]?.status === 'applied' && res.results[0].conflicts).toEqual([]);
  });

  it('lets an edit based on the latest version overwrite the field without conflict', async () => {
    const { laptop, tablet, id } = await sharedArende();
    await laptop.push([laptop.mutation(id, { kon: 'man' }, 1)]);
    const res = await tablet.push([tablet.mutation(id, { kon: 'kvinna' }, 2)]);
    const r = res.results[0];
    expect(r?.status === 'applied' && r.record).toMatchObject({ kon: 'kvinna', version: 3 });
    expect(r?.status === 'applied' && r.conflicts).toEqual([]);
  });

  it('does not report a device’s own earlier edit as a conflict, even when its base is older', async () => {
    const dev = device(server, (await server.login(account.username, account.password)).token);
    const id = randomUUID();
    // Created and edited offline, pushed in one batch: the edit is based on version 0.
    const res = await dev.push([
      dev.mutation(id, newArende(nor, account.user.id, { kon: 'man' }), null),
      dev.mutation(id, { kon: 'kvinna' }, 0),
    ]);
    const r = res.results[1];
    expect(r?.status === 'applied' && r.conflicts).toEqual([]);
    expect(r?.status === 'applied' && r.record).toMatchObject({ kon: 'kvinna', version: 2 });
  });

  it('still reports a conflict when another device changed the field after this device did', async () => {
    const { laptop, tablet, id } = await sharedArende();
    await tablet.push([tablet.mutation(id, { kon: 'man' }, 1)]);
    const res = await laptop.push([laptop.mutation(id, { kon: 'kvinna' }, 1)]);
    expect(res.results[0]?.status === 'applied' && res.results[0].conflicts).toEqual([
      { field: 'kon', local: 'kvinna', server: 'man' },
    ]);
  });
});
