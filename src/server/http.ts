/** Reading request bodies: JSON first, then the route's zod schema, each with a Swedish 400. */
import { setImmediate } from 'node:timers/promises';
import type { Context } from 'hono';
import type { z } from 'zod';
import { isStorableText, UNSTORABLE_TEXT_MESSAGE, unstorablePaths } from '../domain/storable-text';
import { fieldErrors, swedishErrors } from '../domain/validation';
import { ApiError, MESSAGES } from './errors';

/** Characters above which reading a body lets the event loop come round between its steps. */
const LARGE_BODY = 256 * 1024;

/**
 * The body as text, decoded (UTF-8, invalid bytes as U+FFFD, a leading BOM dropped: as
 * Request.text()) chunk by chunk as it arrives, so a 10 MB body is not decoded in one long step
 * at its end.
 */
export async function readText(req: Request): Promise<string> {
  if (!req.body) return '';
  const decoder = new TextDecoder();
  const parts: string[] = [];
  for await (const chunk of req.body) parts.push(decoder.decode(chunk, { stream: true }));
  parts.push(decoder.decode());
  return parts.join('');
}

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
  // Decoding, parsing and validating a large body (a push of up to 10 MB) are each one long step
  // of the event loop; other requests (a health check, another förbund's) get a turn between them.
  let raw: unknown;
  let large = false;
  try {
    const text = await readText(c.req.raw);
    large = text.length > LARGE_BODY;
    if (large) await setImmediate();
    raw = JSON.parse(text);
  } catch {
    throw new ApiError(400, 'ogiltig_json', MESSAGES.ogiltigJson);
  }
  if (large) await setImmediate();
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
