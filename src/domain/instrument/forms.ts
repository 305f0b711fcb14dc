// The questionnaire forms of DOMAIN.md §1.8: who answers which slots, in which order, at which
// occasion. Invariant: together they reproduce the seed's Tabell 2 [004:4857–4893] cell for cell.
import type { FormId } from './form-ids';
import type { SlotId } from './matpunkt-ids';
import { OCCASION_LABELS, type Occasion, RESPONDENT_GROUP_LABELS, type RespondentGroup } from './vocabulary';

// The ids live in form-ids.ts, so that what the device loads at start (the hand-over lock, the
// rounds) does not carry the forms' composition and labels; re-exported here with the forms.
export {
  DELTAGARE_FORM_IDS,
  type DeltagareFormId,
  FORM_IDS,
  FormId,
  HALVAR_FORM_IDS,
  type HalvarFormId,
  PERSONAL_FORM_IDS,
  type PersonalFormId,
} from './form-ids';

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
