// The exact audit of releases on generated data sets of several shapes and sizes (fixed seeds):
// every published figure is a linear constraint over the true counts, and an integer program
// (HiGHS) finds each protected figure's least and greatest value. No figure of 1–4 persons — a
// cell, a margin, or an atom no table shows (enhet × category, group × enhet × answer) — may have
// a range of one value.
import { describe, expect, it } from 'vitest';
import {
  type KartlaggningArende,
  kartlaggningRelease,
} from '../../../../src/domain/aggregation/kartlaggning';
import {
  type LikertCell,
  type LikertSet,
  publishLikert,
} from '../../../../src/domain/aggregation/likert-release';
import type { Unit } from '../../../../src/domain/aggregation/release';
import { jakandeBounds, Model, meanBounds, pinned, sumOf, type Target } from '../../../helpers/lp-audit';

/** mulberry32: a small seeded generator, so every run audits the same data. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}
const pick = <T>(r: () => number, list: readonly T[], skew = 1): T =>
  list[Math.min(list.length - 1, Math.floor(r() ** skew * list.length))] as T;

type Protected = Target;

async function expectNoneCollapses(model: Model, targets: readonly Protected[]): Promise<void> {
  const small = targets.filter((t) => t.truth >= 1 && t.truth <= 4);
  expect((await pinned(model, small)).map((t) => `${t.name} = ${t.truth}`)).toEqual([]);
}

// ---- Kartläggning -------------------------------------------------------------------------------

const ENHETER = ['e1', 'e2', 'e3'];
const BEHOV = ['a', 'b', 'c', 'd'];

function arenden(seed: number, size: number, enheter: number, skew: number) {
  const r = rng(seed);
  return Array.from({ length: size }, (_, i) => ({
    id: i,
    key: Math.floor(r() * 2 ** 32),
    enhetId: pick(r, ENHETER.slice(0, enheter), skew),
    startdatum: '2026-01-01',
    avslutsdatum: r() < 0.1 ? '2026-02-01' : null,
    behovsgrupp: pick(r, [...BEHOV, null], skew),
    forsorjningshinder: pick(r, ['arbetsloshet', 'sjukdom', null], skew),
    kon: pick(r, ['kvinna', 'man', 'annat', 'ej_angivet'] as const, skew),
    aldersgrupp: pick(r, ['20-24', '30-39', '50-59', null] as const, skew),
    manaderAv12: pick(r, [12, 3, null], skew),
    manaderAv36: pick(r, [30, 5, null], skew),
  })) as (KartlaggningArende & { id: number; key: number })[];
}

async function auditKartlaggning(seed: number, size: number, enheter: number, skew: number) {
  const data = arenden(seed, size, enheter, skew);
  const release = kartlaggningRelease(data, '2026-03-31', (a) => a.key, {
    enheter: ENHETER.slice(0, enheter),
    behovsgrupper: BEHOV,
  });
  const active = data.filter((a) => a.avslutsdatum === null);
  const model = new Model();
  const targets: Protected[] = [];
  const rows = release.enheter.map((e) => model.variable(`r:${e}`));
  release.enheter.forEach((e, i) => {
    const truth = active.filter((a) => a.enhetId === e).length;
    model.count(sumOf([rows[i] as number]), release.perEnhet.cells[i]);
    targets.push({ name: `enhet ${e}`, expr: sumOf([rows[i] as number]), truth });
  });
  model.count(sumOf(rows), release.perEnhet.total);
  targets.push({ name: 'total', expr: sumOf(rows), truth: active.length });
  for (const table of release.tables) {
    const cats = table.categories;
    const x = release.enheter.map((e) => cats.map((c) => model.variable(`${table.dimension}:${e}:${c}`)));
    const categoryOf = (a: (typeof active)[number]) =>
      release.enheter.length && cats.length ? cats.indexOf(personCategory(a, table.dimension, cats)) : -1;
    release.enheter.forEach((e, i) => {
      const row = x[i] as number[];
      model.between(new Map([...sumOf(row), [rows[i] as number, -1]]), 0, 0);
      cats.forEach((_, j) => {
        model.count(sumOf([row[j] as number]), table.cells[i]?.[j]);
        const truth = active.filter((a) => a.enhetId === e && categoryOf(a) === j).length;
        targets.push({
          name: `${table.dimension} ${e} × ${cats[j]}`,
          expr: sumOf([row[j] as number]),
          truth,
        });
      });
    });
    cats.forEach((c, j) => {
      const col = x.map((row) => row[j] as number);
      model.count(sumOf(col), table.total[j]);
      const truth = active.filter((a) => categoryOf(a) === j).length;
      targets.push({ name: `${table.dimension} ${c}`, expr: sumOf(col), truth });
    });
  }
  await expectNoneCollapses(model, targets);
  return targets.filter((t) => t.truth >= 1 && t.truth <= 4).length;
}

/** The category the release put an ärende in, recomputed by the audit from its own copy. */
function personCategory(a: KartlaggningArende, dimension: string, cats: readonly string[]): string {
  const jaNej = (v: boolean | null) => (v === null ? 'okant' : v ? 'ja' : 'nej');
  const value = (() => {
    switch (dimension) {
      case 'behovsgrupp':
        return a.behovsgrupp ?? 'ej_angivet';
      case 'forsorjningshinder':
        return a.forsorjningshinder ?? 'ej_angivet';
      case 'langvarigt':
        return jaNej(a.manaderAv12 === null ? null : a.manaderAv12 >= 10);
      case 'mycketLangvarigt':
        return jaNej(a.manaderAv36 === null ? null : a.manaderAv36 >= 27);
      case 'kon':
        return a.kon;
      default:
        return a.aldersgrupp ?? 'ej_angivet';
    }
  })();
  if (!cats.includes(value)) throw new Error(`${dimension}: ${value} not among ${cats.join(',')}`);
  return value;
}

// ---- Likert -------------------------------------------------------------------------------------

const GROUPS = ['g1', 'g2', 'g3'];

function answers(seed: number, size: number, groups: number, enheter: number, skew: number) {
  const r = rng(seed);
  return Array.from({ length: size }, () => ({
    value: {
      group: pick(r, GROUPS.slice(0, groups), skew),
      enhet: pick(r, ENHETER.slice(0, enheter), skew),
      answer: pick(r, [1, 2, 3, 4, 5], skew),
    },
    count: 1,
    keySum: Math.floor(r() * 2 ** 32),
  })) as Unit<LikertCell>[];
}

async function auditLikert(seed: number, size: number, groups: number, enheter: number, skew: number) {
  const cells = answers(seed, size, groups, enheter, skew);
  const gs = GROUPS.slice(0, groups);
  const es = ENHETER.slice(0, enheter);
  // The half-year layout (all, groups, enheter) and the case layout (groups, group × enhet).
  const sets: { name: string; set: LikertSet; member: (c: LikertCell) => boolean }[] = [
    { name: 'all', member: () => true },
    ...gs.map((g) => ({ name: g, member: (c: LikertCell) => c.group === g })),
    ...es.map((e) => ({ name: e, member: (c: LikertCell) => c.enhet === e })),
    ...gs.flatMap((g) =>
      es.map((e) => ({ name: `${g}×${e}`, member: (c: LikertCell) => c.group === g && c.enhet === e })),
    ),
  ].map((s) => ({ ...s, set: { member: s.member } }));
  const { figures } = publishLikert(
    cells,
    sets.map((s) => s.set),
  );
  const model = new Model();
  const atoms = gs.flatMap((g) =>
    es.flatMap((e) => [1, 2, 3, 4, 5].map((answer) => ({ group: g, enhet: e, answer }))),
  );
  const vars = atoms.map((a) => model.variable(`${a.group}:${a.enhet}:${a.answer}`));
  const truthOf = (p: (c: LikertCell) => boolean) => cells.filter((c) => p(c.value)).length;
  const exprOf = (p: (c: LikertCell) => boolean, coef: (c: LikertCell) => number = () => 1) =>
    new Map(atoms.flatMap((a, i) => (p(a) ? [[vars[i] as number, coef(a)] as [number, number]] : [])));
  const targets: Protected[] = atoms.map((a, i) => ({
    name: `atom ${a.group}×${a.enhet}×${a.answer}`,
    expr: sumOf([vars[i] as number]),
    truth: truthOf((c) => c.group === a.group && c.enhet === a.enhet && c.answer === a.answer),
  }));
  sets.forEach((s, i) => {
    const f = figures[i];
    if (!f) throw new Error('missing figures');
    const counted = (p: (c: LikertCell) => boolean, name: string, shown: (typeof f)['n'] | undefined) => {
      const member = (c: LikertCell) => s.member(c) && p(c);
      model.count(exprOf(member), shown);
      targets.push({ name: `${s.name} ${name}`, expr: exprOf(member), truth: truthOf(member) });
    };
    counted(() => true, 'n', f.n);
    [1, 2, 3, 4, 5].forEach((k, j) => {
      counted((c) => c.answer === k, `svar ${k}`, f.distribution[j]);
    });
    counted((c) => c.answer >= 4, '4–5', undefined);
    const j = jakandeBounds(f.shareJakande, f.n);
    if (j)
      model.between(
        exprOf((c) => s.member(c) && c.answer >= 4),
        j.lo,
        j.hi,
      );
    const sum = meanBounds(f.mean, f.n);
    if (sum)
      model.between(
        exprOf(s.member, (c) => c.answer),
        sum.lo,
        sum.hi,
      );
  });
  await expectNoneCollapses(model, targets);
  return targets.filter((t) => t.truth >= 1 && t.truth <= 4).length;
}

describe('the exact audit of releases (HiGHS)', () => {
  it("finds the pin that exact margins leave (the old cell suppression's weakness): the audit can fail", async () => {
    // Shown exactly: a = 10 and the total 13; b = 3 is "för få". Without noise, b = 13 − 10.
    const model = new Model();
    const [a, b] = [model.variable('a'), model.variable('b')];
    model.between(sumOf([a as number]), 10, 10);
    model.between(sumOf([a as number, b as number]), 13, 13);
    model.count(sumOf([b as number]), { suppressed: true });
    expect(
      (await pinned(model, [{ name: 'b', expr: sumOf([b as number]), truth: 3 }])).map((t) => t.name),
    ).toEqual(['b']);
  });

  it('pins no kartläggning figure of 1–4 persons, in data sets of several shapes and sizes', async () => {
    let audited = 0;
    const shapes: [number, number, number, number][] = [
      [11, 12, 2, 1],
      [12, 30, 3, 1],
      [13, 30, 3, 2.5],
      [14, 80, 2, 1.5],
      [15, 150, 3, 3],
      [16, 7, 1, 1],
    ];
    for (const [seed, size, enheter, skew] of shapes)
      audited += await auditKartlaggning(seed, size, enheter, skew);
    expect(audited).toBeGreaterThan(50);
  });

  it('pins no Likert figure of 1–4 persons, nor any group × enhet × answer, in several shapes', async () => {
    let audited = 0;
    const shapes: [number, number, number, number, number][] = [
      [21, 9, 2, 2, 1],
      [22, 25, 3, 2, 1],
      [23, 40, 2, 3, 2],
      [24, 60, 3, 3, 1.5],
      [25, 120, 2, 2, 3],
      [26, 6, 1, 1, 1],
    ];
    for (const [seed, size, groups, enheter, skew] of shapes)
      audited += await auditLikert(seed, size, groups, enheter, skew);
    expect(audited).toBeGreaterThan(50);
  });
});
