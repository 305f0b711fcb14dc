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

/** The record as the server holds it, through a pull (push answers hold no record content). */
async function pulled(dev: ReturnType<typeof device>, id: string, cursor = '0') {
  const page = await dev.pull(cursor, 1000);
  return page.changes.find((c) => c.record.id === id)?.record;
}

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
    expect(r.version).toBe(3);
    expect(await pulled(tablet, id)).toMatchObject({ kon: 'kvinna', sgi: 'nollplacerad', version: 3 });
  });

  it('keeps the server value of a field both devices changed and reports the losing value', async () => {
    const { laptop, tablet, id } = await sharedArende();
    await laptop.push([laptop.mutation(id, { aldersgrupp: '25-29', kon: 'man' }, 1)]);
    const res = await tablet.push([tablet.mutation(id, { aldersgrupp: '30-39', barnIHushallet: 'ja' }, 1)]);
    const r = res.results[0];
    expect(r?.status).toBe('applied');
    if (r?.status !== 'applied') return;
    // By field name only: the answer holds no value, neither the device's nor the server's.
    expect(r.conflicts).toEqual([{ field: 'aldersgrupp' }]);
    expect(r.version).toBe(3);
    expect(JSON.stringify(res)).not.toMatch(/25-29|30-39|"ja"/);
    expect(await pulled(tablet, id)).toMatchObject({
      aldersgrupp: '25-29',
      kon: 'man',
      barnIHushallet: 'ja',
      version: 3,
    });
  });

  it('leaves the record and its version alone when the only change loses a conflict', async () => {
    const { laptop, tablet, id } = await sharedArende();
    await laptop.push([laptop.mutation(id, { manaderAv12: 11 }, 1)]);
    // The tablet has already pulled version 2 when its losing edit arrives.
    const { cursor } = await tablet.pull('0', 1000);
    const res = await tablet.push([tablet.mutation(id, { manaderAv12: 4 }, 1)]);
    const r = res.results[0];
    expect(r).toMatchObject({ status: 'applied', version: 2, conflicts: [{ field: 'manaderAv12' }] });
    // Unchanged, yet pulled again: the device gets the value the server kept.
    expect(await pulled(tablet, id, cursor)).toMatchObject({ manaderAv12: 11, version: 2 });
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
    expect(res.results[0]).toMatchObject({ status: 'applied', version: 3, conflicts: [] });
    expect(await pulled(tablet, id)).toMatchObject({ kon: 'kvinna', version: 3 });
  });

  it('does not report a device’s own earlier edit as a conflict, even when its base is older', async () => {
    const dev = device(server, (await server.login(account.username, account.password)).token);
    const id = randomUUID();
    // Created and edited offline, pushed in one batch: the edit is based on version 0.
    const res = await dev.push([
      dev.mutation(id, newArende(nor, account.user.id, { kon: 'man' }), null),
      dev.mutation(id, { kon: 'kvinna' }, 0),
    ]);
    expect(res.results[1]).toMatchObject({ status: 'applied', version: 2, conflicts: [] });
    expect(await pulled(dev, id)).toMatchObject({ kon: 'kvinna', version: 2 });
  });

  it('still reports a conflict when another device changed the field after this device did', async () => {
    const { laptop, tablet, id } = await sharedArende();
    await tablet.push([tablet.mutation(id, { kon: 'man' }, 1)]);
    const res = await laptop.push([laptop.mutation(id, { kon: 'kvinna' }, 1)]);
    expect(res.results[0]?.status === 'applied' && res.results[0].conflicts).toEqual([{ field: 'kon' }]);
  });
});

describe('who last changed a field, as stored (store/field-writers.ts)', () => {
  /** Rewrites the row's field_writers as rows written before the compact form hold them. */
  const asOlderRows = (id: string) =>
    server.sql.query(
      `update record set field_writers = (
         select coalesce(jsonb_object_agg(k, coalesce(field_writers ->> k, field_writers -> '*' ->> 0)), '{}')
           from jsonb_object_keys(field_versions) k)
        where id = $1`,
      [id],
    );

  it('stores the creating device once for a new ärende', async () => {
    const { laptop, id } = await sharedArende();
    const { rows } = await server.sql.query('select field_writers from record where id = $1', [id]);
    expect(rows[0]?.field_writers).toEqual({ '*': [laptop.deviceId] });
  });

  it.each([
    ['as written now', false],
    ['as older rows hold it', true],
  ])('tells a device’s own earlier edit from another device’s (%s)', async (_, old) => {
    const { laptop, tablet, id } = await sharedArende();
    if (old) await asOlderRows(id);
    await tablet.push([tablet.mutation(id, { kon: 'man' }, 1)]);
    if (old) await asOlderRows(id);
    const own = await tablet.push([tablet.mutation(id, { kon: 'annat', sgi: 'nollplacerad' }, 1)]);
    expect(own.results[0]).toMatchObject({ status: 'applied', version: 3, conflicts: [] });
    if (old) await asOlderRows(id);
    const other = await laptop.push([laptop.mutation(id, { kon: 'kvinna', aldersgrupp: '25-29' }, 1)]);
    expect(other.results[0]).toMatchObject({ status: 'applied', version: 4, conflicts: [{ field: 'kon' }] });
    expect(await pulled(laptop, id)).toMatchObject({
      kon: 'annat',
      sgi: 'nollplacerad',
      aldersgrupp: '25-29',
    });
  });
});
