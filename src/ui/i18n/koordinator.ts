/** The coordinator views' catalogue (core + koordinator) in the chosen language. */
import { en } from './en';
import { koordinator as enKoordinator } from './en-koordinator';
import { localized } from './locale';
import { sv } from './sv';
import { koordinator } from './sv-koordinator';

const svT = { ...sv, koordinator };
const enT: typeof svT = { ...en, koordinator: enKoordinator };

export const catalogue = { sv: svT, en: enT };
export const t = localized(svT, () => enT);
