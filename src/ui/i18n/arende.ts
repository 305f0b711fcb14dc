/** The ärende form's catalogue (core + form, conflict, enums) in the chosen language. */
import { en } from './en';
import { conflict as enConflict, enums as enEnums, form as enForm, removed as enRemoved } from './en-arende';
import { localized } from './locale';
import { sv } from './sv';
import { conflict, enums, form, removed } from './sv-arende';

const svT = { ...sv, form, conflict, removed, enums };
const enT: typeof svT = { ...en, form: enForm, conflict: enConflict, removed: enRemoved, enums: enEnums };

/** Both languages, for the catalogue tests and for the areas built on this one. */
export const catalogue = { sv: svT, en: enT };
export const t = localized(svT, () => enT);
