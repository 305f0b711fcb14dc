import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadKonsultationer, saveKonsultation } from '../../../src/db/konsultation-repo';
import { emptyKonsultationsfall } from '../../../src/domain/konsultation';
import { ValidationError } from '../../../src/domain/validation';
import { loginDevice, switchableFetch } from '../../helpers/field-device';
import { konsultationsfall, konsultationsmote } from '../../helpers/konsultation';
import { createTestServer, type TestAccount, type TestServer } from '../../helpers/server';
import { device, newArende } from '../server/support';

let server: TestServer;
let koordinator: TestAccount;

beforeEach(async () => {
  server = await createTestServer();
  koordinator = await server.createHandlaggare({ enheter: ['NOR'], role: 'koordinator' });
}, 60_000);
afterEach(() => server.close());

const { moteId: _m, nr: _n, ...fallDraft } = konsultationsfall(randomUUID());

describe('konsultationsteam records through the sync engine', () => {
  it('stores a meeting and its summaries offline, then pushes them once and a second laptop pulls them', async () => {
    const net = switchableFetch(server.fetch);
    const laptop = await loginDevice(net.fetch, koordinator.username, koordinator.password);
    net.down();
    const moteId = await saveKonsultation(laptop.db, {
      forbundId: laptop.user.forbund.id,
      mote: konsultationsmote(),
      fall: [fallDraft, { ...fallDraft, lyftAv: 'fk', utfall: 'rad_losning' }],
    });
    const offline = await loadKonsultationer(laptop.db);
    expect(offline).toHaveLength(1);
    expect(offline[0]?.sync.state).toBe('ej_synkad');
    expect(offline[0]?.fall.map((f) => [f.moteId, f.lyftAv])).toEqual([
      [moteId, 'af'],
      [moteId, 'fk'],
    ]);
    expect(await laptop.faltsam.syncNow()).toMatchObject({ ok: false, kind: 'network' });

    net.up();
    expect(await laptop.faltsam.syncNow()).toMatchObject({ ok: true });
    expect((await loadKonsultationer(laptop.db))[0]?.fall.map((f) => f.sync.state)).toEqual([
      'synkad',
      'synkad',
    ]);
    const { rows } = await server.sql.query<{ entity: string; n: number }>(
      `select entity, count(*)::int as n from record where entity like 'konsultation%' group by entity order by entity`,
    );
    expect(rows).toEqual([
      { entity: 'konsultationsfall', n: 2 },
      { entity: 'konsultationsmote', n: 1 },
    ]);

    const second = await loginDevice(server.fetch, koordinator.username, koordinator.password);
    expect(await second.faltsam.syncNow()).toMatchObject({ ok: true });
    expect((await loadKonsultationer(second.db))[0]?.fall).toHaveLength(2);
  });

  it('validates everything before storing anything, with errors per case summary', async () => {
    const laptop = await loginDevice(server.fetch, koordinator.username, koordinator.password);
    const save = saveKonsultation(laptop.db, {
      forbundId: laptop.user.forbund.id,
      mote: konsultationsmote({ narvarande: [] }),
      fall: [fallDraft, { ...emptyKonsultationsfall(), aktuellSedan: '2026-03-14' }],
    });
    await expect(save).rejects.toBeInstanceOf(ValidationError);
    const err = (await save.catch((e: unknown) => e)) as ValidationError;
    expect(Object.keys(err.fields).sort()).toEqual([
      'fall-1-aktuellSedan',
      'fall-1-fraga',
      'fall-1-sammanfattning',
      'fall-1-utfall',
      'narvarande',
    ]);
    expect(await laptop.db.records.count()).toBe(0);
    expect(await laptop.db.outbox.count()).toBe(0);
  });

  it('shows the server’s refusal of an age band on the summary, and a corrected save goes through', async () => {
    const laptop = await loginDevice(server.fetch, koordinator.username, koordinator.password);
    const input = {
      forbundId: laptop.user.forbund.id,
      mote: konsultationsmote(),
      fall: [{ ...fallDraft, aldersgrupp: '60-64' as const }],
    };
    const moteId = await saveKonsultation(laptop.db, input);
    await laptop.faltsam.syncNow();
    const refused = (await loadKonsultationer(laptop.db))[0]?.fall[0];
    expect(refused?.sync).toMatchObject({
      state: 'avvisad',
      error: { code: 'for_fa_arenden', fields: { aldersgrupp: expect.stringMatching(/färre än 5/) } },
    });

    // Five active ärenden of that age band reach the server: the band may now be given.
    const h = await server.createHandlaggare({ enheter: ['NOR'] });
    const hDev = device(server, (await server.login(h.username, h.password)).token);
    const nor = server.enheter.find((e) => e.kod === 'NOR')?.id ?? '';
    await hDev.push(
      Array.from({ length: 5 }, () => ({
        ...hDev.mutation(randomUUID(), newArende(nor, h.user.id, { aldersgrupp: '60-64' }), null),
      })),
    );
    await saveKonsultation(laptop.db, {
      ...input,
      moteId,
      fall: [{ ...input.fall[0], id: refused?.id, fraga: 'Vem kan bedöma arbetsförmågan nu?' }],
    } as Parameters<typeof saveKonsultation>[1]);
    expect(await laptop.faltsam.syncNow()).toMatchObject({ ok: true });
    const fixed = (await loadKonsultationer(laptop.db))[0]?.fall[0];
    expect(fixed?.sync.state).toBe('synkad');
    const { rows } = await server.sql.query<{ data: { aldersgrupp: string; fraga: string } }>(
      'select data from record where id = $1',
      [refused?.id],
    );
    expect(rows[0]?.data).toMatchObject({ aldersgrupp: '60-64', fraga: 'Vem kan bedöma arbetsförmågan nu?' });
  });
});
