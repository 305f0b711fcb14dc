// encryptJson/decryptJson: round trip for any JSON, a fresh IV per write, and a clean
// DecryptionError for every tampered, truncated, misplaced or foreign blob.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createDataKey,
  DecryptionError,
  decryptJson,
  type EncryptedBlob,
  encryptJson,
  recordAad,
} from '../../../../src/db/crypto';

// Few iterations keep these tests fast; the default is exercised once in data-key.test.ts.
const FAST = { iterations: 1_000 };
const AAD = recordAad('arende', '0b8f6c1e-7d2a-4c1e-9a51-2f0d3c4b5a69');

let key: CryptoKey;
let otherKey: CryptoKey;
beforeAll(async () => {
  key = (await createDataKey('korrekt häst batteri', FAST)).key;
  otherKey = (await createDataKey('korrekt häst batteri', FAST)).key;
});

async function expectDecryptionError(p: Promise<unknown>): Promise<void> {
  await expect(p).rejects.toBeInstanceOf(DecryptionError);
}

describe('encryptJson / decryptJson', () => {
  it('round-trips any JSON value', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), fc.string(), async (value, id) => {
        const aad = recordAad('arende', id);
        const blob = await encryptJson(key, value, aad);
        // JSON has one zero; compare with what JSON itself round-trips to.
        expect(await decryptJson(key, blob, aad)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 200 },
    );
  });

  it('round-trips records with Swedish text, nulls, nesting and emoji', async () => {
    const record = {
      id: 'x',
      namn: 'Åsa Öberg-Ärlig',
      anteckningar: 'Träffades på AF 🗓️\nNästa möte: vecka 12',
      parter: ['af', 'fk'],
      avslutsdatum: null,
      version: 3,
    };
    expect(await decryptJson(key, await encryptJson(key, record, AAD), AAD)).toEqual(record);
  });

  it('stores raw bytes that survive structured clone (as IndexedDB stores them)', async () => {
    const blob = await encryptJson(key, { a: 1 }, AAD);
    expect(blob.v).toBe(1);
    expect(blob.iv).toBeInstanceOf(Uint8Array);
    expect(blob.iv).toHaveLength(12);
    // Its own buffer, not a view of the IV pool: IndexedDB would otherwise store the whole pool.
    expect(blob.iv.buffer.byteLength).toBe(12);
    expect(blob.ct).toBeInstanceOf(Uint8Array);
    const cloned = structuredClone(blob);
    expect(await decryptJson(key, cloned, AAD)).toEqual({ a: 1 });
    // An ArrayBuffer in place of the Uint8Array is read too.
    const asBuffers = { v: 1, iv: blob.iv.slice().buffer, ct: blob.ct.slice().buffer };
    expect(await decryptJson(key, asBuffers as unknown as EncryptedBlob, AAD)).toEqual({ a: 1 });
  });

  it('uses a fresh IV per write, so equal values encrypt differently', async () => {
    const a = await encryptJson(key, { status: 'aktiv' }, AAD);
    const b = await encryptJson(key, { status: 'aktiv' }, AAD);
    expect(a.iv).not.toEqual(b.iv);
    expect(a.ct).not.toEqual(b.ct);
    const ivs = new Set<string>();
    for (let i = 0; i < 500; i++) ivs.add((await encryptJson(key, 0, AAD)).iv.join(','));
    expect(ivs.size).toBe(500);
  });

  it('refuses values with no JSON form', async () => {
    await expect(encryptJson(key, undefined, AAD)).rejects.toBeInstanceOf(TypeError);
    await expect(encryptJson(key, 10n, AAD)).rejects.toBeInstanceOf(TypeError);
  });

  it('rejects any single flipped bit in iv or ciphertext', async () => {
    const blob = await encryptJson(key, { personnummer: '19850101-1234', status: 'aktiv' }, AAD);
    const bits = (blob.iv.length + blob.ct.length) * 8;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: bits - 1 }), async (bit) => {
        const iv = blob.iv.slice();
        const ct = blob.ct.slice();
        const byte = Math.floor(bit / 8);
        const target = byte < iv.length ? iv : ct;
        const at = byte < iv.length ? byte : byte - iv.length;
        target[at] = (target[at] ?? 0) ^ (1 << (bit % 8));
        await expectDecryptionError(decryptJson(key, { v: 1, iv, ct }, AAD));
      }),
      { numRuns: 200 },
    );
  });

  it('rejects truncated or extended ciphertext', async () => {
    const blob = await encryptJson(key, { a: 'b' }, AAD);
    await expectDecryptionError(decryptJson(key, { ...blob, ct: blob.ct.slice(0, -1) }, AAD));
    await expectDecryptionError(decryptJson(key, { ...blob, ct: blob.ct.slice(1) }, AAD));
    await expectDecryptionError(decryptJson(key, { ...blob, ct: blob.ct.slice(0, 5) }, AAD));
    const longer = new Uint8Array([...blob.ct, 0]);
    await expectDecryptionError(decryptJson(key, { ...blob, ct: longer }, AAD));
  });

  it('binds a ciphertext to its record: another id or entity does not open it', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.tuple(fc.constantFrom('arende', 'mote', 'respons'), fc.uuid()),
        fc.tuple(fc.constantFrom('arende', 'mote', 'respons'), fc.uuid()),
        async ([e1, id1], [e2, id2]) => {
          fc.pre(e1 !== e2 || id1 !== id2);
          const blob = await encryptJson(key, { id: id1 }, recordAad(e1, id1));
          await expectDecryptionError(decryptJson(key, blob, recordAad(e2, id2)));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('rejects two records’ blobs swapped in storage', async () => {
    const a = await encryptJson(key, { id: 'a', status: 'aktiv' }, recordAad('arende', 'a'));
    const b = await encryptJson(key, { id: 'b', status: 'avslutad' }, recordAad('arende', 'b'));
    await expectDecryptionError(decryptJson(key, b, recordAad('arende', 'a')));
    await expectDecryptionError(decryptJson(key, a, recordAad('arende', 'b')));
    // Mixing one blob's iv with another's ciphertext fails as well.
    await expectDecryptionError(decryptJson(key, { v: 1, iv: a.iv, ct: b.ct }, recordAad('arende', 'b')));
  });

  it('rejects a blob written under another device’s data key', async () => {
    const blob = await encryptJson(key, { a: 1 }, AAD);
    await expectDecryptionError(decryptJson(otherKey, blob, AAD));
  });

  it.each([
    ['null', null],
    ['a string', 'ciphertext'],
    ['an unknown version', { v: 2, iv: new Uint8Array(12), ct: new Uint8Array(32) }],
    ['a missing iv', { v: 1, ct: new Uint8Array(32) }],
    ['a short iv', { v: 1, iv: new Uint8Array(11), ct: new Uint8Array(32) }],
    ['an iv as numbers', { v: 1, iv: Array(12).fill(0), ct: new Uint8Array(32) }],
    ['a base64 ciphertext', { v: 1, iv: new Uint8Array(12), ct: 'AAAA' }],
    ['a ciphertext shorter than the tag', { v: 1, iv: new Uint8Array(12), ct: new Uint8Array(15) }],
  ])('rejects %s as a blob', async (_case, blob) => {
    await expectDecryptionError(decryptJson(key, blob as unknown as EncryptedBlob, AAD));
  });

  it('never lets a DOMException escape decryptJson, whatever is stored', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          v: fc.constantFrom(1, 2),
          iv: fc.uint8Array({ minLength: 10, maxLength: 14 }),
          ct: fc.uint8Array({ maxLength: 64 }),
        }),
        async (blob) => {
          await expectDecryptionError(decryptJson(key, blob as EncryptedBlob, AAD));
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('recordAad', () => {
  it('is entity:id and refuses entity names that would make it ambiguous', () => {
    expect(recordAad('arende', 'abc')).toBe('arende:abc');
    expect(recordAad('arende', 'a:b')).toBe('arende:a:b');
    expect(() => recordAad('arende:a', 'b')).toThrow(RangeError);
    expect(() => recordAad('', 'b')).toThrow(RangeError);
  });
});
