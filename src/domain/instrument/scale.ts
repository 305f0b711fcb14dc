// The answer scale of every enkät item: integers 1–5, only the end points labelled, as printed
// in the seed ("Skala: 1-5 Instämmer inte alls-Instämmer helt", e.g. [004:4343]). No other labels.
import { z } from '../zod';

export const LIKERT_VALUES = [1, 2, 3, 4, 5] as const;

export const SCALE = {
  min: 1,
  max: 5,
  /** Verbatim end labels; the seed defines no labels for 2–4 and no "vet ej" (DOMAIN.md §1.3). */
  minLabel: 'Instämmer inte alls',
  maxLabel: 'Instämmer helt',
} as const;

/**
 * A respondent may pass over an item. A skip is stored as *no answer* (the slot is absent from
 * `answers`), never as a value, so it cannot be mistaken for a point on the scale.
 */
export const SKIP_LABEL = 'Hoppa över';

export const LikertValue = z.literal(LIKERT_VALUES, {
  error: 'Svaret måste vara ett heltal från 1 till 5.',
});
export type LikertValue = z.infer<typeof LikertValue>;

/** The label shown under a scale button: the end points only, nothing for 2–4. */
export function scaleLabel(value: LikertValue): string | null {
  if (value === SCALE.min) return SCALE.minLabel;
  if (value === SCALE.max) return SCALE.maxLabel;
  return null;
}
