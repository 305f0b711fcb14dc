/** A fresh device database on fake-indexeddb, and synthetic ärende fields (no real person). */

import { type FaltsamDb, openFaltsamDb } from '../../src/db/database';
import { type ArendeFields, emptyArendeFields } from '../../src/domain/arende';

let counter = 0;

export function freshDb(): FaltsamDb {
  counter += 1;
  return openFaltsamDb(`test-${process.pid}-${counter}-${crypto.randomUUID()}`);
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
