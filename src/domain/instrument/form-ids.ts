// The ids of the questionnaire forms (DOMAIN.md §1.8); which slots each form asks is in forms.ts.
// Invariant: ids never change meaning.
import { z } from '../zod';

/** Deltagare forms: case-linked, answered on the handläggare's tablet in hand-over mode. */
export const DELTAGARE_FORM_IDS = ['F-D-UNDER', 'F-D-AVSLUT', 'F-D-INTERVALL'] as const;
/** Personal forms: the handläggare's own view of one deltagare's process; case-linked. */
export const PERSONAL_FORM_IDS = ['F-P-UNDER', 'F-P-AVSLUT', 'F-P-INTERVALL'] as const;
/** Half-year forms: about the organisation, anonymous, tied to a survey round only. */
export const HALVAR_FORM_IDS = ['F-IP-HALVÅR', 'F-FC-HALVÅR', 'F-ST-HALVÅR', 'F-CG-HALVÅR'] as const;

export const FORM_IDS = [...DELTAGARE_FORM_IDS, ...PERSONAL_FORM_IDS, ...HALVAR_FORM_IDS] as const;
export const FormId = z.enum(FORM_IDS);
export type FormId = z.infer<typeof FormId>;
export type DeltagareFormId = (typeof DELTAGARE_FORM_IDS)[number];
export type PersonalFormId = (typeof PERSONAL_FORM_IDS)[number];
export type HalvarFormId = (typeof HALVAR_FORM_IDS)[number];
