/** The app's SQL, recorded on every lane and inside transactions (for tests that EXPLAIN it). */
import type { Sql } from '../../src/server/store/sql';

export interface Statement {
  text: string;
  params: unknown[];
  /** Run as a prepared statement (QueryOptions.prepared): on PostgreSQL with its generic plan. */
  prepared: boolean;
}

export function recording(sql: Sql, log: Statement[]): Sql {
  return {
    kind: sql.kind,
    query: (text, params = [], options) => {
      log.push({ text, params, prepared: options?.prepared === true });
      return sql.query(text, params, options);
    },
    exec: (text) => sql.exec(text),
    transaction: (fn) => sql.transaction((tx) => fn(recording(tx, log))),
    lane: (lane) => recording(sql.lane(lane), log),
    close: () => sql.close(),
  };
}
