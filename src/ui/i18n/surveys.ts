/** The enkät catalogue (ärende form + surveys, staff form, rounds) in the chosen language. */
import { catalogue as arende } from './arende';
import { rounds as enRounds, staffForm as enStaffForm, surveys as enSurveys } from './en-surveys';
import { localized } from './locale';
import { rounds, staffForm, surveys } from './sv-surveys';

const svT = { ...arende.sv, surveys, staffForm, rounds };
const enT: typeof svT = { ...arende.en, surveys: enSurveys, staffForm: enStaffForm, rounds: enRounds };

export const catalogue = { sv: svT, en: enT };
export const t = localized(svT, () => enT);
