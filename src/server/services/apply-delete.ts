/**
 * Applying a deletion from a device (a mutation with `delete: true`): only for kinds the registry
 * marks deletable, only by a user who may edit the record. The record leaves the server and, through
 * the pull, every device that held it. A deletion wins over an edit made meanwhile on another device
 * (the user chose to remove what was written); deleting what is already gone is done, not refused.
 */
import { ENTITIES } from '../../domain/entities';
import type { Mutation } from '../../domain/sync-protocol';
import { applied, type Outcome } from './outcome';
import { canAccess, POLICIES, type WriteContext } from './policies';
import { MutationRejected } from './rejection';
import { removeFromDevices } from './removals';

export async function applyDelete(ctx: WriteContext, m: Mutation): Promise<Outcome> {
  const { noun } = POLICIES[m.entity];
  if (!ENTITIES[m.entity].deletable)
    throw new MutationRejected('kan_inte_tas_bort', `Det går inte att ta bort ${noun}.`);
  if (Object.keys(m.changes).length > 0)
    throw new MutationRejected(
      'ogiltig_borttagning',
      'En borttagning kan inte samtidigt ändra uppgifter. Ladda om appen och försök igen.',
    );
  // A deleted record has no version; the answer names none.
  const done = applied(null, []);
  // Access is decided on the stored row, whatever kind the mutation names (as for an edit).
  const current = await ctx.batch.loadAny(m.recordId);
  if (!current) return done;
  if (!canAccess(ctx.user, current))
    throw new MutationRejected('ej_behorig', `Du har inte behörighet att ta bort ${noun}.`);
  if (current.entity !== m.entity)
    throw new MutationRejected('id_upptaget', 'Id:t används redan av en annan post på servern.');
  await ctx.batch.remove(m.entity, m.recordId);
  // Every other device that holds it (of the enhet, or förbund-wide) drops it at its next pull.
  await removeFromDevices(ctx.tx, ctx.user.forbundId, [
    { entity: m.entity, id: m.recordId, enhetId: current.enhetId },
  ]);
  ctx.batch.audit({
    action: 'delete',
    entity: m.entity,
    recordId: m.recordId,
    deviceId: ctx.deviceId,
    fields: null,
  });
  return done;
}
