import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordMote, recordStegmatningar } from '../../../src/db/casework-actions';
import { createRecord } from '../../../src/db/casework-repo';
import { submitStaffResponse } from '../../../src/db/handover-repo';
import { isSuppressed } from '../../../src/domain/aggregation/disclosure';
import {
  KarnindikatorReport,
  KartlaggningReport,
  MotenReport,
  ProgressionReport,
  SipReport,
} from '../../../src/domain/aggregation/report';
import { INSTRUMENT_VERSION, type SurveyResponseDraft } from '../../../src/domain/instrument';
import { completeSip, sipSamtycke, trepartssamtal } from '../../helpers/casework';
import { type FieldDevice, loginDevice } from '../../helpers/field-device';
import { createTestServer, type TestAccount, type TestServer } from '../../helpers/server';

let server: TestServer;
let koordinator: TestAccount;
let nor: FieldDevice;
let ske: FieldDevice;
const arendeIds: string[] = [];
const codes: string[] = [];
const recordIds: string[] = [];
const MARCH = new Date('2026-03-15T10:00:00Z');

beforeAll(async () => {
  server = await createTestServer();
  koordinator = await server.createHandlaggare({ enheter: ['NOR', 'SKE'], role: 'koordinator' });
  const a = await server.createHandlaggare({ enheter: ['NOR'] });
  const b = await server.createHandlaggare({ enheter: ['SKE'] });
  nor = await loginDevice(server.fetch, a.username, a.password);
  ske = await loginDevice(server.fetch, b.username, b.password);
}, 60_000);
afterAll(() => server.close());

async function get(account: TestAccount | null, path: string) {
  const headers: Record<string, string> = {};
  if (account)
    headers.authorization = `Bearer ${(await server.login(account.username, account.password)).token}`;
  return server.fetch(`/api/aggregates/${path}`, { headers });
}

async function read(path: string) {
  const res = await get(koordinator, path);
  expect(res.status).toBe(200);
  return (await res.json()) as unknown;
}

/** Creates an ärende started 2026-01-10 on `dev` and answers F-D-UNDER with `answers` in March. */
async function withResponse(dev: FieldDevice, answers: SurveyResponseDraft['answers']) {
  const arende = await dev.create({ startdatum: '2026-01-10' });
  arendeIds.push(arende.id);
  codes.push(arende.code);
  await submitStaffResponse(
    dev.db,
    {
      id: crypto.randomUUID(),
      instrumentVersion: INSTRUMENT_VERSION,
      formId: 'F-D-UNDER',
      arendeId: arende.id,
      answeredWith: 'sjalv',
      answers,
    } as SurveyResponseDraft,
    MARCH,
  );
  return arende;
}

const slotOf = (r: KarnindikatorReport, slot: string) => r.bySvarsgrupp.find((s) => s.slot === slot);

describe('aggregates for the koordinator', () => {
  it('answers only a koordinator of the förbund: 401 without a session, 403 for handläggare and admin', async () => {
    expect((await get(null, 'kartlaggning')).status).toBe(401);
    const handlaggare = await server.createHandlaggare({ enheter: ['NOR'] });
    const admin = await server.createHandlaggare({ enheter: ['NOR'], role: 'admin' });
    for (const area of ['karnindikatorer', 'kartlaggning', 'progression', 'sip', 'moten']) {
      const res = await get(handlaggare, area);
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { message: string } }).error.message).toBe(
        'Bara en koordinator kan se sammanställningarna.',
      );
      expect((await get(admin, area)).status).toBe(403);
      expect((await get(koordinator, area)).status).toBe(200);
    }
  });

  it('refuses a period or date that is not one, in Swedish, and changes nothing', async () => {
    const res = await get(koordinator, 'karnindikatorer?period=2026H3');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/halvår/);
    expect((await get(koordinator, 'kartlaggning?datum=igår')).status).toBe(400);
  });

  it('hides a figure of 4 deltagare and shows it at 5, counted from what synced from two devices', async () => {
    for (let i = 0; i < 3; i++) await withResponse(nor, { M01: 4, M03: 2 });
    await withResponse(ske, { M01: 4, M03: 2 });
    await nor.faltsam.syncNow();
    await ske.faltsam.syncNow();
    const four = KarnindikatorReport.parse(await read('karnindikatorer?period=2026H1'));
    const under4 = slotOf(four, 'M01')?.groups.find((g) => g.key === 'deltagare|under')?.figures;
    expect(isSuppressed(under4?.n)).toBe(true);
    expect(isSuppressed(under4?.mean)).toBe(true);
    expect(under4?.distribution.every(isSuppressed)).toBe(true);
    expect(isSuppressed(slotOf(four, 'M01')?.overall.n)).toBe(true);

    await withResponse(ske, { M01: 5, M03: 2 });
    await ske.faltsam.syncNow();
    const five = KarnindikatorReport.parse(await read('karnindikatorer?period=2026H1'));
    const m01 = slotOf(five, 'M01');
    // One 5 and four 4s: the 5 is hidden, so is the 4 (n minus the shown cells would give it) and
    // the mean (4.2 would tell them apart); n and the share 4–5 say nothing about anyone.
    const X = { suppressed: true };
    expect(m01?.overall).toEqual({ n: 5, mean: X, shareJakande: 1, distribution: [0, 0, 0, X, X] });
    const m03 = slotOf(five, 'M03')?.groups.find((g) => g.key === 'deltagare|under')?.figures;
    expect(m03).toEqual({ n: 5, mean: 2, shareJakande: 0, distribution: [0, 5, 0, 0, 0] });
    // Per enhet: NOR has 3 and SKE 2 deltagare; neither may show.
    const byEnhet = five.byEnhet.find((s) => s.slot === 'M03');
    expect(byEnhet?.groups.map((g) => isSuppressed(g.figures.n))).toEqual([true, true]);
    // Another period holds none of them.
    const other = KarnindikatorReport.parse(await read('karnindikatorer?period=2026H2'));
    expect(other.bySvarsgrupp).toEqual([]);
  });
});

describe('kartläggning, progression, SIP and meetings', () => {
  it('counts active ärenden as of a date, and never sends an ärende id, code or record id', async () => {
    // Six more ärenden on NOR with case work: möten, a SIP and two measurements each.
    for (let i = 0; i < 6; i++) {
      const arende = await nor.create({ startdatum: '2026-02-01', kon: 'man' });
      arendeIds.push(arende.id);
      codes.push(arende.code);
      const ref = { arendeId: arende.id, forbundId: arende.forbundId };
      recordIds.push(await recordMote(nor.db, ref, trepartssamtal({ date: '2026-03-10' }), []));
      await createRecord(nor.db, 'samtycke', ref, sipSamtycke(nor.user.id));
      recordIds.push(String((await createRecord(nor.db, 'sip', ref, completeSip())).id));
      await recordStegmatningar(nor.db, ref, [{ item: 'M14', value: 2 }], {
        date: '2026-02-10',
        moteId: null,
      });
      await recordStegmatningar(nor.db, ref, [{ item: 'M14', value: i < 5 ? 4 : 2 }], {
        date: '2026-04-10',
        moteId: null,
      });
    }
    expect(await nor.faltsam.syncNow()).toMatchObject({ ok: true, rejected: 0 });

    const k = KartlaggningReport.parse(await read('kartlaggning?datum=2026-03-01'));
    // 3 + 6 on NOR, 2 on SKE: SKE's 2 is hidden, and with it NOR's 9 (the total would give it).
    expect(k.enhet.cells).toEqual([{ suppressed: true }, { suppressed: true }]);
    expect(k.enhet.total).toBe(11);
    const kon = k.tables.find((t) => t.dimension === 'kon');
    expect(kon?.total.total).toBe(11);
    expect(kon?.total.cells).toEqual([5, 6, 0, 0]);
    const before = KartlaggningReport.parse(await read('kartlaggning?datum=2026-01-31'));
    expect(before.tables.find((t) => t.dimension === 'kon')?.total.cells).toEqual([5, 0, 0, 0]);

    const p = ProgressionReport.parse(await read('progression'));
    // Five went up, one stayed; one alone is hidden, and so its complement.
    expect(p.arenden.categories).toEqual(['med_forflyttning', 'utan_forflyttning', 'en_matning']);
    expect(p.arenden.cells[0]).toEqual({ suppressed: true });
    expect(p.share).toEqual({ suppressed: true });
    expect(p.overTime.find((s) => s.slot === 'M14')?.groups.map((g) => g.key)).toEqual([
      '2026-02',
      '2026-04',
    ]);

    const s = SipReport.parse(await read('sip'));
    expect(s.complete).toEqual({ categories: ['komplett', 'ej_komplett'], cells: [6, 0], total: 6 });
    expect(s.statusByEnhet.colTotals[0]).toBe(6);
    expect(s.daysToStart.mean).toBe(10); // 20 February to 2 March

    const m = MotenReport.parse(await read('moten'));
    expect(m.byMonth.rows).toEqual(['2026-03']);
    expect(m.byMonth.cells[0]?.[0]).toBe(6);
    expect(m.byEnhet.colTotals).toEqual(m.byMonth.colTotals);

    const everything = JSON.stringify(
      await Promise.all(
        ['karnindikatorer?period=2026H1', 'kartlaggning?datum=2026-03-01', 'progression', 'sip', 'moten'].map(
          read,
        ),
      ),
    );
    for (const id of [...arendeIds, ...recordIds, nor.user.id]) expect(everything).not.toContain(id);
    for (const code of codes) expect(everything).not.toContain(code);
    expect(everything).not.toContain('arendeId');
  });

  it('shows a meeting figure only when 5 ärenden are behind it, however many meetings', async () => {
    // Four ärenden on SKE with three nätverksmöten each: 12 meetings, 4 persons.
    for (let i = 0; i < 4; i++) {
      const arende = await ske.create({ startdatum: '2026-02-01' });
      const ref = { arendeId: arende.id, forbundId: arende.forbundId };
      for (const date of ['2026-05-04', '2026-05-11', '2026-05-18'])
        await recordMote(
          ske.db,
          ref,
          { ...trepartssamtal({ date }), type: 'natverksmote', nextMeetingDate: null },
          [],
        );
    }
    await ske.faltsam.syncNow();
    const m = MotenReport.parse(await read('moten'));
    const may = m.byMonth.rows.indexOf('2026-05');
    const natverk = m.byMonth.cols.indexOf('natverksmote');
    expect(m.byMonth.cells[may]?.[natverk]).toEqual({ suppressed: true });
    expect(m.byMonth.rowTotals[may]).toEqual({ suppressed: true });
    expect(m.byMonth.colTotals[natverk]).toEqual({ suppressed: true });
  });
});
