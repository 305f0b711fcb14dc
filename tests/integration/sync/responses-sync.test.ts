import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  getHandoverLock,
  HandoverUnavailableError,
  handoverDraft,
  lockAfterIdle,
  responseTally,
  startHandover,
  startNextRespondent,
  submitHandoverResponse,
  submitStaffResponse,
  unlockHandover,
} from '../../../src/db/handover-repo';
import { getOpenRounds } from '../../../src/db/rounds-repo';
import { checkStoreSecret, getKeyEnvelope, isUnlocked, lockStore } from '../../../src/db/store-key';
import { INSTRUMENT_VERSION, type SurveyResponseDraft } from '../../../src/domain/instrument';
import { ValidationError } from '../../../src/domain/validation';
import { bareDb } from '../../helpers/device';
import { type FieldDevice, loginDevice, switchableFetch } from '../../helpers/field-device';
import { createTestServer, type TestAccount, type TestServer } from '../../helpers/server';

let server: TestServer;
let handlaggare: TestAccount;

beforeEach(async () => {
  server = await createTestServer();
  handlaggare = await server.createHandlaggare({ enheter: ['NOR'] });
}, 60_000);
afterEach(async () => {
  await server.close();
});

async function serverResponses() {
  const { rows } = await server.sql.query<{ answers: Record<string, number>; arende_id: string | null }>(
    'select answers, arende_id from survey_response',
  );
  return rows;
}

/** What the device still holds of responses: records and outbox entries. */
async function localResponses(dev: FieldDevice) {
  const records = await dev.db.records.where('entity').equals('response').count();
  const outbox = (await dev.db.outbox.toArray()).filter((e) => e.entity === 'response').length;
  return { records, outbox };
}

async function handOver(dev: FieldDevice, arendeId: string, answers: SurveyResponseDraft['answers']) {
  const lock = await startHandover(dev.db, {
    formId: 'F-D-UNDER',
    target: { kind: 'arende', arendeId },
    returnTo: `#/arenden/${arendeId}`,
  });
  await submitHandoverResponse(dev.db, handoverDraft(lock, answers, 'sjalv'));
}

describe('enkät responses between device and server', () => {
  it('makes the login password the unlock secret at the first login, which unlocks offline and refuses another', async () => {
    const dev = await loginDevice(server.fetch, handlaggare.username, handlaggare.password);
    const envelope = await getKeyEnvelope(dev.db);
    expect(envelope?.kdf.iterations).toBeGreaterThan(0);
    const again = await loginDevice(server.fetch, handlaggare.username, handlaggare.password);
    expect((await getKeyEnvelope(again.db))?.kdf.salt).not.toBe(envelope?.kdf.salt);
    const stored = JSON.stringify(await dev.db.meta.toArray());
    expect(stored).not.toContain(handlaggare.password);
    lockStore(dev.db);
    expect(await checkStoreSecret(dev.db, `${handlaggare.password}x`)).toBe(false);
    expect(await checkStoreSecret(dev.db, '')).toBe(false);
    expect(isUnlocked(dev.db)).toBe(false);
    expect(await checkStoreSecret(dev.db, handlaggare.password)).toBe(true);
    expect(isUnlocked(dev.db)).toBe(true);
  });

  it('sends a handed-over response once and keeps no copy of its answers, only the count', async () => {
    const net = switchableFetch(server.fetch);
    const dev = await loginDevice(net.fetch, handlaggare.username, handlaggare.password);
    const arende = await dev.create();
    net.down();
    await handOver(dev, arende.id, { M01: 4, M03: 1, M14: 5 });
    expect((await getHandoverLock(dev.db))?.phase).toBe('tack');
    expect(await localResponses(dev)).toEqual({ records: 1, outbox: 1 });
    expect(await dev.faltsam.syncNow()).toMatchObject({ ok: false, kind: 'network' });

    net.up();
    expect(await dev.faltsam.syncNow()).toMatchObject({ ok: true, pushed: 2, rejected: 0 });
    expect(await serverResponses()).toEqual([{ answers: { M01: 4, M03: 1, M14: 5 }, arende_id: arende.id }]);
    expect(await localResponses(dev)).toEqual({ records: 0, outbox: 0 });
    expect(await responseTally(dev.db, arende.id)).toEqual({ deltagare: 1, personal: 0 });
    // Nothing on the device holds the answers any longer (the count is all that is left).
    const everything = JSON.stringify([await dev.db.records.toArray(), await dev.db.meta.toArray()]);
    expect(everything).not.toContain('M03');
  });

  it('stores a response exactly once when the reply to its push is lost', async () => {
    const net = switchableFetch(server.fetch);
    const dev = await loginDevice(net.fetch, handlaggare.username, handlaggare.password);
    const arende = await dev.create();
    await dev.faltsam.syncNow();
    await handOver(dev, arende.id, { M18: 2 });
    net.failNext(async (input, init) => {
      await server.fetch(input, init);
      throw new TypeError('connection reset');
    });
    expect(await dev.faltsam.syncNow()).toMatchObject({ ok: false, kind: 'network' });
    expect(await localResponses(dev)).toEqual({ records: 1, outbox: 1 });
    expect(await dev.faltsam.syncNow()).toMatchObject({ ok: true });
    expect(await serverResponses()).toHaveLength(1);
    expect(await localResponses(dev)).toEqual({ records: 0, outbox: 0 });
  });

  it('sends a personal form answered in normal mode and counts it apart from the deltagare’s', async () => {
    const dev = await loginDevice(server.fetch, handlaggare.username, handlaggare.password);
    const arende = await dev.create();
    await submitStaffResponse(dev.db, {
      id: crypto.randomUUID(),
      instrumentVersion: INSTRUMENT_VERSION,
      formId: 'F-P-UNDER',
      arendeId: arende.id,
      answers: { M15: 3 },
    });
    expect(await dev.faltsam.syncNow()).toMatchObject({ ok: true });
    expect(await serverResponses()).toEqual([{ answers: { M15: 3 }, arende_id: arende.id }]);
    expect(await responseTally(dev.db, arende.id)).toEqual({ deltagare: 0, personal: 1 });
  });

  it('caches open rounds on a koordinator’s device and sends its half-year responses anonymous', async () => {
    const k = await server.createHandlaggare({ enheter: ['NOR'], role: 'koordinator' });
    const nor = server.enheter.find((e) => e.kod === 'NOR')?.id ?? '';
    const { token } = await server.login(k.username, k.password);
    const opened = await server.fetch('/api/rounds', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ period: '2026H2', enhetIds: [nor], formIds: ['F-FC-HALVÅR'] }),
    });
    expect(opened.status).toBe(201);
    const dev = await loginDevice(server.fetch, k.username, k.password);
    const [round] = await getOpenRounds(dev.db);
    expect(round).toMatchObject({ period: '2026H2', formIds: ['F-FC-HALVÅR'] });

    const lock = await startHandover(dev.db, {
      formId: 'F-FC-HALVÅR',
      target: { kind: 'round', period: '2026H2', enhetId: nor },
      returnTo: '#/halvar',
    });
    await submitHandoverResponse(dev.db, handoverDraft(lock, { M19: 4 }, null));
    await startNextRespondent(dev.db);
    const next = await getHandoverLock(dev.db);
    expect(next?.phase).toBe('answering');
    await submitHandoverResponse(dev.db, handoverDraft(lock, { M17a: 2 }, null));
    expect(await dev.faltsam.syncNow()).toMatchObject({ ok: true, pushed: 2 });
    const { rows } = await server.sql.query<Record<string, unknown>>(
      'select arende_id, respondent_group, enhet_id, answers from survey_response order by answers::text',
    );
    expect(rows).toEqual([
      { arende_id: null, respondent_group: 'forbundschef', enhet_id: nor, answers: { M17a: 2 } },
      { arende_id: null, respondent_group: 'forbundschef', enhet_id: nor, answers: { M19: 4 } },
    ]);
  });
});

describe('hand-over lock on the device', () => {
  async function deviceWithVerifier() {
    const dev = await loginDevice(server.fetch, handlaggare.username, handlaggare.password);
    return { dev, arende: await dev.create() };
  }

  it('does not start without a way to unlock offline, nor with a form that does not fit', async () => {
    const db = bareDb();
    const target = { kind: 'arende' as const, arendeId: crypto.randomUUID() };
    await expect(startHandover(db, { formId: 'F-D-AVSLUT', target, returnTo: '#/' })).rejects.toMatchObject({
      reason: 'no_verifier',
    });
    const { dev, arende } = await deviceWithVerifier();
    const wrong = startHandover(dev.db, {
      formId: 'F-P-UNDER',
      target: { kind: 'arende', arendeId: arende.id },
      returnTo: '#/',
    });
    await expect(wrong).rejects.toBeInstanceOf(HandoverUnavailableError);
    expect(await getHandoverLock(dev.db)).toBeNull();
  });

  it('closes an idle questionnaire to the locked screen and refuses an invalid draft without storing it', async () => {
    const { dev, arende } = await deviceWithVerifier();
    const lock = await startHandover(dev.db, {
      formId: 'F-D-UNDER',
      target: { kind: 'arende', arendeId: arende.id },
      returnTo: '#/',
    });
    await expect(
      submitHandoverResponse(dev.db, handoverDraft(lock, { M02: 3 }, 'sjalv')),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(await localResponses(dev)).toEqual({ records: 0, outbox: 0 });
    expect((await getHandoverLock(dev.db))?.phase).toBe('answering');
    await lockAfterIdle(dev.db);
    expect((await getHandoverLock(dev.db))?.phase).toBe('idle');
  });

  it('unlocks only with the password and slows guessing after five wrong ones', async () => {
    const { dev, arende } = await deviceWithVerifier();
    await startHandover(dev.db, {
      formId: 'F-D-UNDER',
      target: { kind: 'arende', arendeId: arende.id },
      returnTo: `#/arenden/${arende.id}`,
    });
    const now = new Date('2026-09-14T10:00:00.000Z');
    for (let i = 1; i <= 4; i++)
      expect(await unlockHandover(dev.db, 'fel', now)).toEqual({
        ok: false,
        reason: 'wrong',
        retryAfter: null,
      });
    const fifth = await unlockHandover(dev.db, 'fel', now);
    expect(fifth).toMatchObject({ ok: false, reason: 'wrong', retryAfter: '2026-09-14T10:00:30.000Z' });
    expect(await unlockHandover(dev.db, handlaggare.password, now)).toMatchObject({
      ok: false,
      reason: 'wait',
    });
    expect(await getHandoverLock(dev.db)).not.toBeNull();
    const later = new Date('2026-09-14T10:01:00.000Z');
    expect(await unlockHandover(dev.db, handlaggare.password, later)).toEqual({
      ok: true,
      returnTo: `#/arenden/${arende.id}`,
    });
    expect(await getHandoverLock(dev.db)).toBeNull();
  });
});
