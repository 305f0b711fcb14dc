// Answer slots: the 28 answerable 1–5 ratings derived from the mätpunkt catalogue, and the
// counting rules of DOMAIN.md §1.6. Invariant: slots come only from asked mätpunkter (never M20).
import type { IndicatorNr } from './indicators';
import { MATPUNKTER, type Matpunkt, type MatpunktId, SlotId } from './matpunkter';
import type { Occasion, RespondentGroup } from './vocabulary';

/** One answerable rating: what a form lists and what a response's `answers` is keyed by. */
export interface Slot {
  id: SlotId;
  matpunkt: MatpunktId;
  indicator: IndicatorNr;
  /** The stem shown above the item (M16, M17), otherwise null. */
  stem: string | null;
  marker: string | null;
  /** The statement, or the sub-item that completes the stem. */
  text: string;
  respondents: readonly RespondentGroup[];
  occasions: readonly Occasion[];
}

/** The Likert slots of a mätpunkt: none for register data, one per sub-item for a stem. */
export function slotsOf(m: Matpunkt): Slot[] {
  const common = { matpunkt: m.id, indicator: m.indicator, occasions: m.occasions };
  if (!m.asked) return [];
  if (m.kind === 'stam') {
    return m.subitems.map((s) => ({
      ...common,
      id: s.id,
      stem: m.text,
      marker: s.marker,
      text: s.text,
      respondents: s.respondents,
    }));
  }
  // A single statement's slot has the mätpunkt's id; SlotId.parse keeps that claim honest.
  return [
    { ...common, id: SlotId.parse(m.id), stem: null, marker: null, text: m.text, respondents: m.respondents },
  ];
}

export const SLOTS: readonly Slot[] = MATPUNKTER.flatMap(slotsOf);

const slotIndex = new Map<string, Slot>(SLOTS.map((s) => [s.id, s]));

export function slot(id: SlotId): Slot {
  const found = slotIndex.get(id);
  if (!found) throw new Error(`Unknown slot ${id}`);
  return found;
}

/**
 * Mätpunkter as the seed counts them (DOMAIN.md §1.6): each stem counts once and the register
 * item counts, which gives the 26 stated at [004:4134, 4288].
 */
export function countMatpunkter(catalogue: readonly Matpunkt[] = MATPUNKTER): number {
  return catalogue.length;
}

/** Answerable 1–5 slots: the stems split into sub-items, register data excluded — 28. */
export function countLikertSlots(catalogue: readonly Matpunkt[] = MATPUNKTER): number {
  return catalogue.reduce((n, m) => n + slotsOf(m).length, 0);
}
