/** The konsultationsteam catalogue (ärende form + konsultation) in the chosen language. */
import { catalogue as arende } from './arende';
import { konsultation as enKonsultation } from './en-konsultation';
import { localized } from './locale';
import { konsultation } from './sv-konsultation';

const svT = { ...arende.sv, konsultation };
const enT: typeof svT = { ...arende.en, konsultation: enKonsultation };

export const catalogue = { sv: svT, en: enT };
export const t = localized(svT, () => enT);
