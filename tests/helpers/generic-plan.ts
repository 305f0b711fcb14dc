/** The plan PostgreSQL runs a prepared statement with, for tests that EXPLAIN the app's SQL. */
import pg from 'pg';
import type { Sql } from '../../src/server/store/sql';
import type { Statement } from './recording-sql';

// pg's own conversion of a parameter to its text (arrays as array literals), unexported in its types.
const { prepareValue } = (pg as unknown as { utils: { prepareValue(v: unknown): string | null } }).utils;
const literal = (v: unknown) => {
  const text = prepareValue(v);
  return text === null ? 'null' : pg.escapeLiteral(text);
};

/**
 * A prepared statement's generic plan (QueryOptions.prepared), made without its values, as JSON;
 * with `analyze` also run. PostgreSQL only: EXPLAIN EXECUTE takes no bound parameters, so the
 * recorded values are given as literals.
 */
export async function genericPlan<P>(sql: Sql, s: Statement, analyze = false): Promise<P> {
  return sql.transaction(async (tx) => {
    await tx.exec('set local plan_cache_mode = force_generic_plan');
    await tx.exec(`prepare planned as ${s.text}`);
    const { rows } = await tx.query<{ 'QUERY PLAN': [{ Plan: P }] }>(
      `explain (${analyze ? 'analyze, ' : ''}format json) execute planned(${s.params.map(literal).join(', ')})`,
    );
    await tx.exec('deallocate planned');
    const plan = rows[0]?.['QUERY PLAN'][0].Plan;
    if (!plan) throw new Error(`no generic plan for ${s.text}`);
    return plan;
  });
}
