/** The admin screens' and the respondent's catalogue (core + admin, respondent) in the chosen language. */
import { en } from './en';
import { admin as enAdmin, respondent as enRespondent } from './en-admin';
import { localized } from './locale';
import { sv } from './sv';
import { admin, respondent } from './sv-admin';

const svT = { ...sv, admin, respondent };
const enT: typeof svT = { ...en, admin: enAdmin, respondent: enRespondent };

export const catalogue = { sv: svT, en: enT };
export const t = localized(svT, () => enT);
