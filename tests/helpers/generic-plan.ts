/** Query plans, for tests that EXPLAIN the app's SQL. */
import pg from 'pg';
import type { Sql } from '../../src/server/store/sql';
import type { Statement } from './recording-sql';

// pg's own conversion of a parameter to its text (arrays as array literals), unexported in its types.
const { prepareValue } = (pg as unknown as { utils: { prepareValue(v: unknown): string | null } }).utils;
const literal = (v: unknown) => {
  const text = prepareValue(v);
  return text === null ? 'null' : pg.escapeLiteral(text);
};

/** The plan of EXPLAIN (FORMAT JSON) run as `explain`, with `params` bound; with `analyze` also run. */
async function explained(sql: Sql, explain: string, text: string, params?: unknown[]): Promise<PlanNode> {
  const { rows } = await sql.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(explain, params);
  const plan = rows[0]?.['QUERY PLAN'][0].Plan;
  if (!plan) throw new Error(`no plan for ${text}`);
  return plan;
}

const options = (analyze: boolean) => `(${analyze ? 'analyze, ' : ''}format json)`;

/** A recorded statement's plan with its own values, as it runs unprepared. */
export const plan = (sql: Sql, s: Statement, analyze = false): Promise<PlanNode> =>
  explained(sql, `explain ${options(analyze)} ${s.text}`, s.text, s.params);

/**
 * A prepared statement's generic plan (QueryOptions.prepared), made without its values. PostgreSQL
 * only: EXPLAIN EXECUTE takes no bound parameters, so the recorded values are given as literals.
 */
export async function genericPlan(sql: Sql, s: Statement, analyze = false): Promise<PlanNode> {
  return sql.transaction(async (tx) => {
    await tx.exec('set local plan_cache_mode = force_generic_plan');
    await tx.exec(`prepare planned as ${s.text}`);
    const found = await explained(
      tx,
      `explain ${options(analyze)} execute planned(${s.params.map(literal).join(', ')})`,
      s.text,
    );
    await tx.exec('deallocate planned');
    return found;
  });
}

/**
 * The generic plan a connection made for a prepared statement at its first run, before `meanwhile`
 * (e.g. a table filling up), as that connection runs it afterwards – with `settings` as the
 * connection has them (SET LOCAL). PostgreSQL only, as genericPlan.
 */
export async function keptGenericPlan(
  sql: Sql,
  s: Statement,
  settings: Readonly<Record<string, string>>,
  meanwhile: () => Promise<void>,
): Promise<PlanNode> {
  return sql.transaction(async (tx) => {
    for (const [name, value] of Object.entries(settings)) await tx.exec(`set local ${name} = ${value}`);
    await tx.exec(`prepare kept as ${s.text}`);
    const run = `execute kept(${s.params.map(literal).join(', ')})`;
    await tx.exec(run);
    await meanwhile();
    const found = await explained(tx, `explain ${options(true)} ${run}`, s.text);
    await tx.exec('deallocate kept');
    return found;
  });
}

/** A node of EXPLAIN (FORMAT JSON), as far as these tests read it. */
export interface PlanNode {
  'Node Type'?: string;
  'Relation Name'?: string;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  'Actual Rows'?: number;
  Plans?: PlanNode[];
}

/** The tables a plan reads by sequential scan. */
export const seqScans = (node: PlanNode): string[] => [
  ...(node['Node Type'] === 'Seq Scan' && node['Relation Name'] ? [node['Relation Name']] : []),
  ...(node.Plans ?? []).flatMap(seqScans),
];
