/** The core catalogue with the sync engine's news (progress, ärenden taken away) in the chosen language. */
import { en } from './en';
import { syncNews as enSyncNews } from './en-sync';
import { localized } from './locale';
import { sv } from './sv';
import { syncNews } from './sv-sync';

const svT = { ...sv, syncNews };
const enT: typeof svT = { ...en, syncNews: enSyncNews };

export const catalogue = { sv: svT, en: enT };
export const t = localized(svT, () => enT);
