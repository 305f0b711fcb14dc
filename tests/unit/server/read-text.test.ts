/**
 * A body is decoded as its chunks arrive (src/server/http.ts readText), not in one step at its end.
 * Whatever the bytes and however they are cut into chunks – a character's bytes split between two
 * chunks, invalid UTF-8, a byte-order mark, an empty chunk – the text is exactly what
 * Request.text() (the platform's decoding, used before) makes of the same bytes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readText } from '../../../src/server/http';

/** A POST whose body arrives as these chunks. */
function requestOf(chunks: readonly Uint8Array[]): Request {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const c of chunks) controller.enqueue(c);
      controller.close();
    },
  });
  return new Request('http://faltsam.test/api/sync/push', {
    method: 'POST',
    body,
    duplex: 'half',
  } as RequestInit);
}

/** The bytes cut at the given positions. */
function cut(bytes: Uint8Array, at: readonly number[]): Uint8Array[] {
  const points = [...new Set(at.map((p) => p % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let from = 0;
  for (const p of [...points, bytes.length]) {
    chunks.push(bytes.subarray(from, p));
    from = p;
  }
  return chunks;
}

const platformText = (bytes: Uint8Array) => new Response(bytes as Uint8Array<ArrayBuffer>).text();
const utf8 = (s: string) => new TextEncoder().encode(s);

// Text (any code point, lone surrogates included), with or without a byte-order mark, or raw bytes.
const bodies = fc.oneof(
  fc.string({ unit: 'binary' }).map(utf8),
  fc.string({ unit: 'binary' }).map((s) => utf8(`\uFEFF${s}`)),
  fc.uint8Array({ maxLength: 300 }),
  fc.constantFrom(
    utf8('{"a":"ä"}'),
    new Uint8Array([0xc3]),
    new Uint8Array([0xef, 0xbb, 0xbf]),
    new Uint8Array(),
  ),
);

describe('readText', () => {
  it('gives what Request.text() gives, however the bytes are cut into chunks', async () => {
    await fc.assert(
      fc.asyncProperty(bodies, fc.array(fc.nat(), { maxLength: 12 }), async (bytes, at) => {
        expect(await readText(requestOf(cut(bytes, at)))).toBe(await platformText(bytes));
      }),
      { numRuns: 400, seed: 1205 },
    );
  });

  it('decodes "ä" split between two chunks as one "ä"', async () => {
    const [first, second] = [new Uint8Array([0x7b, 0xc3]), new Uint8Array([0xa4, 0x7d])];
    expect(await readText(requestOf([first, second]))).toBe('{ä}');
  });

  it('gives an empty text for a request without a body', async () => {
    expect(await readText(new Request('http://faltsam.test/api/me'))).toBe('');
  });
});
