/**
 * Searching and filtering the ärende list in memory: a device holds at most a few thousand
 * ärenden, so one pass over the array per keystroke is far below a frame.
 */
import type { LocalArende } from '../db/arende-repo';
import type { Arende } from '../domain/arende';

export interface ArendeFilter {
  /** Part of a pseudonym code; case, spaces and a missing hyphen do not matter. */
  query: string;
  status: Arende['status'] | '';
  behovsgrupp: string;
  /**
   * A handläggare sees every ärende of their enheter (colleagues cover for each other, and an
   * överlämning needs both to see it) but starts on their own: 'mina' = where they are ansvarig.
   */
  vem: 'mina' | 'alla';
}

export const NO_FILTER: ArendeFilter = { query: '', status: '', behovsgrupp: '', vem: 'mina' };

const normalise = (s: string) => s.toUpperCase().replace(/[\s-]/g, '');

/** What the search and the filters look at. */
export type FilterableArende = Pick<LocalArende, 'code' | 'status' | 'behovsgrupp' | 'handlaggareId'>;

/** `userId`: the signed-in user, for 'mina'; without it every ärende counts as theirs. */
export function filterArenden<T extends FilterableArende>(
  list: readonly T[],
  f: ArendeFilter,
  userId?: string,
): readonly T[] {
  const q = normalise(f.query);
  const mine = f.vem === 'mina' && userId !== undefined;
  if (!q && !f.status && !f.behovsgrupp && !mine) return list;
  return list.filter(
    (a) =>
      (!mine || a.handlaggareId === userId) &&
      (!q || normalise(a.code).includes(q)) &&
      (!f.status || a.status === f.status) &&
      (!f.behovsgrupp || a.behovsgrupp === f.behovsgrupp),
  );
}
