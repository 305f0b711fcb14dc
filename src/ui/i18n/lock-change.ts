/** Changing the unlock code (core + change) in the chosen language. */
import { en } from './en';
import { change as enChange } from './en-lock-change';
import { localized } from './locale';
import { sv } from './sv';
import { change } from './sv-lock-change';

const svT = { ...sv, change };
const enT: typeof svT = { ...en, change: enChange };

export const catalogue = { sv: svT, en: enT };
export const t = localized(svT, () => enT);
