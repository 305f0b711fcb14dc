/** The case-work catalogue (ärende form + casework) in the chosen language. */
import { catalogue as arende } from './arende';
import { casework as enCasework } from './en-casework';
import { localized } from './locale';
import { casework } from './sv-casework';

const svT = { ...arende.sv, casework };
const enT: typeof svT = { ...arende.en, casework: enCasework };

export const catalogue = { sv: svT, en: enT };
export const t = localized(svT, () => enT);
