/**
 * Applying one mutation of a device to the server's record: check the id and the text, parse the
 * changes, check access on the stored row, merge field by field (domain merge), validate the
 * merged record, store it with a new version. Runs inside the push transaction; a refusal is a
 * `rejected` outcome, changes nothing and is written to the audit log with its reason.
 */
import type { z } from 'zod';
import { ROLE_LABELS } from '../../domain/account';
import { audienceOf, ENTITIES, ENTITY_NAMES, type EntityName } from '../../domain/entities';
import { canonicalIdOf, isId } from '../../domain/id';
import { mergeChanges, sameValue } from '../../domain/merge';
import { UNSTORABLE_TEXT_MESSAGE, unstorablePaths } from '../../domain/storable-text';
import type { Mutation } from '../../domain/sync-protocol';
import { fieldErrors, swedishErrors } from '../../domain/validation';
import { moveArendeRecords } from '../store/casework';
import type { StoredRecord } from '../store/records';
import { applyDelete } from './apply-delete';
import { applyResponse } from './apply-response';
import { loadParentArende } from './casework-policies';
import { applied, type Outcome, rejected } from './outcome';
import { canAccess, POLICIES, type WriteContext } from './policies';
import { invalidFields, MutationRejected } from './rejection';
import { removeFromDevices } from './removals';

// What a mutation may set: the entity's editable fields, any subset, nothing else.
const CHANGE_SCHEMAS = Object.fromEntries(
  Object.entries(ENTITIES).map(([name, def]) => [name, def.fields.partial().strict()]),
) as Record<EntityName, z.ZodObject>;

export async function applyMutation(ctx: WriteContext, m: Mutation): Promise<Outcome> {
  try {
    checkEnvelope(m);
    // Generic scoping: a role outside the record kind's audience writes none of it.
    if (!audienceOf(m.entity).includes(ctx.user.role))
      throw new MutationRejected(
        'ej_behorig',
        `Som ${ROLE_LABELS[ctx.user.role].toLowerCase()} kan du inte ändra ${POLICIES[m.entity].noun}.`,
      );
    if (m.delete) return await applyDelete(ctx, m);
    // Enkät responses are write-once and kept apart from `record` (apply-response.ts).
    if (ENTITIES[m.entity].appendOnly) return await applyResponse(ctx, m);
    return await apply(ctx, m);
  } catch (err) {
    if (!(err instanceof MutationRejected)) throw err;
    const outcome = rejected({
      code: err.code,
      message: err.message,
      ...(err.fields ? { fields: err.fields } : {}),
    });
    // Every refusal is logged: who tried, from which device, on which id, and why (never content).
    ctx.batch.audit({
      action: 'refused',
      entity: m.entity,
      // An id in another spelling is named in its canonical form: the record it was aimed at.
      recordId: isId(m.recordId) ? m.recordId : canonicalIdOf(m.recordId),
      deviceId: ctx.deviceId,
      fields:
        outcome.status === 'rejected' && outcome.error.fields ? Object.keys(outcome.error.fields) : null,
      reason: err.code,
    });
    return outcome;
  }
}

/** The record id in its one form, and text the database can store, before anything is looked up. */
function checkEnvelope(m: Mutation): void {
  if (!isId(m.recordId))
    throw new MutationRejected(
      'ogiltigt_id',
      'Postens id har fel form (ett UUID med små bokstäver väntades). Ändringen sparades inte.',
    );
  const bad = unstorablePaths(m.changes);
  if (bad.length > 0) {
    const fields = Object.fromEntries(bad.map((path) => [path[0] ?? '_', UNSTORABLE_TEXT_MESSAGE]));
    throw new MutationRejected('ogiltig_text', UNSTORABLE_TEXT_MESSAGE, fields);
  }
}

async function apply(ctx: WriteContext, m: Mutation): Promise<Outcome> {
  const { user, now } = ctx;
  const def = ENTITIES[m.entity];
  const policy = POLICIES[m.entity];
  // Access is decided on the stored row whenever one exists, whatever kind the mutation names.
  const current = await ctx.batch.loadAny(m.recordId);
  if (current && !canAccess(user, current)) {
    throw new MutationRejected('ej_behorig', `Du har inte behörighet att ändra ${policy.noun}.`);
  }
  if (current && current.entity !== m.entity)
    throw new MutationRejected('id_upptaget', 'Id:t används redan av en annan post på servern.');
  const changes = parseChanges(m);
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
  const conflicts = merged.conflicts.map((c) => c.field);
  // Where the server keeps a value other than the one sent (a conflict, a resolver), the device
  // must pull the record again to show it; a record that changed gets a new change_seq anyway.
  const diverged = Object.keys(changes).some((f) => !sameValue(merged.next[f], changes[f]));
  if (current && merged.changed.length === 0) {
    if (diverged) ctx.batch.touch(current.id);
    return applied(current.version, conflicts);
  }

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
  const held = conflicts.length === 0 && heldBySender(m, current, changes, next);
  await store(
    ctx,
    m,
    current,
    { data: next, changed: merged.changed, ownWriter: held ? ctx.deviceId : null },
    parent,
  );
  return applied(version, conflicts);
}

// Set by the server on every write; the device keeps its own values of these (see README).
const SERVER_SET = new Set(['id', 'forbundId', 'createdAt', 'updatedAt', 'version']);

/**
 * Does the sending device hold the new record as it is? Yes when its edit was based on the version
 * the server had (so it has every other field as stored) and the server kept every value it sent
 * and changed nothing else. Its pulls then skip the record until the next version (records.ts).
 */
function heldBySender(
  m: Mutation,
  current: StoredRecord | null,
  changes: Record<string, unknown>,
  next: Record<string, unknown>,
): boolean {
  if (current ? m.baseVersion !== current.version : m.baseVersion !== null) return false;
  // What the device holds: the record as it was with its changes on top. Compared key by key
  // without building it (for every record of a push: spreading three objects of ~30 members was
  // the costliest step of applying a new ärende after validation).
  const before = current?.data ?? {};
  const held = (k: string) =>
    Object.hasOwn(changes, k) ? changes[k] : Object.hasOwn(before, k) ? before[k] : undefined;
  const same = (k: string) => SERVER_SET.has(k) || sameValue(next[k], held(k));
  for (const k in next) if (!same(k)) return false;
  for (const k in changes) if (!Object.hasOwn(next, k) && !same(k)) return false;
  for (const k in before) if (!Object.hasOwn(next, k) && !same(k)) return false;
  return true;
}

interface Write {
  data: Record<string, unknown>;
  changed: readonly string[];
  /** The device that holds this version as it is, if any (heldBySender). */
  ownWriter: string | null;
}

/** Saves the record with its new version and field versions, and logs which fields changed. */
async function store(
  { tx, user, deviceId, batch }: WriteContext,
  m: Mutation,
  current: StoredRecord | null,
  { data: next, changed, ownWriter }: Write,
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
    ownWriter,
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
    const moved = await moveArendeRecords(tx, {
      forbundId: user.forbundId,
      arendeId: m.recordId,
      enhetId,
      entities: CHILDREN,
    });
    batch.forgetChildrenOf(m.recordId);
    // Devices of the old enhet's users delete the ärende and its case work at their next pull.
    await removeFromDevices(tx, user.forbundId, [
      { entity: 'arende', id: m.recordId, enhetId: current.enhetId },
      ...moved.map((r) => ({ ...r, entity: r.entity as EntityName })),
    ]);
  }
}

const CHILDREN = ENTITY_NAMES.filter((e) => ENTITIES[e].parent === 'arende');

function parseChanges(m: Mutation): Record<string, unknown> {
  const parsed = CHANGE_SCHEMAS[m.entity].safeParse(m.changes, { error: swedishErrors });
  if (parsed.success) return parsed.data;
  const unknownKeys = parsed.error.issues.flatMap((i) => (i.code === 'unrecognized_keys' ? i.keys : []));
  if (unknownKeys.length > 0) {
    // The field names only (a name is not content); outcome.ts keeps none it cannot store.
    const message = 'Fältet finns inte. Ladda om appen så att den har den senaste versionen.';
    throw invalidFields(Object.fromEntries(unknownKeys.map((k) => [k, message])), 'okant_falt');
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
