/** Reading request bodies: JSON first, then the route's zod schema, each with a Swedish 400. */
import { setImmediate } from 'node:timers/promises';
import type { Context, MiddlewareHandler } from 'hono';
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

/** A body that went past the limit while it was read (limitBody). */
class BodyTooLarge extends Error {}

const tooLarge = () => new ApiError(413, 'for_stor', MESSAGES.forStor);

/**
 * The size limit of request bodies, without reading any. A length announced over the limit is
 * refused at once; a body that comes without one (chunked) is counted as the route reads it and
 * refused when it goes past – so nothing is read before the route has checked who asks (a 401
 * reads none of it). Hono's bodyLimit read such a body whole into memory to count it, before
 * any authentication: up to 10 MB per connection for anyone.
 */
export function limitBody(maxSize: number): MiddlewareHandler {
  return async (c, next) => {
    const raw = c.req.raw;
    if (!raw.body) return next();
    const length = raw.headers.get('content-length');
    if (length !== null && !raw.headers.has('transfer-encoding')) {
      if (Number.parseInt(length, 10) > maxSize) throw tooLarge();
      return next();
    }
    let size = 0;
    const counted = raw.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          size += chunk.byteLength;
          if (size > maxSize) controller.error(new BodyTooLarge());
          else controller.enqueue(chunk);
        },
      }),
    );
    c.req.raw = new Request(raw, { body: counted, duplex: 'half' } as RequestInit);
    return next();
  };
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
  options: BodyOptions = {},
): Promise<z.output<S>> {
  return parseBody(await receiveBody(c), schema, summary, options);
}

interface BodyOptions {
  textPerItem?: boolean;
}

/**
 * The body's text, received and decoded: the waiting part of reading a body (a slow upload), and
 * none of the parsing. A route that admits heavy work in turns (the push: routes/sync.ts) receives
 * outside its turn and parses inside it, so a slow connection holds no turn and a flood of bodies
 * is parsed one turn at a time instead of all at once ahead of every other request.
 */
export async function receiveBody(c: Context): Promise<string> {
  try {
    return await readText(c.req.raw);
  } catch (err) {
    if (err instanceof BodyTooLarge) throw tooLarge();
    throw new ApiError(400, 'ogiltig_json', MESSAGES.ogiltigJson);
  }
}

/** A received body (receiveBody) parsed and checked as readBody does. */
export async function parseBody<S extends z.ZodType>(
  text: string,
  schema: S,
  summary?: string,
  { textPerItem = false }: BodyOptions = {},
): Promise<z.output<S>> {
  // Parsing and validating a large body (a push of up to 10 MB) are each one long step of the
  // event loop; other requests (a health check, another förbund's) get a turn between them.
  const large = text.length > LARGE_BODY;
  let raw: unknown;
  try {
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
