// The questionnaire forms of DOMAIN.md §1.8: who answers which slots, in which order, at which
// occasion. Invariant: together they reproduce the seed's Tabell 2 [004:4857–4893] cell for cell.
import { z } from 'zod';
import type { SlotId } from './matpunkter';
import { OCCASION_LABELS, type Occasion, RESPONDENT_GROUP_LABELS, type RespondentGroup } from './vocabulary';

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

export type FormKind = 'deltagare' | 'personal' | 'halvar';

export interface Form {
  id: FormId;
  kind: FormKind;
  respondent: RespondentGroup;
  occasion: Occasion;
  /** Ordered as the seed orders the mätpunkter. */
  slots: readonly SlotId[];
}

export const FORMS: Readonly<Record<FormId, Form>> = {
  'F-D-UNDER': {
    id: 'F-D-UNDER',
    kind: 'deltagare',
    respondent: 'deltagare',
    occasion: 'under',
    slots: ['M01', 'M03', 'M05', 'M08', 'M10', 'M14', 'M18'],
  },
  'F-D-AVSLUT': {
    id: 'F-D-AVSLUT',
    kind: 'deltagare',
    respondent: 'deltagare',
    occasion: 'vid_avslut',
    slots: ['M02', 'M04', 'M06', 'M09', 'M11', 'M12', 'M13', 'M14', 'M18'],
  },
  'F-D-INTERVALL': {
    id: 'F-D-INTERVALL',
    kind: 'deltagare',
    respondent: 'deltagare',
    occasion: 'intervall',
    slots: ['M14'],
  },
  'F-P-UNDER': {
    id: 'F-P-UNDER',
    kind: 'personal',
    respondent: 'personal',
    occasion: 'under',
    slots: ['M07', 'M15'],
  },
  'F-P-AVSLUT': {
    id: 'F-P-AVSLUT',
    kind: 'personal',
    respondent: 'personal',
    occasion: 'vid_avslut',
    slots: ['M07', 'M12', 'M15'],
  },
  'F-P-INTERVALL': {
    id: 'F-P-INTERVALL',
    kind: 'personal',
    respondent: 'personal',
    occasion: 'intervall',
    slots: ['M15'],
  },
  'F-IP-HALVÅR': {
    id: 'F-IP-HALVÅR',
    kind: 'halvar',
    respondent: 'insatspersonal',
    occasion: 'halvar',
    slots: ['M16.1', 'M16.2', 'M17a', 'M17b', 'M19', 'M21', 'M22', 'M23'],
  },
  'F-FC-HALVÅR': {
    id: 'F-FC-HALVÅR',
    kind: 'halvar',
    respondent: 'forbundschef',
    occasion: 'halvar',
    slots: ['M17a', 'M17b', 'M17c', 'M19'],
  },
  'F-ST-HALVÅR': {
    id: 'F-ST-HALVÅR',
    kind: 'halvar',
    respondent: 'styrelse',
    occasion: 'halvar',
    slots: ['M21', 'M24', 'M25'],
  },
  'F-CG-HALVÅR': {
    id: 'F-CG-HALVÅR',
    kind: 'halvar',
    respondent: 'parternas_chefsgrupp',
    occasion: 'halvar',
    slots: ['M21', 'M26'],
  },
};

export function form(id: FormId): Form {
  return FORMS[id];
}

export function formHasSlot(id: FormId, slotId: string): slotId is SlotId {
  return (FORMS[id].slots as readonly string[]).includes(slotId);
}

/** Swedish heading of a form, from the seed's own group and Tabell 2 column names. */
export function formTitle(id: FormId): string {
  const f = FORMS[id];
  return `${RESPONDENT_GROUP_LABELS[f.respondent]} – ${OCCASION_LABELS[f.occasion].toLowerCase()}`;
}
