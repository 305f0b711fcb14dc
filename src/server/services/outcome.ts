/**
 * What the server keeps of each applied or refused mutation, and the one way an answer is made
 * from it. The outcome holds no record content (no field values): status, the record's new
 * version, the names of conflicting fields, or a refusal's code and Swedish message with the
 * names of the fields it is about. The first answer and every answer to a resend are built from
 * the same stored outcome by `resultOf`, so they are the same, byte for byte.
 */
import { isStorableText } from '../../domain/storable-text';
import type { ErrorBody, Mutation, MutationResult } from '../../domain/sync-protocol';

export type Outcome =
  | { status: 'applied'; version: number | null; conflicts: string[] }
  | { status: 'rejected'; error: ErrorBody };

/** An outcome as a push's row of applied_batch keeps it (migration 018), with its mutation's id. */
export type StoredAnswer =
  | { mutation_id: string; status: 'applied'; version?: number; conflicts: string[] }
  | { mutation_id: string; status: 'rejected'; error: ErrorBody };

const MAX_FIELD_NAME = 100;

/**
 * Field names as they may be kept and sent: a name the server cannot store or that is too long
 * to be one of ours (a client may send anything as a key) becomes "_", the record as a whole.
 */
function fieldNames(fields: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(fields)) {
    const key = k.length <= MAX_FIELD_NAME && isStorableText(k) ? k : '_';
    out[key] ??= v;
  }
  return out;
}

export function rejected(error: ErrorBody): Outcome {
  const clean: ErrorBody = { code: error.code, message: error.message };
  if (error.fields && Object.keys(error.fields).length > 0) clean.fields = fieldNames(error.fields);
  return { status: 'rejected', error: clean };
}

export function applied(version: number | null, conflicts: readonly string[]): Outcome {
  return { status: 'applied', version, conflicts: [...conflicts] };
}

/** The answer to mutation `m`: members in a fixed order, field messages sorted by field name. */
export function resultOf(m: Pick<Mutation, 'id' | 'seq' | 'recordId'>, o: Outcome): MutationResult {
  const head = { status: o.status, id: m.id, seq: m.seq, recordId: m.recordId };
  if (o.status === 'applied')
    return {
      ...head,
      status: 'applied',
      version: o.version,
      conflicts: o.conflicts.map((field) => ({ field })),
    };
  const error: ErrorBody = { code: o.error.code, message: o.error.message };
  if (o.error.fields) {
    const sorted = Object.keys(o.error.fields).sort();
    error.fields = Object.fromEntries(sorted.map((k) => [k, o.error.fields?.[k] ?? '']));
  }
  return { ...head, status: 'rejected', error };
}

export function outcomeOfAnswer(a: StoredAnswer): Outcome {
  return a.status === 'applied' ? applied(a.version ?? null, a.conflicts) : rejected(a.error);
}
