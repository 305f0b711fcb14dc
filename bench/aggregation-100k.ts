/**
 * Figure – aggregation_100k_responses (ms, budget 300): the server making the kärnindikator release
 * of a halvår for a förbund from 100,000 stored responses, with the protection on (cell-key
 * perturbation and the per-person audit, src/domain/aggregation/release.ts).
 *
 * Method: an in-memory PGlite with the real migrations, one förbund with two enheter, and 100,000
 * synthetic rows in survey_response (not timed): 90,000 case-linked responses of 30,000 ärenden to
 * the four deltagare/personal forms under/vid avslut, answers 1–5 at random in each of the form's
 * slots, submitted on days across 2026H1; and 10,000 half-year responses of the 2026H1 round in
 * the four HALVÅR forms. They are loaded in bulk and counted once by survey_tally_rebuild
 * (migration 005); afterwards 200 more go in one by one through the counting trigger, as a push
 * stores them, and the cost per response is noted on stderr. Timed: karnindikatorRelease
 * (src/server/services/aggregates/likert.ts) for 2026H1 – what the first GET
 * /api/aggregates/karnindikatorer?period=2026H1 (or the release schedule) runs once: the counts
 * with their key sums (latest response per ärende and form; answers per form, enhet, slot and
 * value), then every slot's figures perturbed and audited. One warm-up run, then the median of 5.
 * Checked: the published n of M01 for deltagare under is within ±3 of the distinct ärenden that
 * answered it (the perturbation's bound).
 */
import { randomUUID } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { MAX_NOISE } from '../src/domain/aggregation/cell-key';
import { DEFAULT_BEHOVSGRUPPER } from '../src/domain/arende';
import { FORMS, type FormId } from '../src/domain/instrument/forms';
import { createUser } from '../src/server/auth/users';
import { karnindikatorRelease } from '../src/server/services/aggregates/likert';
import { loadMigrations, migrate } from '../src/server/store/migrate';
import { pgliteSql } from '../src/server/store/sql';
import { createEnhet, createForbund } from '../src/server/store/tenants';
import { emit, median, note, round, runFigure } from './lib/report';

const SCOPE = 'aggregation-100k';
const CASE_FORMS: FormId[] = ['F-D-UNDER', 'F-D-AVSLUT', 'F-P-UNDER', 'F-P-AVSLUT'];
const HALVAR_FORMS: FormId[] = ['F-IP-HALVÅR', 'F-FC-HALVÅR', 'F-ST-HALVÅR', 'F-CG-HALVÅR'];

/** SQL for a jsonb object of the form's slots, each a random answer 1–5. */
const answersSql = (formId: FormId) =>
  `jsonb_build_object(${FORMS[formId].slots.map((s) => `'${s}', 1 + floor(random() * 5)::int`).join(', ')})`;

const caseWhen = (forms: FormId[], column: (f: FormId) => string) =>
  `case g % ${forms.length} ${forms.map((f, i) => `when ${i} then ${column(f)}`).join(' ')} end`;

async function main(): Promise<void> {
  const sql = pgliteSql(await PGlite.create());
  await migrate(sql, loadMigrations());
  const forbund = await createForbund(sql, { namn: 'Benchförbund', behovsgrupper: DEFAULT_BEHOVSGRUPPER });
  const nor = await createEnhet(sql, { forbundId: forbund.id, namn: 'Enhet N', kod: 'NOR' });
  const ske = await createEnhet(sql, { forbundId: forbund.id, namn: 'Enhet S', kod: 'SKE' });
  const user = await createUser(
    sql,
    {
      forbundId: forbund.id,
      username: 'bench-koordinator',
      displayName: 'Bench Koordinator',
      role: 'koordinator',
      password: randomUUID(),
      enhetIds: [nor.id, ske.id],
    },
    { log2N: 12, r: 8, p: 1 },
  );
  const roundId = randomUUID();
  await sql.query(
    `insert into survey_round (id, forbund_id, period, enhet_ids, form_ids, created_by, created_at)
     values ($1, $2, '2026H1', $3::uuid[], $4::text[], $5, now())`,
    [roundId, forbund.id, [nor.id, ske.id], HALVAR_FORMS, user.id],
  );
  // Loaded in bulk with the counting trigger off, then counted once (survey_tally_rebuild, the
  // same counting the migration does); the trigger's cost per pushed response is noted below.
  await sql.exec('alter table survey_response disable trigger survey_response_tally');
  let t = performance.now();
  await sql.query(
    `insert into survey_response (id, forbund_id, enhet_id, arende_id, round_id, form_id, respondent_group,
                                  instrument_version, answers, answered_with, submitted_at)
     select gen_random_uuid(), $1, case when (g / 4) % 2 = 0 then $2::uuid else $3::uuid end,
            md5(((g / 4) % 30000)::text)::uuid, null,
            ${caseWhen(CASE_FORMS, (f) => `'${f}'`)}, ${caseWhen(CASE_FORMS, (f) => `'${FORMS[f].respondent}'`)},
            'B', ${caseWhen(CASE_FORMS, answersSql)}, null,
            '2026-01-02T09:00:00Z'::timestamptz + ((g % 170) * interval '1 day')
       from generate_series(0, 89999) g`,
    [forbund.id, nor.id, ske.id],
  );
  await sql.query(
    `insert into survey_response (id, forbund_id, enhet_id, arende_id, round_id, form_id, respondent_group,
                                  instrument_version, answers, answered_with, submitted_at)
     select gen_random_uuid(), $1, case when g % 2 = 0 then $2::uuid else $3::uuid end, null, $4,
            ${caseWhen(HALVAR_FORMS, (f) => `'${f}'`)}, ${caseWhen(HALVAR_FORMS, (f) => `'${FORMS[f].respondent}'`)},
            'B', ${caseWhen(HALVAR_FORMS, answersSql)}, null, '2026-05-04T09:00:00Z'
       from generate_series(0, 9999) g`,
    [forbund.id, nor.id, ske.id, roundId],
  );
  await sql.exec('select survey_tally_rebuild()');
  await sql.exec('alter table survey_response enable trigger survey_response_tally');
  const { rows } = await sql.query<{ n: number }>('select count(*)::int as n from survey_response');
  if (rows[0]?.n !== 100_000) throw new Error(`expected 100,000 responses, found ${rows[0]?.n}`);
  note(
    SCOPE,
    `stored and counted 100,000 responses in ${round((performance.now() - t) / 1000, 1)} s (not a figure)`,
  );
  // What counting costs a push: 200 more responses inserted one by one through the trigger.
  t = performance.now();
  for (let i = 0; i < 200; i++) {
    await sql.query(
      `insert into survey_response (id, forbund_id, enhet_id, arende_id, round_id, form_id, respondent_group,
                                    instrument_version, answers, answered_with, submitted_at)
       values (gen_random_uuid(), $1, $2, gen_random_uuid(), null, 'F-D-UNDER', 'deltagare', 'B',
               '{"M01": 3, "M03": 4}', 'sjalv', '2026-03-03T10:00:00Z')`,
      [forbund.id, nor.id],
    );
  }
  note(
    SCOPE,
    `inserting a response with its counting: ${round((performance.now() - t) / 200, 2)} ms each (not a figure)`,
  );

  const { rows: expected } = await sql.query<{ n: number }>(
    `select count(distinct arende_id)::int as n from survey_response
      where form_id = 'F-D-UNDER' and answers ? 'M01'`,
  );
  const times: number[] = [];
  for (let run = 0; run < 6; run++) {
    t = performance.now();
    const report = await karnindikatorRelease(sql, forbund.id, '2026H1', new Date().toISOString());
    const ms = performance.now() - t;
    if (run > 0) times.push(ms);
    const n = report.caseSlots.find((s) => s.slot === 'M01')?.groups.find((g) => g.key === 'deltagare|under')
      ?.figures.n;
    if (typeof n !== 'number' || Math.abs(n - (expected[0]?.n ?? 0)) > MAX_NOISE)
      throw new Error(`M01 deltagare under: n ${JSON.stringify(n)}, expected ${expected[0]?.n}`);
  }
  note(SCOPE, `runs (ms): ${times.map((x) => round(x)).join(', ')}`);
  await sql.close();
  emit({ metric: 'aggregation_100k_responses', value: round(median(times)), unit: 'ms', budget: 300 });
}

runFigure(SCOPE, main);
