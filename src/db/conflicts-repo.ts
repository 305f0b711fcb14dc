/**
 * Conflicts: a field this device changed that another device changed first. The server kept its
 * value; the losing value waits here until the user keeps the server's or re-applies their own
 * (which is then an ordinary edit through the outbox). Works offline.
 */
import { ENTITIES } from '../domain/entities';
import { fieldErrors, swedishErrors, ValidationError } from '../domain/validation';
import { openConflicts } from './codec';
import type { ConflictRow, FaltsamDb } from './database';
import { readRecord, writeWithOutbox } from './records';

export async function listConflicts(db: FaltsamDb, recordId: string): Promise<ConflictRow[]> {
  const rows = await openConflicts(db, await db.conflicts.where('recordId').equals(recordId).toArray());
  return rows.sort((a, b) => a.field.localeCompare(b.field));
}

/** Resolves one conflict; 'mine' writes the losing value again as a new edit. */
export async function resolveConflict(db: FaltsamDb, id: string, keep: 'server' | 'mine', now = new Date()) {
  const stored = await db.conflicts.get(id);
  if (!stored) return;
  const [conflict] = (await openConflicts(db, [stored])) as [ConflictRow];
  if (keep === 'mine') {
    const current = await readRecord(db, conflict.entity, conflict.recordId);
    if (!current) throw new ValidationError({ _: 'Posten finns inte längre på apparaten.' });
    const def = ENTITIES[conflict.entity];
    const next = { ...current, [conflict.field]: conflict.local, updatedAt: now.toISOString() };
    const parsed = def.record.safeParse(next, { error: swedishErrors });
    if (!parsed.success) throw new ValidationError(fieldErrors(parsed.error.issues));
    const issues = def.crossFieldIssues(next as never);
    if (issues.length > 0)
      throw new ValidationError(Object.fromEntries(issues.map((i) => [i.path, i.message])));
    await writeWithOutbox(db, {
      entity: conflict.entity,
      record: next as typeof next & { id: string },
      baseVersion: Number(current.version ?? 0),
      changes: { [conflict.field]: conflict.local },
      at: now.toISOString(),
    });
  }
  await db.conflicts.delete(id);
}
