// Sealed boxes (issue 16): what is sealed for a key opens with its private half only, exactly as
// sealed; any changed byte, another key or another key id is refused.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  generateSealKeyPair,
  importSealPrivateKey,
  openBox,
  type SealedBox,
  SealedBoxError,
  seal,
} from '../../../src/domain/sealed-box';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/** Another base64url character differing in the top bit of its six, which every position uses. */
const flipTopBit = (c: string) => ALPHABET[ALPHABET.indexOf(c) ^ 32] ?? 'A';

async function recipient(kid: string) {
  const pair = await generateSealKeyPair();
  return { kid, publicKey: pair.publicKey, privateKey: await importSealPrivateKey(pair.privateJwk) };
}

describe('sealed boxes', () => {
  it('open to exactly what was sealed, for any bytes', async () => {
    const r = await recipient('k1');
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), async (bytes) => {
        const box = await seal(r, new Uint8Array(bytes));
        expect(await openBox(r, box)).toEqual(new Uint8Array(bytes));
      }),
      { numRuns: 50, seed: 16 },
    );
  });

  it('never carry the plaintext or repeat an ephemeral key', async () => {
    const r = await recipient('k1');
    const text = 'Trepartssamtal med AF bokat.';
    const a = await seal(r, new TextEncoder().encode(text));
    const b = await seal(r, new TextEncoder().encode(text));
    expect(JSON.stringify(a)).not.toContain('Trepart');
    expect(a.epk).not.toBe(b.epk);
    expect(a.ct).not.toBe(b.ct);
  });

  it('refuse a changed character in any part, another key pair, or another key id', async () => {
    const r = await recipient('k1');
    const other = await recipient('k1');
    const box = await seal(r, new TextEncoder().encode('{"mutation":1}'));
    await expect(openBox(other, box)).rejects.toBeInstanceOf(SealedBoxError);
    await expect(openBox({ ...r, kid: 'k2' }, { ...box, kid: 'k2' })).rejects.toBeInstanceOf(SealedBoxError);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('epk', 'iv', 'ct'), fc.nat(), async (part, at) => {
        const value = box[part as 'epk' | 'iv' | 'ct'];
        const i = at % value.length;
        const changed = value.slice(0, i) + flipTopBit(value[i] ?? 'A') + value.slice(i + 1);
        const tampered: SealedBox = { ...box, [part]: changed };
        await expect(openBox(r, tampered)).rejects.toBeInstanceOf(SealedBoxError);
      }),
      { numRuns: 60, seed: 16 },
    );
  });
});
