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
 * EXPLAIN EXECUTE of `s` prepared in a transaction with `settings` (SET LOCAL). With `meanwhile`,
 * the statement runs once first (its plan is made then) and `meanwhile` is done before the
 * EXPLAIN. EXPLAIN EXECUTE takes no bound parameters, so the recorded values are given as
 * literals.
 */
async function preparedPlan(
  sql: Sql,
  s: Statement,
  settings: Readonly<Record<string, string>>,
  analyze: boolean,
  meanwhile?: () => Promise<void>,
): Promise<PlanNode> {
  return sql.transaction(async (tx) => {
    for (const [name, value] of Object.entries(settings)) await tx.exec(`set local ${name} = ${value}`);
    await tx.exec(`prepare planned as ${s.text}`);
    const run = `execute planned(${s.params.map(literal).join(', ')})`;
    if (meanwhile) {
      await tx.exec(run);
      await meanwhile();
    }
    const found = await explained(tx, `explain ${options(analyze)} ${run}`, s.text);
    await tx.exec('deallocate planned');
    return found;
  });
}

/**
 * A prepared statement's generic plan (QueryOptions.prepared), made without its values – with
 * `settings` besides, as the connection that runs it has them (PGlite: READ_LANE_SETTINGS).
 */
export const genericPlan = (
  sql: Sql,
  s: Statement,
  settings: Readonly<Record<string, string>> = {},
  analyze = false,
): Promise<PlanNode> => preparedPlan(sql, s, { plan_cache_mode: 'force_generic_plan', ...settings }, analyze);

/**
 * The generic plan a connection made for a prepared statement at its first run, before `meanwhile`
 * (e.g. a table filling up), as that connection runs it afterwards – with `settings` as the
 * connection has them. `meanwhile` runs while the plan's transaction is open: on PostgreSQL only
 * (PGlite's one connection would wait for that transaction).
 */
export const keptGenericPlan = (
  sql: Sql,
  s: Statement,
  settings: Readonly<Record<string, string>>,
  meanwhile: () => Promise<void>,
): Promise<PlanNode> => preparedPlan(sql, s, settings, true, meanwhile);

/** A node of EXPLAIN (FORMAT JSON), as far as these tests read it. */
export interface PlanNode {
  'Node Type'?: string;
  'Relation Name'?: string;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  'Actual Rows'?: number;
  Plans?: PlanNode[];
}

/** Every node of a plan: the node, then its children's nodes in order. */
export const planNodes = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(planNodes)];

/** The tables a plan reads by sequential scan. */
export const seqScans = (node: PlanNode): string[] =>
  planNodes(node).flatMap((n) =>
    n['Node Type'] === 'Seq Scan' && n['Relation Name'] ? [n['Relation Name']] : [],
  );
