/**
 * Field-level merge of an edit into the server's record. Fields changed on one side only merge;
 * a field changed on both sides since the edit's base keeps the server's value and the losing
 * value is reported as a conflict. Pure and deterministic: the server is the tiebreak.
 *
 * A device has always seen its own earlier edits, so a field whose last change came from the same
 * device is not a concurrent change, whatever the edit's base (e.g. a create and an edit made
 * offline and pushed in one batch: the edit's base is 0, the create made version 1).
 */

export interface MergeInput {
  /** The server's current record fields, or null when the record does not exist yet. */
  current: Record<string, unknown> | null;
  /** For each field, the record version at which it last changed on the server. */
  fieldVersions: Record<string, number>;
  /** For each field, the device whose edit last changed it (absent: unknown, another device). */
  fieldWriters?: Record<string, string>;
  /** The device that made this edit. */
  writer?: string;
  /** The version the edit was based on (null for a create). */
  baseVersion: number | null;
  changes: Record<string, unknown>;
  /**
   * Fields that converge rather than conflict: the value to keep given the server's and the edit's
   * (e.g. a status that only moves forward). Applied whenever the record exists, concurrent or not.
   */
  resolvers?: Record<string, (server: unknown, local: unknown) => unknown> | undefined;
}

export interface MergeOutput {
  next: Record<string, unknown>;
  /** Fields whose value actually changed. */
  changed: string[];
  conflicts: { field: string; local: unknown; server: unknown }[];
}

export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

export function mergeChanges({
  current,
  fieldVersions,
  fieldWriters = {},
  writer,
  baseVersion,
  changes,
  resolvers = {},
}: MergeInput): MergeOutput {
  const next: Record<string, unknown> = { ...(current ?? {}) };
  const changed: string[] = [];
  const conflicts: MergeOutput['conflicts'] = [];
  const base = baseVersion ?? 0;
  for (const field of Object.keys(changes).sort()) {
    const local = changes[field];
    const server = current ? current[field] : undefined;
    if (current && sameValue(server, local)) continue;
    const resolve = Object.hasOwn(resolvers, field) ? resolvers[field] : undefined;
    if (current && resolve) {
      const kept = resolve(server, local);
      if (sameValue(kept, server)) continue;
      next[field] = kept;
      changed.push(field);
      continue;
    }
    const changedSinceBase = current !== null && (fieldVersions[field] ?? 0) > base;
    const byThisDevice = writer !== undefined && fieldWriters[field] === writer;
    if (changedSinceBase && !byThisDevice) {
      conflicts.push({ field, local, server });
      continue;
    }
    next[field] = local;
    changed.push(field);
  }
  return { next, changed, conflicts };
}
