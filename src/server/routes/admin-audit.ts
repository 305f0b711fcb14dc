/** The audit row of an admin's change, by name (ids and field names only, never content). */
import type { AuthUser } from '../auth/sessions';
import type { Deps } from '../context';
import { writeAudit } from '../store/audit';

export type AdminAudit = (
  user: AuthUser,
  action: string,
  entity: string,
  recordId: string | null,
  fields?: readonly string[],
) => Promise<void>;

export const adminAudit =
  ({ sql, clock }: Pick<Deps, 'sql' | 'clock'>): AdminAudit =>
  (user, action, entity, recordId, fields) =>
    writeAudit(sql, {
      forbundId: user.forbundId,
      userId: user.id,
      deviceId: user.deviceId,
      action,
      entity,
      recordId,
      fields: fields ?? null,
      at: clock(),
    });
