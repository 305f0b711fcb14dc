/**
 * POST /sync/push: a device's mutations applied once and in order, in one transaction together
 * with the device's last applied sequence and each mutation's outcome, so a batch sent again after
 * a lost reply changes nothing and gets the same answers back, built from the stored outcomes.
 *
 * Pushes of a förbund run side by side (in one process and across several). What a förbund-wide
 * lock used to protect holds without it: the pull order (services/pull.ts: rows are pulled only
 * below the oldest running transaction), one device's sequence (its device row is locked for
 * the transaction), a record edited from two devices (its row is locked when read), and unique
 * codes and responses (the database's unique indexes; the loser runs again, store/retry.ts).
 */
import type { Mutation, MutationResult, PushRequest, PushResponse } from '../../domain/sync-protocol';
import type { AuthUser } from '../auth/sessions';
import type { Deps } from '../context';
import { ApiError } from '../errors';
import { retryOnCollision } from '../store/retry';
import type { Sql } from '../store/sql';
import type { Forbund } from '../store/tenants';
import { applyMutation } from './apply-mutation';
import { createBatch } from './batch';
import { createTurnTaker } from './event-loop';
import { type Outcome, outcomeOfAnswer, rejected, resultOf, type StoredAnswer } from './outcome';

/**
 * A push in its turns, as both push routes run it (routes/sync.ts, routes/sealed-sync.ts; the body
 * already received, so a slow upload holds no turn): after the device's earlier push (`deviceKey`),
 * then in the förbund's queue, holding no connection; only then is the request made from the body
 * (`prepare`: parsed, checked, for the sealed push opened – the CPU part, so a wave's bodies are
 * handled a turn at a time, not all at once ahead of every other förbund's request, issue 19); then
 * the transaction on the push lane, again if it collided with a concurrent push (store/retry.ts).
 */
export function pushInTurn(
  deps: Deps,
  user: AuthUser,
  deviceKey: string,
  prepare: () => Promise<PushRequest>,
): Promise<PushResponse> {
  return deps.gates.device.run(deviceKey, () =>
    deps.gates.push.run(user.forbundId, async () => {
      const req = await prepare();
      return retryOnCollision(() => push({ ...deps, sql: deps.sql.lane('push') }, user, req));
    }),
  );
}

export async function push({ sql, clock }: Deps, user: AuthUser, req: PushRequest): Promise<PushResponse> {
  return sql.transaction(async (tx) => {
    const now = clock();
    const claimed = await claimDevice(tx, req.deviceId, user, now);
    const { forbund } = claimed;
    let { lastSeq } = claimed;
    const batch = await createBatch(
      tx,
      { forbundId: user.forbundId, userId: user.id, deviceId: req.deviceId, now },
      req.mutations.filter((m) => m.seq > lastSeq),
    );
    const ctx = { tx, user, forbund, deviceId: req.deviceId, now, batch };
    // The outcomes of this device's sequences: stored ones for a resend, and those of this batch
    // as they are decided, so a mutation sent twice in one batch gets the same answer twice.
    const known = await storedOutcomes(
      tx,
      req.deviceId,
      req.mutations.filter((m) => m.seq <= lastSeq).map((m) => m.seq),
    );

    const results: MutationResult[] = [];
    const takeTurn = createTurnTaker();
    for (const m of req.mutations) {
      await takeTurn();
      if (m.seq <= lastSeq) {
        results.push(resultOf(m, replay(known.get(m.seq), m)));
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
      const outcome = await applyMutation(ctx, m);
      batch.applied(m, outcome);
      known.set(m.seq, { mutationId: m.id, outcome });
      lastSeq = m.seq;
      results.push(resultOf(m, outcome));
    }
    // The device's row and the answers it has stored go with the batch's last writes.
    await batch.flush({ lastSeq, pruneBelow: pruneBelow(req.mutations, req.answeredThrough) });
    return { results, lastSeq };
  });
}

/**
 * Below which sequence the device's stored answers are forgotten (at the push's end, batch.ts
 * endPush). A device sends its outbox from the oldest entry it has no answer for, so it never
 * sends those sequences again: a batch starting at 120 says every answer up to 119 has arrived and
 * been stored on the device. A device that sends its next batch before the answer to the one
 * before has come (a pipelined push) says how far its answers go (`answeredThrough`); the lower of
 * the two bounds is taken, so an answer still on its way is kept for a resend. What stays is the
 * answers from the device's last batch on, whenever it comes back (README, "Säkerhet och
 * dataskydd").
 */
function pruneBelow(mutations: readonly Mutation[], answeredThrough: number | undefined): number {
  const lowest = Math.min(...mutations.map((m) => m.seq));
  return answeredThrough === undefined ? lowest : Math.min(lowest, answeredThrough + 1);
}

interface Known {
  mutationId: string;
  outcome: Outcome;
}

async function storedOutcomes(
  tx: Sql,
  deviceId: string,
  seqs: readonly number[],
): Promise<Map<number, Known>> {
  const known = new Map<number, Known>();
  if (seqs.length === 0) return known;
  // The pushes whose ranges reach the lowest sequence asked for (last_seq >= it: the key's order).
  const { rows } = await tx.query<{ first_seq: string; answers: StoredAnswer[] }>(
    `select first_seq::text as first_seq, answers from applied_batch
      where device_id = $1 and last_seq >= $2 and first_seq <= $3`,
    [deviceId, Math.min(...seqs), Math.max(...seqs)],
  );
  const wanted = new Set(seqs);
  for (const r of rows) {
    const first = Number(r.first_seq);
    r.answers.forEach((a, i) => {
      if (wanted.has(first + i))
        known.set(first + i, { mutationId: a.mutation_id, outcome: outcomeOfAnswer(a) });
    });
  }
  return known;
}

/** The stored outcome of a sequence sent again; a different mutation under a used sequence is refused. */
function replay(k: Known | undefined, m: Mutation): Outcome {
  if (k && k.mutationId === m.id) return k.outcome;
  // The sequence was used by a different mutation: the device's numbering is broken (e.g. its
  // outbox was reset under the same device id). Refuse without storing anything.
  return rejected({
    code: 'sekvens_anvand',
    message: 'Ändringen har ett nummer som redan använts från den här apparaten och sparades inte.',
  });
}

/**
 * Registers the device on its first push, locks its row for the transaction (a device's pushes
 * apply one after the other) and binds the session to it; returns its last applied sequence and
 * the user's förbund. One statement (it was four round trips): the insert that finds the row
 * already there updates it instead, which locks it and returns it as it is; the session is bound
 * only to a device of the user that is not blocked (a refusal below rolls the rest back anyway).
 */
async function claimDevice(
  tx: Sql,
  deviceId: string,
  user: AuthUser,
  now: Date,
): Promise<{ lastSeq: number; forbund: Forbund }> {
  const { rows } = await tx.query<{
    user_id: string;
    last_seq: string;
    revoked_at: string | null;
    forbund: Forbund | null;
  }>(
    `with device_row as (
       insert into device as d (id, user_id, created_at, last_seen_at) values ($1, $2, $3, $3)
       on conflict (id) do update set last_seen_at = d.last_seen_at
       returning d.user_id, d.last_seq, d.revoked_at),
     bound as (
       update session set device_id = $1
        where token_hash = $4 and device_id is null
          and exists (select 1 from device_row where user_id = $2 and revoked_at is null))
     select user_id, last_seq::text as last_seq, revoked_at,
            (select json_build_object('id', f.id, 'namn', f.namn, 'behovsgrupper', f.behovsgrupper)
               from forbund f where f.id = $5) as forbund
       from device_row`,
    [deviceId, user.id, now.toISOString(), user.tokenHash, user.forbundId],
    { prepared: true },
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
  if (!device.forbund) throw new Error(`Förbund ${user.forbundId} of user ${user.id} is missing`);
  return { lastSeq: Number(device.last_seq), forbund: device.forbund };
}
