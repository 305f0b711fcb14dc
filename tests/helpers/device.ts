/**
 * A fresh device database on fake-indexeddb, already unlocked, and synthetic ärende fields (no
 * real person). The store is encrypted as on a real device; its key is derived from TEST_SECRET
 * with few PBKDF2 iterations so tests stay fast (production uses ≥ 600,000).
 */

import Dexie from 'dexie';
import { createDataKey } from '../../src/db/crypto';
import { type FaltsamDb, openFaltsamDb } from '../../src/db/database';
import { setKey } from '../../src/db/keyring';
import { type ArendeFields, emptyArendeFields } from '../../src/domain/arende';

let counter = 0;

/** The unlock secret of every freshDb(). */
export const TEST_SECRET = 'ett-testlosenord';
/** Cheap key derivation for tests only. */
export const TEST_KDF = { iterations: 1_000 } as const;

/** A new, empty device database with no key yet (a device nobody has logged in on). */
export function bareDb(): FaltsamDb {
  counter += 1;
  return openFaltsamDb(`test-${process.pid}-${counter}-${crypto.randomUUID()}`);
}

/**
 * A new device database, unlocked with TEST_SECRET. Usable at once: reads and writes wait for the
 * key, which is still being derived when this returns.
 */
export function freshDb(): FaltsamDb {
  const db = bareDb();
  setKey(
    db,
    createDataKey(TEST_SECRET, TEST_KDF).then(async ({ envelope, key }) => {
      // Outside whatever transaction is waiting for this key.
      await Dexie.ignoreTransaction(() => db.meta.put({ key: 'keyEnvelope', value: envelope }));
      return key;
    }),
  );
  return db;
}

export const ENHET_NOR = '00000000-0000-4000-8000-000000000001';
export const HANDLAGGARE = '00000000-0000-4000-8000-0000000000a1';
export const FORBUND = '00000000-0000-4000-8000-0000000000f1';

export function sampleFields(overrides: Partial<ArendeFields> = {}): ArendeFields {
  return {
    ...emptyArendeFields(ENHET_NOR, HANDLAGGARE, '2026-09-01'),
    kon: 'kvinna',
    aldersgrupp: '30-39',
    forsorjningshinder: 'arbetsloshet',
    manaderAv12: 11,
    manaderAv36: 30,
    behovsgrupp: 'effektivare_stod_arbete',
    parter: ['af'],
    anteckningar: 'Trepartssamtal planerat i oktober.',
    ...overrides,
  };
}
