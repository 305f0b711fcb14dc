/**
 * How record.field_writers is stored (issue 15). The map names, for each field, the device whose
 * edit last changed it (domain/merge.ts); stored as it is, a new ärende repeated its device id
 * for every one of its ~18 fields: about 1 KB of a 2.4 KB row, which then went over PostgreSQL's
 * 2 KB line and was compressed on every write, and was parsed and written again on every push.
 *
 * Stored now: the most common writer once, as `"*": [writer]`, and only the fields written by
 * another device by name; which fields have a writer is the key set of field_versions (every
 * write sets both, apply-mutation.ts). A map that does not fit that shape (a field without a
 * writer, a writer without a version, as rows from before field_writers have) is stored as it is.
 * Rows of either form read back the same map: the compact form is told by its array under "*",
 * and a map as it is holds only strings.
 */

const DEFAULT = '*';

type Stored = Record<string, string | string[]>;

/** The map as stored; `decodeFieldWriters(encodeFieldWriters(w, v), v)` gives `w` back. */
export function encodeFieldWriters(
  writers: Readonly<Record<string, string>>,
  versions: Readonly<Record<string, number>>,
): Stored {
  const fields = Object.keys(versions);
  const written = Object.keys(writers);
  const same =
    fields.length > 0 &&
    fields.length === written.length &&
    fields.every((f) => Object.hasOwn(writers, f) && typeof writers[f] === 'string');
  if (!same || Object.hasOwn(versions, DEFAULT)) return { ...writers };
  const counts = new Map<string, number>();
  for (const f of fields) {
    const w = writers[f] as string;
    counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  let common = '';
  let most = 0;
  for (const [w, n] of counts)
    if (n > most) {
      common = w;
      most = n;
    }
  return Object.fromEntries([
    [DEFAULT, [common]],
    ...fields.filter((f) => writers[f] !== common).map((f) => [f, writers[f] as string]),
  ]);
}

/** The map from a stored field_writers value of either form (null: none, as old rows may have). */
export function decodeFieldWriters(
  stored: Readonly<Record<string, unknown>> | null | undefined,
  versions: Readonly<Record<string, number>>,
): Record<string, string> {
  if (!stored) return {};
  const common = stored[DEFAULT];
  if (!Array.isArray(common)) return { ...(stored as Record<string, string>) };
  const writer = String(common[0]);
  return Object.fromEntries(
    Object.keys(versions).map((f) => {
      const own = Object.hasOwn(stored, f) ? stored[f] : undefined;
      return [f, typeof own === 'string' ? own : writer];
    }),
  );
}
