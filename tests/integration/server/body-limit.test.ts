/**
 * The request body limit (10 MB, http.ts limitBody) reads nothing on its own: a body is read by the
 * route that wants it, after the route has checked who asks, and counted as it comes. Hono's
 * bodyLimit, used before, read a body without an announced length (chunked) whole into memory to
 * count it before any authentication: anyone could make the server hold 10 MB per connection.
 * Bodies here are streams whose reads are counted, the way a client's upload arrives.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGN_IN_MAX_BYTES } from '../../../src/server/routes/sessions';
import { createTestServer, type TestAccount, type TestServer } from '../../helpers/server';

const LIMIT = 10 * 1024 * 1024;
const CHUNK = 64 * 1024;

let server: TestServer;
let a: TestAccount;
let token: string;

beforeAll(async () => {
  server = await createTestServer();
  a = await server.createHandlaggare({ enheter: ['NOR'] });
  token = (await server.login(a.username, a.password)).token;
}, 60_000);
afterAll(() => server.close());

/** A JSON body of exactly `total` bytes (`{"x":"aaa…"}`), sent in chunks; `read()` says how much was taken. */
function upload(total: number, chunk = CHUNK) {
  const bytes = Buffer.alloc(total, 'a');
  bytes.write('{"x":"', 0);
  bytes.write('"}', total - 2);
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= total) {
        controller.close();
        return;
      }
      const n = Math.min(chunk, total - sent);
      controller.enqueue(new Uint8Array(bytes.subarray(sent, sent + n)));
      sent += n;
    },
  });
  return { stream, read: () => sent };
}

async function post(path: string, body: ReadableStream<Uint8Array>, headers: Record<string, string> = {}) {
  const res = await server.fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body,
    duplex: 'half',
  } as RequestInit);
  return { status: res.status, body: (await res.json()) as { error?: { code: string; message: string } } };
}

const records = async () =>
  (
    await server.sql.query<{ n: number }>('select count(*)::int as n from record where forbund_id = $1', [
      a.user.forbundId,
    ])
  ).rows[0]?.n;

describe('the body limit', () => {
  it('reads almost none of a large chunked body sent without a valid session', async () => {
    const attempts: Record<string, string>[] = [{}, { Authorization: `Bearer ${'x'.repeat(43)}` }];
    for (const auth of attempts) {
      const body = upload(9 * 1024 * 1024);
      const res = await post('/api/sync/push', body.stream, auth);
      expect(res.status).toBe(401);
      // Hono's bodyLimit had read all 9 MB by now.
      expect(body.read()).toBeLessThan(1024 * 1024);
    }
  });

  it('refuses an announced length over the limit at once, reading nothing', async () => {
    const body = upload(LIMIT + 1);
    const res = await post('/api/sync/push', body.stream, {
      Authorization: `Bearer ${token}`,
      'Content-Length': String(LIMIT + 1),
    });
    expect(res.status).toBe(413);
    expect(res.body.error).toEqual({ code: 'for_stor', message: 'Begäran är för stor. Inget har ändrats.' });
    expect(body.read()).toBeLessThanOrEqual(2 * CHUNK);
  });

  it('property: a chunked body is taken up to the limit and refused one byte past it, however it is cut', async () => {
    const before = await records();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(LIMIT - 1, LIMIT, LIMIT + 1, LIMIT + CHUNK, 2 * LIMIT),
        fc.integer({ min: 1024, max: 1024 * 1024 }),
        async (total, chunk) => {
          const body = upload(total, chunk);
          const res = await post('/api/sync/push', body.stream, { Authorization: `Bearer ${token}` });
          if (total <= LIMIT) {
            // Read whole, and then refused for what it says (not a push), not for its size.
            expect(res.status).toBe(400);
            expect(res.body.error?.code).toBe('ogiltig_begaran');
            expect(body.read()).toBe(total);
          } else {
            expect(res.status).toBe(413);
            expect(res.body.error?.code).toBe('for_stor');
            // Reading stopped at the limit (give or take the chunks already on their way).
            expect(body.read()).toBeLessThanOrEqual(LIMIT + 3 * chunk);
          }
        },
      ),
      { numRuns: 10 },
    );
    expect(await records()).toBe(before);
  });

  it('allows a sign-in, the one body anyone may send, 64 kB: refused past it, announced or not', async () => {
    for (const [total, announced] of [
      [SIGN_IN_MAX_BYTES + 1, false],
      [1024 * 1024, false],
      [1024 * 1024, true],
    ] as const) {
      const body = upload(total, 4096);
      const res = await post(
        '/api/sessions',
        body.stream,
        announced ? { 'Content-Length': String(total) } : {},
      );
      expect(res.status).toBe(413);
      expect(res.body.error?.code).toBe('for_stor');
      expect(body.read()).toBeLessThanOrEqual(SIGN_IN_MAX_BYTES + 3 * 4096);
    }
    // Up to the limit it is read and judged by what it says (not a sign-in: 400).
    const body = upload(SIGN_IN_MAX_BYTES, 4096);
    const res = await post('/api/sessions', body.stream);
    expect(res.status).toBe(400);
    expect(body.read()).toBe(SIGN_IN_MAX_BYTES);
    // And a sign-in as the app sends it still works.
    expect((await server.login(a.username, a.password)).token).toEqual(expect.any(String));
  });

  it('decodes a chunked body cut inside a character, and answers broken UTF-8 with a 4xx, never a 5xx', async () => {
    const bytesOf = (parts: Uint8Array[]) =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          for (const p of parts) controller.enqueue(p);
          controller.close();
        },
      });
    // One byte per chunk: "ö" and "å" arrive in halves; the sign-in is read as sent (a wrong
    // password, 401), not as broken JSON (400).
    const text = Buffer.from(JSON.stringify({ username: 'hälsö-åke', password: 'fel-lösenord-123' }));
    const oneByOne = bytesOf([...text].map((b) => new Uint8Array([b])));
    const signIn = await post('/api/sessions', oneByOne);
    expect(signIn.status).toBe(401);
    expect(signIn.body.error?.code).toBe('fel_inloggning');
    // Bytes that are no UTF-8 at all, a lone continuation byte and a cut sequence at the end.
    for (const bad of [
      [0xff, 0xfe],
      [0x7b, 0x80, 0x7d],
      [0x7b, 0x22, 0xe2, 0x82],
    ]) {
      for (const path of ['/api/sessions', '/api/sync/push']) {
        const res = await post(path, bytesOf([new Uint8Array(bad)]), { Authorization: `Bearer ${token}` });
        expect(res.status, `${path} ${bad}`).toBe(400);
      }
    }
  });

  it('takes a chunked push under the limit as any other', async () => {
    const text = JSON.stringify({ deviceId: randomUUID(), mutations: [] });
    const res = await post('/api/sync/push', new Blob([text]).stream() as ReadableStream<Uint8Array>, {
      Authorization: `Bearer ${token}`,
    });
    // An empty batch is refused by the push's schema: read, parsed and checked, not cut off.
    expect(res.status).toBe(400);
    expect(res.body.error?.code).toBe('ogiltig_begaran');
  });
});
