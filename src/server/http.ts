/** Reading request bodies: JSON first, then the route's zod schema, each with a Swedish 400. */
import type { Context } from 'hono';
import type { z } from 'zod';
import { isStorableText, UNSTORABLE_TEXT_MESSAGE, unstorablePaths } from '../domain/storable-text';
import { fieldErrors, swedishErrors } from '../domain/validation';
import { ApiError, MESSAGES } from './errors';

/**
 * The parsed body. `summary` is the message when the schema refuses it; without one the first
 * field's message is used (fit for small forms such as sign-in). Text the database cannot store
 * (a NUL, a lone surrogate; domain/storable-text.ts) is refused with a 400 before the schema runs,
 * unless `textPerItem`: the push refuses such text per mutation instead (services/apply-mutation.ts).
 */
export async function readBody<S extends z.ZodType>(
  c: Context,
  schema: S,
  summary?: string,
  { textPerItem = false }: { textPerItem?: boolean } = {},
): Promise<z.output<S>> {
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    throw new ApiError(400, 'ogiltig_json', MESSAGES.ogiltigJson);
  }
  if (!textPerItem) {
    const bad = unstorablePaths(raw);
    if (bad.length > 0) {
      const fields = Object.fromEntries(
        bad.map((path) => [path.filter((p) => isStorableText(p)).join('.') || '_', UNSTORABLE_TEXT_MESSAGE]),
      );
      throw new ApiError(400, 'ogiltig_text', UNSTORABLE_TEXT_MESSAGE, fields);
    }
  }
  const parsed = schema.safeParse(raw, { error: swedishErrors });
  if (parsed.success) return parsed.data;
  const fields = fieldErrors(parsed.error.issues);
  const message = summary ?? Object.values(fields)[0] ?? 'Uppgifterna är inte giltiga.';
  throw new ApiError(400, 'ogiltig_begaran', message, fields);
}
