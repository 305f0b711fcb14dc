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
}

export const NO_FILTER: ArendeFilter = { query: '', status: '', behovsgrupp: '' };

const normalise = (s: string) => s.toUpperCase().replace(/[\s-]/g, '');

export function filterArenden(list: readonly LocalArende[], f: ArendeFilter): readonly LocalArende[] {
  const q = normalise(f.query);
  if (!q && !f.status && !f.behovsgrupp) return list;
  return list.filter(
    (a) =>
      (!q || normalise(a.code).includes(q)) &&
      (!f.status || a.status === f.status) &&
      (!f.behovsgrupp || a.behovsgrupp === f.behovsgrupp),
  );
}
