// Attacks on the coordinator's figures, written as a curious koordinator would run them against
// the real server with synthetic data and only the documented API — the ones that succeeded
// against live queries with cell suppression (issue 13). Each reads only published JSON, and
// judges with tests/helpers/insider.ts and lp-audit.ts, never with the code that made a release.
// Each asserts that nothing about fewer than 5 persons can be pinned down.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isHidden, isSuppressed } from '../../../src/domain/aggregation/cell-key';
import type {
  KarnindikatorReport,
  KartlaggningReport,
  MotenReport,
  ProgressionReport,
} from '../../../src/domain/aggregation/report';
import { trepartssamtal } from '../../helpers/casework';
import {
  type Answer,
  type KlPerson,
  kartlaggningFigures,
  slotFigures,
  whatFits,
} from '../../helpers/insider';
import { Model, pinned, sumOf } from '../../helpers/lp-audit';
import { arendeFields, klPerson, makeWorld, type Profile, signIn, type World } from './release-support';

let w: World;
const BASE: Profile = {
  behovsgrupp: 'forrehabiliterande',
  kon: 'kvinna',
  aldersgrupp: '30-39',
  manaderAv12: 11,
  startdatum: '2026-01-05',
};
/** Everyone the test created, as the kartläggning names them, with their start date. */
const people: { person: KlPerson; start: string }[] = [];
/** One newcomer per month, February to June, each with a profile of their own. */
const NEWCOMERS: Profile[] = [
  {
    behovsgrupp: 'skyddat_arbete',
    kon: 'man',
    aldersgrupp: '60-64',
    manaderAv12: 8,
    startdatum: '2026-02-10',
  },
  {
    behovsgrupp: 'vardsamverkan_sjukersattning',
    kon: 'annat',
    aldersgrupp: '16-19',
    manaderAv12: null,
    startdatum: '2026-03-10',
  },
  { behovsgrupp: null, kon: 'ej_angivet', aldersgrupp: null, manaderAv12: 11, startdatum: '2026-04-10' },
  {
    behovsgrupp: 'arbete_utan_krav_svenska',
    kon: 'man',
    aldersgrupp: '50-59',
    manaderAv12: 8,
    startdatum: '2026-05-10',
  },
  {
    behovsgrupp: 'effektivare_stod_arbete',
    kon: 'kvinna',
    aldersgrupp: '20-24',
    manaderAv12: null,
    startdatum: '2026-06-10',
  },
];
const CATEGORIES: Record<string, string[]> = {
  behovsgrupp: [
    'effektivare_stod_arbete',
    'forrehabiliterande',
    'vardsamverkan_sjukersattning',
    'arbete_utan_krav_svenska',
    'skyddat_arbete',
    'ej_angivet',
  ],
  kon: ['kvinna', 'man', 'annat', 'ej_angivet'],
  aldersgrupp: ['16-19', '20-24', '25-29', '30-39', '40-49', '50-59', '60-64', '65+', 'ej_angivet'],
  langvarigt: ['ja', 'nej', 'okant'],
};

async function addArenden(dev: World['nor'], kod: 'NOR' | 'SKE', profiles: Profile[]) {
  const made = profiles.map((p) => dev.arende(arendeFields(p), w.enhet(kod)));
  await dev.push(made.map((a) => a.mutation));
  profiles.forEach((p) => {
    people.push({ person: klPerson(p, w.enhet(kod)), start: p.startdatum });
  });
  return made;
}

beforeAll(async () => {
  w = await makeWorld('2026-06-20T10:00:00Z');
  const vary = (i: number): Profile => ({
    ...BASE,
    kon: i % 3 === 0 ? 'man' : 'kvinna',
    aldersgrupp: i % 4 === 0 ? '40-49' : '30-39',
    behovsgrupp: i % 5 === 0 ? 'effektivare_stod_arbete' : 'forrehabiliterande',
  });
  await addArenden(
    w.nor,
    'NOR',
    Array.from({ length: 14 }, (_, i) => vary(i)),
  );
  // SKE: six ärenden, two of them in skyddat arbete: the figures a NOR insider is after.
  await addArenden(w.ske, 'SKE', [
    ...Array.from({ length: 4 }, (_, i) => vary(i + 1)),
    { ...BASE, behovsgrupp: 'skyddat_arbete' },
    { ...BASE, behovsgrupp: 'skyddat_arbete', kon: 'man' },
  ]);
  await addArenden(w.nor, 'NOR', NEWCOMERS);
}, 60_000);
afterAll(() => w.server.close());

const activeAt = (date: string) => people.filter((p) => p.start <= date);
const monthRelease = (m: string) => w.release<KartlaggningReport>('kartlaggning', m);

describe('attacks on the kartläggning', () => {
  it('two dates: any date but a month end is refused, and the open month has no release', async () => {
    for (const datum of ['2026-03-09', '2026-03-10', '2026-06-19']) {
      expect((await w.get(`kartlaggning?period=${datum}`)).status).toBe(400);
    }
    expect((await w.get('kartlaggning?period=2026-06')).status).toBe(404);
  });

  it('date scan: differencing consecutive month ends leaves every newcomer’s profile open, even to an insider', async () => {
    await w.setNow('2026-07-10T10:00:00Z');
    for (const [i, p] of NEWCOMERS.entries()) {
      const month = p.startdatum.slice(0, 7);
      const before = await monthRelease(`2026-${String(Number(month.slice(5)) - 1).padStart(2, '0')}`);
      const after = await monthRelease(month);
      const end = after.date;
      // The insider knows every ärende but the newcomer: all of the month before, and the rest now.
      const persons = activeAt(end).map((x) => x.person);
      const target = persons.findIndex((x) => x === people.find((q) => q.start === p.startdatum)?.person);
      expect(activeAt(before.date).length).toBe(persons.length - 1);
      const figures = kartlaggningFigures(after);
      for (const [dimension, values] of Object.entries(CATEGORIES)) {
        const me = persons[target] as KlPerson;
        const fits = whatFits(
          figures,
          persons,
          target,
          values.map((v) => ({ ...me, [dimension]: v })),
        );
        expect(fits.length, `newcomer ${i}'s ${dimension}`).toBeGreaterThan(1);
      }
      // …and whether anyone came at all.
      expect(whatFits(figures, persons, target, [null])).toHaveLength(1);
    }
  });

  it('add one and ask again: an ärende added to a closed month changes nothing already published', async () => {
    const march = await (await w.get('kartlaggning?period=2026-03')).text();
    await addArenden(w.nor, 'NOR', [
      { ...BASE, behovsgrupp: 'skyddat_arbete', kon: 'annat', startdatum: '2026-03-01' },
    ]);
    people.pop(); // not in any release made before it
    expect(await (await w.get('kartlaggning?period=2026-03')).text()).toBe(march);
  });

  it('insider of one enhet: the förbund minus everything NOR holds pins none of SKE’s few', async () => {
    const r = await monthRelease('2026-01');
    const persons = activeAt(r.date).map((x) => x.person);
    const figures = kartlaggningFigures(r);
    // The NOR handläggare knows NOR exactly; even knowing SKE's others too, no SKE person is pinned.
    persons.forEach((me, i) => {
      if (me.enhet !== w.enhet('SKE')) return;
      for (const [dimension, values] of Object.entries(CATEGORIES)) {
        expect(
          whatFits(
            figures,
            persons,
            i,
            values.map((v) => ({ ...me, [dimension]: v })),
          ).length,
        ).toBeGreaterThan(1);
      }
    });
    // And as an integer program over SKE's unknown counts, NOR's fixed: "skyddat arbete" (2) is open.
    const behov = r.tables.find((t) => t.dimension === 'behovsgrupp');
    if (!behov) throw new Error('no behovsgrupp table');
    const model = new Model();
    const ske = behov.total.categories.map((c) => model.variable(`SKE ${c}`));
    const skeRow = behov.perEnhet.rows.indexOf(w.enhet('SKE'));
    behov.total.categories.forEach((c, j) => {
      const nor = persons.filter((p) => p.enhet === w.enhet('NOR') && p.behovsgrupp === c).length;
      model.count(new Map([[ske[j] as number, 1]]), behov.perEnhet.cells[skeRow]?.[j]);
      // The förbund's figure is NOR's known count plus SKE's unknown one.
      const shown = behov.total.cells[j];
      if (typeof shown === 'number')
        model.between(sumOf([ske[j] as number]), Math.max(0, shown - 3 - nor), shown + 3 - nor);
      else if (isSuppressed(shown)) model.between(sumOf([ske[j] as number]), 0, 4 - nor);
    });
    model.count(sumOf(ske as number[]), r.enhet.cells[r.enhet.categories.indexOf(w.enhet('SKE'))]);
    const skyddat = behov.total.categories.indexOf('skyddat_arbete');
    expect(
      await pinned(model, [{ name: 'SKE skyddat arbete', expr: sumOf([ske[skyddat] as number]), truth: 2 }]),
    ).toEqual([]);
  });
});

describe('attacks on the kärnindikatorer', () => {
  it('same deltagare twice, add one and ask again: nothing before the halvår closes, one release after', async () => {
    await w.setNow('2026-05-20T10:00:00Z');
    const nor = w.enhet('NOR');
    const rows = await addArenden(
      w.nor,
      'NOR',
      Array.from({ length: 7 }, () => ({ ...BASE, startdatum: '2026-05-01' })),
    );
    const answers: Answer[] = [];
    await w.nor.push(
      rows.map((a, i) => {
        answers.push({ group: 'deltagare|under', enhet: nor, answer: (i % 3) + 2 });
        return w.nor.response({
          formId: 'F-D-UNDER',
          arendeId: a.id,
          answeredWith: 'sjalv',
          answers: { M01: (i % 3) + 2 },
          submittedAt: '2026-05-10T09:00:00.000Z',
        });
      }),
    );
    // The first one answers again later: its earlier answer (2) is replaced by 5.
    const first = rows[0];
    if (!first) throw new Error('no ärende');
    await w.nor.push([
      w.nor.response({
        formId: 'F-D-UNDER',
        arendeId: first.id,
        answeredWith: 'sjalv',
        answers: { M01: 5 },
        submittedAt: '2026-05-12T09:00:00.000Z',
      }),
    ]);
    answers[0] = { group: 'deltagare|under', enhet: nor, answer: 5 };
    // While the halvår is open there is nothing to compare, before or after.
    expect((await w.get('karnindikatorer?period=2026H1')).status).toBe(404);
    await w.setNow('2026-07-10T10:00:00Z');
    const k = await w.release<KarnindikatorReport>('karnindikatorer', '2026H1');
    const slot = k.caseSlots.find((s) => s.slot === 'M01');
    if (!slot) throw new Error('no M01');
    const figures = slotFigures(slot);
    answers.forEach((me, i) => {
      const fits = whatFits(
        figures,
        answers,
        i,
        [1, 2, 3, 4, 5].map((answer) => ({ ...me, answer })),
      );
      expect(fits.length, `deltagare ${i}`).toBeGreaterThan(1);
      expect(whatFits(figures, answers, i, [null])).toHaveLength(1);
    });
    // A response pushed after the release, into its halvår, changes nothing.
    const before = JSON.stringify(k);
    await w.nor.push([
      w.nor.response({
        formId: 'F-D-UNDER',
        arendeId: first.id,
        answeredWith: 'sjalv',
        answers: { M01: 1 },
        submittedAt: '2026-06-30T09:00:00.000Z',
      }),
    ]);
    expect(JSON.stringify(await w.release('karnindikatorer', '2026H1'))).toBe(before);
  });

  it('a koordinator answering 25 forms with known values cannot recover the one real respondent', async () => {
    await w.setNow('2026-08-20T10:00:00Z');
    const { token } = await w.server.login(w.koordinator.username, w.koordinator.password);
    const opened = await w.server.fetch('/api/rounds', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        period: '2026H2',
        enhetIds: [w.enhet('NOR')],
        formIds: ['F-ST-HALVÅR', 'F-CG-HALVÅR'],
      }),
    });
    expect(opened.status).toBe(201);
    const respondent = await w.server.createHandlaggare({
      enheter: ['NOR'],
      role: 'respondent',
      respondentGroup: 'styrelse',
    });
    const real = { M21: 3, M24: 2, M25: 4 };
    const half = (answers: Record<string, number>, formId = 'F-ST-HALVÅR', group = 'styrelse') => ({
      formId,
      round: '2026H2',
      enhetId: w.enhet('NOR'),
      group,
      answers,
      submittedAt: '2026-08-20T09:00:00.000Z',
    });
    const theirs = await signIn(w.server, respondent);
    await theirs.push([theirs.response(half(real))]);
    // The koordinator's own 25, all answering 5, and three chefsgrupp answers (a small group).
    const own = await signIn(w.server, w.koordinator);
    await own.push([
      ...Array.from({ length: 25 }, () => own.response(half({ M21: 5, M24: 5, M25: 5 }))),
      ...[1, 2, 4].map((v) => own.response(half({ M21: v, M26: v }, 'F-CG-HALVÅR', 'parternas_chefsgrupp'))),
    ]);
    await w.setNow('2027-01-10T10:00:00Z');
    const k = await w.release<KarnindikatorReport>('karnindikatorer', '2026H2');
    for (const [slot, answer] of Object.entries(real)) {
      const s = k.halvarSlots.find((x) => x.slot === slot);
      if (!s) throw new Error(`no ${slot}`);
      const nor = w.enhet('NOR');
      const known: Answer[] = Array.from({ length: 25 }, () => ({
        group: 'styrelse',
        enhet: nor,
        answer: 5,
      }));
      const cg =
        slot === 'M21'
          ? [1, 2, 4].map((v) => ({ group: 'parternas_chefsgrupp', enhet: nor, answer: v }))
          : [];
      const all = [{ group: 'styrelse', enhet: nor, answer }, ...known, ...cg];
      const figures = slotFigures(s);
      expect(
        whatFits(
          figures,
          all,
          0,
          [1, 2, 3, 4, 5].map((a) => ({ ...(all[0] as Answer), answer: a })),
        ).length,
        slot,
      ).toBeGreaterThan(1);
      // Overall minus the groups shown: the three of the chefsgrupp are not pinned either.
      for (let i = 26; i < all.length; i++) {
        expect(
          whatFits(
            figures,
            all,
            i,
            [1, 2, 3, 4, 5].map((a) => ({ ...(all[i] as Answer), answer: a })),
          ).length,
        ).toBeGreaterThan(1);
      }
    }
  });
});

describe('measurements and meetings count persons', () => {
  it('four ärenden met three times each, or measured five times a month, are too few', async () => {
    await w.setNow('2026-03-20T10:00:00Z');
    const rows = await addArenden(
      w.ske,
      'SKE',
      Array.from({ length: 4 }, () => ({ ...BASE, startdatum: '2026-03-01' })),
    );
    await w.ske.push(
      rows.flatMap((a) => [
        ...['2026-03-02', '2026-03-09', '2026-03-16'].map((date) =>
          w.ske.record('mote', {
            ...trepartssamtal({ date, nextMeetingDate: null }),
            type: 'natverksmote',
            arendeId: a.id,
          }),
        ),
        ...[1, 2, 3, 4, 5].map((d) =>
          w.ske.record('stegmatning', {
            item: 'M15',
            value: 3,
            date: `2026-03-0${d}`,
            moteId: null,
            instrumentVersion: 'B',
            arendeId: a.id,
          }),
        ),
      ]),
    );
    await w.setNow('2026-07-10T10:00:00Z');
    const m = await w.release<MotenReport>('moten', '2026H1');
    const natverk = m.byMonth.cols.indexOf('natverksmote');
    // Hidden, as too few or (where showing it would single someone out) withheld: never a number.
    expect(isHidden(m.byMonth.cells[m.byMonth.rows.indexOf('2026-03')]?.[natverk])).toBe(true);
    expect(isHidden(m.byEnhet.cells[m.byEnhet.rows.indexOf(w.enhet('SKE'))]?.[natverk])).toBe(true);
    const p = await w.release<ProgressionReport>('progression', '2026H1');
    const march = p.overTime.find((s) => s.slot === 'M15')?.groups.find((g) => g.key === '2026-03')?.figures;
    expect(isHidden(march?.n)).toBe(true);
    expect(isHidden(march?.mean)).toBe(true);
  });
});
