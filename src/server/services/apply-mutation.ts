/**
 * Applying one mutation of a device to the server's record: parse the changes, check access,
 * merge field by field (domain merge), validate the merged record, store it with a new version.
 * Runs inside the push transaction; a refusal is a `rejected` result and changes nothing.
 */
import type { z } from 'zod';
import { ROLE_LABELS } from '../../domain/account';
import { audienceOf, ENTITIES, ENTITY_NAMES, type EntityName } from '../../domain/entities';
import { mergeChanges, sameValue } from '../../domain/merge';
import type { Mutation, MutationResult } from '../../domain/sync-protocol';
import { fieldErrors, swedishErrors } from '../../domain/validation';
import { moveArendeRecords } from '../store/casework';
import type { StoredRecord } from '../store/records';
import { applyResponse } from './apply-response';
import { loadParentArende } from './casework-policies';
import { canAccess, POLICIES, type WriteContext } from './policies';
import { invalidFields, MutationRejected } from './rejection';

// What a mutation may set: the entity's editable fields, any subset, nothing else.
const CHANGE_SCHEMAS = Object.fromEntries(
  Object.entries(ENTITIES).map(([name, def]) => [name, def.fields.partial().strict()]),
) as Record<EntityName, z.ZodObject>;

export async function applyMutation(ctx: WriteContext, m: Mutation): Promise<MutationResult> {
  try {
    // Generic scoping: a role outside the record kind's audience writes none of it.
    if (!audienceOf(m.entity).includes(ctx.user.role))
      throw new MutationRejected(
        'ej_behorig',
        `Som ${ROLE_LABELS[ctx.user.role].toLowerCase()} kan du inte ändra ${POLICIES[m.entity].noun}.`,
      );
    // Enkät responses are write-once and kept apart from `record` (apply-response.ts).
    if (ENTITIES[m.entity].appendOnly) return await applyResponse(ctx, m);
    return await apply(ctx, m);
  } catch (err) {
    if (!(err instanceof MutationRejected)) throw err;
    // A write outside the user's role, enheter or förbund is logged: who tried, on which id.
    if (err.code === 'ej_behorig')
      ctx.batch.audit({
        action: 'refused',
        entity: m.entity,
        recordId: m.recordId,
        deviceId: ctx.deviceId,
        fields: null,
      });
    const error = { code: err.code, message: err.message, ...(err.fields ? { fields: err.fields } : {}) };
    return { status: 'rejected', id: m.id, seq: m.seq, recordId: m.recordId, error };
  }
}

async function apply(ctx: WriteContext, m: Mutation): Promise<MutationResult> {
  const { user, now } = ctx;
  const def = ENTITIES[m.entity];
  const policy = POLICIES[m.entity];
  const changes = parseChanges(m);
  const current = await ctx.batch.load(m.entity, m.recordId);
  if (current && !canAccess(user, current)) {
    throw new MutationRejected('ej_behorig', `Du har inte behörighet att ändra ${policy.noun}.`);
  }
  checkBase(m, current, policy.noun);
  for (const field of def.createOnly) {
    if (current && field in changes && !sameValue(changes[field], current.data[field]))
      throw invalidFields({ [field]: 'Uppgiften kan inte ändras efter att den sparats första gången.' });
  }

  const merged = mergeChanges({
    current: current?.data ?? null,
    fieldVersions: current?.fieldVersions ?? {},
    fieldWriters: current?.fieldWriters ?? {},
    writer: ctx.deviceId,
    baseVersion: m.baseVersion,
    changes,
    resolvers: def.mergeField,
  });
  const applied = (record: Record<string, unknown>): MutationResult => ({
    status: 'applied',
    id: m.id,
    seq: m.seq,
    recordId: m.recordId,
    record,
    conflicts: merged.conflicts,
  });
  if (current && merged.changed.length === 0) return applied(current.data);

  const version = (current?.version ?? 0) + 1;
  const nowIso = now.toISOString();
  const next = validRecord(m.entity, {
    ...merged.next,
    id: m.recordId,
    forbundId: user.forbundId,
    createdAt: current?.data.createdAt ?? nowIso,
    updatedAt: nowIso,
    version,
  });
  const parent = def.parent ? await loadParentArende(ctx, String(next.arendeId)) : null;
  await policy.check(ctx, { current, next, changed: merged.changed, parent });
  await store(ctx, m, current, next, merged.changed, parent);
  return applied(next);
}

/** Saves the record with its new version and field versions, and logs which fields changed. */
async function store(
  { tx, user, deviceId, batch }: WriteContext,
  m: Mutation,
  current: StoredRecord | null,
  next: Record<string, unknown>,
  changed: readonly string[],
  parent: StoredRecord | null,
): Promise<void> {
  const version = Number(next.version);
  const fieldVersions = { ...current?.fieldVersions };
  const fieldWriters = { ...current?.fieldWriters };
  for (const f of changed) {
    fieldVersions[f] = version;
    fieldWriters[f] = deviceId;
  }
  const enhetId = POLICIES[m.entity].enhetOf(next, parent);
  const saved: StoredRecord = {
    entity: m.entity,
    id: m.recordId,
    forbundId: user.forbundId,
    enhetId,
    data: next,
    version,
    fieldVersions,
    fieldWriters,
  };
  batch.save(saved);
  batch.audit({
    action: current ? 'update' : 'create',
    entity: m.entity,
    recordId: m.recordId,
    deviceId,
    fields: changed,
  });
  // An ärende moved to another enhet takes its case work along, so that enhet's users pull it.
  if (m.entity === 'arende' && current && changed.includes('enhetId')) {
    await batch.flushRecords(); // the move below updates the table directly
    await moveArendeRecords(tx, {
      forbundId: user.forbundId,
      arendeId: m.recordId,
      enhetId,
      entities: CHILDREN,
    });
    batch.forgetChildrenOf(m.recordId);
  }
}

const CHILDREN = ENTITY_NAMES.filter((e) => ENTITIES[e].parent === 'arende');

function parseChanges(m: Mutation): Record<string, unknown> {
  const parsed = CHANGE_SCHEMAS[m.entity].safeParse(m.changes, { error: swedishErrors });
  if (parsed.success) return parsed.data;
  const unknownKeys = parsed.error.issues.flatMap((i) => (i.code === 'unrecognized_keys' ? i.keys : []));
  if (unknownKeys.length > 0) {
    const fields = Object.fromEntries(
      unknownKeys.map((k) => [
        k,
        `Fältet "${k}" finns inte. Ladda om appen så att den har den senaste versionen.`,
      ]),
    );
    throw invalidFields(fields, 'okant_falt');
  }
  throw invalidFields(fieldErrors(parsed.error.issues));
}

function checkBase(m: Mutation, current: StoredRecord | null, noun: string): void {
  if (m.baseVersion === null && current) {
    throw new MutationRejected(
      'finns_redan',
      `${capitalise(noun)} finns redan på servern och skapades inte igen.`,
    );
  }
  if (m.baseVersion !== null && !current) {
    throw new MutationRejected('finns_inte', `${capitalise(noun)} finns inte på servern.`);
  }
  if (m.baseVersion !== null && current && m.baseVersion > current.version) {
    throw new MutationRejected(
      'okand_version',
      `Ändringen bygger på en version av ${noun} som servern inte känner till. Synka och försök igen.`,
    );
  }
}

/** The merged record parsed by the entity's schema and its cross-field rules. */
function validRecord(entity: EntityName, candidate: Record<string, unknown>): Record<string, unknown> {
  const def = ENTITIES[entity];
  const parsed = def.record.safeParse(candidate, { error: swedishErrors });
  if (!parsed.success) throw invalidFields(fieldErrors(parsed.error.issues));
  const issues = def.crossFieldIssues(parsed.data as never);
  if (issues.length > 0) {
    const fields: Record<string, string> = {};
    for (const i of issues) fields[i.path] ??= i.message;
    throw invalidFields(fields);
  }
  return parsed.data;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
