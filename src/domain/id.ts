/**
 * The one form of an id at the trust boundary: a UUID written in lower case, exactly as devices
 * (crypto.randomUUID) and the server (gen_random_uuid) make them. Other spellings of the same UUID
 * (upper case, braces, no hyphens) are refused, never normalised: PostgreSQL's uuid type would
 * treat "ABC…" and "abc…" as one row while code comparing strings would not, and that gap is how a
 * write could slip past an access check. Every id in every body, path and query uses this schema.
 */
import { z } from './zod';

/** Versions 1–8 and the RFC 9562 variant, as zod's uuid(), but lower case only. */
export const CANONICAL_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export const ID_MESSAGE = 'Id:t har fel form. Det ska vara ett UUID med små bokstäver.';

/** An id schema; `message` replaces the generic one where a form shows it to a user. */
export const id = (message: string = ID_MESSAGE) =>
  z.string({ error: message }).regex(CANONICAL_ID, { message });

export const Id = id();
export type Id = z.infer<typeof Id>;

export const isId = (v: unknown): v is string => typeof v === 'string' && CANONICAL_ID.test(v);

/**
 * The canonical form of a UUID written another way (upper case, braces, "urn:uuid:", no hyphens),
 * or null. Never used to look anything up: only so the audit log can name the record that a
 * refused id in another spelling was aimed at.
 */
export function canonicalIdOf(v: string): string | null {
  const hex = v
    .trim()
    .toLowerCase()
    .replace(/^urn:uuid:/, '')
    .replace(/^\{(.*)\}$/, '$1')
    .replaceAll('-', '');
  if (!/^[0-9a-f]{32}$/.test(hex)) return null;
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return isId(id) ? id : null;
}
