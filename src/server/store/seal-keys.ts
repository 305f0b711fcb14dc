/**
 * The förbund's seal key pair (migration 012): made on first use, then the same until rotated.
 * One per förbund rather than one per server: a box sealed for one förbund cannot be opened as
 * another's (the key id is bound into every box), and a förbund's key can be replaced alone.
 */
import { randomUUID } from 'node:crypto';
import { generateSealKeyPair, importSealPrivateKey, type SealKey } from '../../domain/sealed-box';
import type { Sql } from './sql';

export async function sealKeyOf(sql: Sql, forbundId: string, now: Date): Promise<SealKey> {
  const existing = await sql.query<{ kid: string; public_key: string }>(
    'select kid, public_key from forbund_seal_key where forbund_id = $1',
    [forbundId],
  );
  const found = existing.rows[0];
  if (found) return { kid: found.kid, publicKey: found.public_key };
  const pair = await generateSealKeyPair();
  await sql.query(
    `insert into forbund_seal_key (forbund_id, kid, public_key, private_jwk, created_at)
     values ($1, $2, $3, $4::jsonb, $5) on conflict (forbund_id) do nothing`,
    [forbundId, randomUUID(), pair.publicKey, JSON.stringify(pair.privateJwk), now.toISOString()],
  );
  const { rows } = await sql.query<{ kid: string; public_key: string }>(
    'select kid, public_key from forbund_seal_key where forbund_id = $1',
    [forbundId],
  );
  const row = rows[0];
  if (!row) throw new Error(`No seal key for förbund ${forbundId}`);
  return { kid: row.kid, publicKey: row.public_key };
}

/** The förbund's key pair for opening boxes, or null when it has none (nothing was sealed for it). */
export async function sealKeyPairOf(
  sql: Sql,
  forbundId: string,
): Promise<{ kid: string; publicKey: string; privateKey: CryptoKey } | null> {
  const { rows } = await sql.query<{ kid: string; public_key: string; private_jwk: JsonWebKey | string }>(
    'select kid, public_key, private_jwk from forbund_seal_key where forbund_id = $1',
    [forbundId],
  );
  const row = rows[0];
  if (!row) return null;
  const jwk =
    typeof row.private_jwk === 'string' ? (JSON.parse(row.private_jwk) as JsonWebKey) : row.private_jwk;
  return { kid: row.kid, publicKey: row.public_key, privateKey: await importSealPrivateKey(jwk) };
}
