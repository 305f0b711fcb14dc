// The ids of the 26 mätpunkter of Version B of seed 004 and of their 28 answer slots; the texts are
// in matpunkter.ts. Invariant: ids never change meaning.
import { z } from '../zod';

// biome-ignore format: one id per line would hide the sequence
export const MATPUNKT_IDS = [
  'M01', 'M02', 'M03', 'M04', 'M05', 'M06', 'M07', 'M08', 'M09', 'M10', 'M11', 'M12', 'M13', 'M14',
  'M15', 'M16', 'M17', 'M18', 'M19', 'M20', 'M21', 'M22', 'M23', 'M24', 'M25', 'M26',
] as const;
export const MatpunktId = z.enum(MATPUNKT_IDS);
export type MatpunktId = z.infer<typeof MatpunktId>;

/** One answerable rating each. M16 and M17 are stems split into sub-item slots; M20 has none. */
// biome-ignore format: one id per line would hide the sequence
export const SLOT_IDS = [
  'M01', 'M02', 'M03', 'M04', 'M05', 'M06', 'M07', 'M08', 'M09', 'M10', 'M11', 'M12', 'M13', 'M14',
  'M15', 'M16.1', 'M16.2', 'M17a', 'M17b', 'M17c', 'M18', 'M19', 'M21', 'M22', 'M23', 'M24', 'M25',
  'M26',
] as const;
export const SlotId = z.enum(SLOT_IDS);
export type SlotId = z.infer<typeof SlotId>;
