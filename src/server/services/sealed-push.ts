/**
 * POST /api/sync/push-sealed: the service worker's push. The boxes are opened with the förbund's
 * seal key and their mutations run through exactly the page's push (routes/sealed-sync.ts calls
 * services/push.ts through the same gate and lane as POST /api/sync/push): the same
 * idempotency by device sequence and mutation id, the same access checks and text guard, the same
 * content-free answers. A box that does not open, names another device or lacks the secret issued
 * with the credential refuses the whole batch and changes nothing.
 */

import { openBox, type SealedBox } from '../../domain/sealed-box';
import { SealedMutation, type SealedPushRequest } from '../../domain/sealed-push';
import { PushRequest } from '../../domain/sync-protocol';
import { fieldErrors, swedishErrors } from '../../domain/validation';
import type { PushAuth } from '../auth/push-credential';
import { secretMatches } from '../auth/push-credential';
import { ApiError } from '../errors';
import { sealKeyPairOf } from '../store/seal-keys';
import type { Sql } from '../store/sql';

const UNOPENABLE = new ApiError(
  400,
  'forseglad_ogiltig',
  'De förseglade ändringarna kunde inte öppnas och togs inte emot. Öppna Fältsam och lås upp för att synka.',
);

const NOT_THIS_DEVICE = new ApiError(
  403,
  'forseglad_fel_apparat',
  'De förseglade ändringarna hör inte till den här apparaten och togs inte emot.',
);

type KeyPair = NonNullable<Awaited<ReturnType<typeof sealKeyPairOf>>>;

async function opened(keys: KeyPair, box: SealedBox): Promise<SealedMutation> {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(await openBox(keys, box));
    return SealedMutation.parse(JSON.parse(text));
  } catch {
    throw UNOPENABLE;
  }
}

/**
 * The boxes opened into the push request they hold, for the credential's device; refused whole
 * when any box does not open, names another device or lacks the credential's secret.
 */
export async function openSealedPush(sql: Sql, auth: PushAuth, req: SealedPushRequest): Promise<PushRequest> {
  const keys = await sealKeyPairOf(sql, auth.user.forbundId);
  if (!keys) throw UNOPENABLE;
  const mutations: unknown[] = [];
  for (const box of req.boxes) {
    const m = await opened(keys, box);
    if (m.deviceId !== auth.deviceId || !secretMatches(auth, m.secret)) throw NOT_THIS_DEVICE;
    mutations.push(m.mutation);
  }
  const parsed = PushRequest.safeParse({ deviceId: auth.deviceId, mutations }, { error: swedishErrors });
  if (!parsed.success) {
    throw new ApiError(
      400,
      'ogiltig_begaran',
      'Synkdata har fel form och togs inte emot. Inget har ändrats.',
      fieldErrors(parsed.error.issues),
    );
  }
  return parsed.data;
}
