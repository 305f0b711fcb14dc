import { postgresBinDir } from '../../tests/helpers/postgres-cluster';
import { note } from './report';

/** PostgreSQL's binaries for a throwaway cluster; undefined, said on stderr, when there are none. */
export function postgresBinaries(scope: string): string | undefined {
  try {
    return postgresBinDir();
  } catch (err) {
    note(scope, `PostgreSQL not measured: ${String(err)}`);
    return undefined;
  }
}
