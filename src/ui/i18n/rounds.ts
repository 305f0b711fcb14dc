/** Opening a half-year survey round (openRound) in the chosen language. */
import { openRound as enOpenRound } from './en-rounds';
import { localized } from './locale';
import { openRound } from './sv-rounds';

const svT = { openRound };
const enT: typeof svT = { openRound: enOpenRound };

export const catalogue = { sv: svT, en: enT };
export const t = localized(svT, () => enT);
