/** The ärende form's catalogue (core + form, conflict, enums) in the chosen language. */
import { en } from './en';
import { conflict as enConflict, enums as enEnums, form as enForm } from './en-arende';
import { localized } from './locale';
import { sv } from './sv';
import { conflict, enums, form } from './sv-arende';

const svT = { ...sv, form, conflict, enums };
const enT: typeof svT = { ...en, form: enForm, conflict: enConflict, enums: enEnums };

/** Both languages, for the catalogue tests and for the areas built on this one. */
export const catalogue = { sv: svT, en: enT };
export const t = localized(svT, () => enT);
