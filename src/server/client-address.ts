/**
 * The address a request came from, for the per-address sign-in limit: the socket's peer address,
 * or — only when the server is told it sits behind a reverse proxy (TRUST_PROXY) — the last entry
 * of X-Forwarded-For, which is the one that proxy added (entries before it are the client's own
 * claims and can be forged). null when unknown (in-process tests without a socket).
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

export function clientAddress(c: Context, trustProxy: boolean): string | null {
  if (trustProxy) {
    const forwarded = (c.req.header('X-Forwarded-For') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .at(-1);
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? null;
  } catch {
    return null;
  }
}
