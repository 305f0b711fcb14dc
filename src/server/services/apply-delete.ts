/**
 * Applying a deletion from a device (a mutation with `delete: true`): only for kinds the registry
 * marks deletable, only by a user who may edit the record. The record leaves the server and, through
 * the pull, every device that held it. A deletion wins over an edit made meanwhile on another device
 * (the user chose to remove what was written); deleting what is already gone is done, not refused.
 */
import { ENTITIES } from '../../domain/entities';
import type { Mutation, MutationResult } from '../../domain/sync-protocol';
import { canAccess, POLICIES, type WriteContext } from './policies';
import { MutationRejected } from './rejection';

export async function applyDelete(ctx: WriteContext, m: Mutation): Promise<MutationResult> {
  const { noun } = POLICIES[m.entity];
  if (!ENTITIES[m.entity].deletable)
    throw new MutationRejected('kan_inte_tas_bort', `Det går inte att ta bort ${noun}.`);
  if (Object.keys(m.changes).length > 0)
    throw new MutationRejected(
      'ogiltig_borttagning',
      'En borttagning kan inte samtidigt ändra uppgifter. Ladda om appen och försök igen.',
    );
  const done: MutationResult = {
    status: 'applied',
    id: m.id,
    seq: m.seq,
    recordId: m.recordId,
    record: {},
    conflicts: [],
  };
  const current = await ctx.batch.load(m.entity, m.recordId);
  if (!current) return done;
  if (!canAccess(ctx.user, current))
    throw new MutationRejected('ej_behorig', `Du har inte behörighet att ta bort ${noun}.`);
  await ctx.batch.remove(m.entity, m.recordId);
  ctx.batch.audit({
    action: 'delete',
    entity: m.entity,
    recordId: m.recordId,
    deviceId: ctx.deviceId,
    fields: null,
  });
  return done;
}
