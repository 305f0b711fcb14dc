/**
 * POST /sync/push: a device's mutations applied once and in order, in one transaction together
 * with the device's last applied sequence, so a batch sent again after a lost reply changes
 * nothing and gets the stored answers back.
 */
import type { Mutation, MutationResult, PushRequest, PushResponse } from '../../domain/sync-protocol';
import type { AuthUser } from '../auth/sessions';
import type { Deps } from '../context';
import { ApiError } from '../errors';
import type { Sql } from '../store/sql';
import { findForbund } from '../store/tenants';
import { applyMutation } from './apply-mutation';
import { createBatch } from './batch';

export async function push({ sql, clock }: Deps, user: AuthUser, req: PushRequest): Promise<PushResponse> {
  return sql.transaction(async (tx) => {
    // One writer per förbund at a time. nextval() is not transactional: without this lock a
    // transaction could take change_seq 10, commit after another one took 11, and a pull that
    // already returned cursor 11 would never see 10. Serialised, change_seq order is commit order
    // for every reader of the förbund. (PGlite runs one transaction at a time anyway.)
    await tx.query('select pg_advisory_xact_lock(hashtext($1))', [user.forbundId]);
    const now = clock();
    let lastSeq = await claimDevice(tx, req.deviceId, user, now);
    const forbund = await findForbund(tx, user.forbundId);
    if (!forbund) throw new Error(`Förbund ${user.forbundId} of user ${user.id} is missing`);
    const batch = await createBatch(
      tx,
      { forbundId: user.forbundId, userId: user.id, deviceId: req.deviceId, now },
      req.mutations.filter((m) => m.seq > lastSeq),
    );
    const ctx = { tx, user, forbund, deviceId: req.deviceId, now, batch };

    const results: MutationResult[] = [];
    for (const m of req.mutations) {
      if (m.seq <= lastSeq) {
        results.push(await storedResult(tx, req.deviceId, m));
        continue;
      }
      if (m.seq !== lastSeq + 1) {
        if (results.length > 0) break; // the device resends the rest after the last applied one
        throw new ApiError(
          409,
          'sekvens_lucka',
          'Ändringarna kom i fel ordning. De skickas om automatiskt vid nästa synkning.',
          undefined,
          { lastSeq },
        );
      }
      // A refused mutation is answered and counted too, so it never blocks the ones after it.
      const result = await applyMutation(ctx, m);
      batch.applied(m, result);
      lastSeq = m.seq;
      results.push(result);
    }
    await batch.flush();
    await tx.query('update device set last_seq = $2, last_seen_at = $3 where id = $1', [
      req.deviceId,
      lastSeq,
      now.toISOString(),
    ]);
    return { results, lastSeq };
  });
}

/** Registers the device on its first push; returns its last applied sequence. */
async function claimDevice(tx: Sql, deviceId: string, user: AuthUser, now: Date): Promise<number> {
  await tx.query(
    `insert into device (id, user_id, created_at, last_seen_at) values ($1, $2, $3, $3)
     on conflict (id) do nothing`,
    [deviceId, user.id, now.toISOString()],
  );
  const { rows } = await tx.query<{ user_id: string; last_seq: string; revoked_at: string | null }>(
    'select user_id, last_seq::text as last_seq, revoked_at from device where id = $1 for update',
    [deviceId],
  );
  const device = rows[0];
  if (!device || device.user_id !== user.id) {
    throw new ApiError(
      403,
      'annan_anvandares_apparat',
      'Den här apparaten är registrerad på en annan användare. Logga ut och in igen på apparaten.',
    );
  }
  if (device.revoked_at !== null) {
    throw new ApiError(
      403,
      'apparat_sparrad',
      'Den här apparaten har spärrats av en administratör och kan inte synka. Det som inte har synkats finns kvar på apparaten. Kontakta din administratör.',
    );
  }
  await tx.query('update session set device_id = $1 where token_hash = $2 and device_id is null', [
    deviceId,
    user.tokenHash,
  ]);
  return Number(device.last_seq);
}

async function storedResult(tx: Sql, deviceId: string, m: Mutation): Promise<MutationResult> {
  const { rows } = await tx.query<{ mutation_id: string; result: MutationResult }>(
    'select mutation_id, result from applied_mutation where device_id = $1 and seq = $2',
    [deviceId, m.seq],
  );
  const row = rows[0];
  if (row && row.mutation_id === m.id) return row.result;
  // The sequence was used by a different mutation: the device's numbering is broken (e.g. its
  // outbox was reset under the same device id). Refuse without storing anything.
  return {
    status: 'rejected',
    id: m.id,
    seq: m.seq,
    recordId: m.recordId,
    error: {
      code: 'sekvens_anvand',
      message: 'Ändringen har ett nummer som redan använts från den här apparaten och sparades inte.',
    },
  };
}
