/** Hand-over mode's catalogue (core + handover) in the chosen language. */
import { en } from './en';
import { handover as enHandover } from './en-handover';
import { localized } from './locale';
import { sv } from './sv';
import { handover } from './sv-handover';

const svT = { ...sv, handover };
const enT: typeof svT = { ...en, handover: enHandover };

export const catalogue = { sv: svT, en: enT };
export const t = localized(svT, () => enT);
