/** English texts of the ärende form and its enum labels (sv-arende.ts is the reference). */
import { count, en } from './en';
import type {
  conflict as svConflict,
  enums as svEnums,
  form as svForm,
  removed as svRemoved,
} from './sv-arende';

export const form: typeof svForm = {
  titleNew: 'New case',
  titleEdit: (code: string) => `Case ${code}`,
  notFound: 'The case is not on this device.',
  backToList: 'Back to cases',
  code: 'Code',
  codeNew: 'Created when you save',
  codeHint: 'Enter the code in the municipality’s own case system. Fältsam never stores who the person is.',
  basics: 'Basic details',
  enhet: 'Unit',
  handlaggare: 'Responsible case worker',
  handlaggareYou: (name: string) => `${name} (you)`,
  handlaggareOther: 'Another case worker',
  status: 'Status',
  startdatum: 'Start date',
  person: 'About the participant',
  kon: 'Gender',
  aldersgrupp: 'Age group',
  barnIHushallet: 'Children in the household',
  notSpecified: 'Not specified',
  forsorjning: 'Income support',
  forsorjningshinder: 'Obstacle to self-support',
  sjukdomSituationer: 'Situation when ill',
  sjukdomHint: 'Choose those that apply.',
  sgi: 'SGI (sickness benefit qualifying income)',
  manaderAv12: 'Months with income support out of the last 12',
  manaderAv36: 'Months with income support out of the last 36',
  monthsHint: 'Leave empty if you do not know.',
  computedHeading: 'Long-term support',
  computedHint: 'Calculated from the number of months',
  langvarigt: 'Long-term (at least 10 of 12 months)',
  mycketLangvarigt: 'Very long-term (at least 27 of 36 months)',
  yes: 'Yes',
  no: 'No',
  unknown: 'Unknown – enter the number of months',
  samverkan: 'Collaboration',
  behovsgrupp: 'Needs group',
  noBehovsgrupp: 'None chosen',
  parter: 'Parties involved',
  avslut: 'Closing',
  avslutsdatum: 'Closing date',
  avslutsorsak: 'Reason for closing',
  choose: 'Choose …',
  anteckningar: 'Notes',
  anteckningarHint:
    'Never write personal identity numbers, coordination numbers, names, phone numbers or e-mail addresses here. The text is checked before it is saved.',
  save: 'Save',
  cancel: 'Cancel',
  errorSummary: (n: number) =>
    n === 1 ? 'Correct one error before saving' : `Correct ${count(n)} errors before saving`,
  saveFailed: 'The case could not be saved on this device. Try again.',
  rejected: 'The server refused the latest change:',
  formLevelError: 'The details do not fit together',
};

/** A case the server took away (moved, access lost) that is kept for its unsynced changes. */
export const removed: typeof svRemoved = {
  heading: 'The case is no longer yours',
  text: 'The case has been moved to another unit, or your access has changed. What you changed here has not reached the server and exists only on this device. Copy down what you need – then remove the case from the device.',
  forget: 'Remove the case from the device',
  forgotten: (code: string) => `Case ${code} has been removed from the device.`,
  failed: 'The case could not be removed from the device. Try again.',
};

export const conflict: typeof svConflict = {
  heading: (n: number) =>
    n === 1
      ? 'One of your changes clashed with another change'
      : `${count(n)} of your changes clashed with other changes`,
  intro:
    'The same detail was changed on another computer or tablet before your change arrived. The server kept the other change. Choose which value should apply.',
  fields: {
    enhetId: form.enhet,
    handlaggareId: form.handlaggare,
    status: form.status,
    startdatum: form.startdatum,
    kon: form.kon,
    aldersgrupp: form.aldersgrupp,
    barnIHushallet: form.barnIHushallet,
    forsorjningshinder: form.forsorjningshinder,
    sjukdomSituationer: form.sjukdomSituationer,
    sgi: form.sgi,
    manaderAv12: form.manaderAv12,
    manaderAv36: form.manaderAv36,
    behovsgrupp: form.behovsgrupp,
    parter: form.parter,
    avslutsdatum: form.avslutsdatum,
    avslutsorsak: form.avslutsorsak,
    anteckningar: form.anteckningar,
  },
  unknownPerson: 'a case worker not known on this device',
  values: (yours: string, server: string) => `your change “${yours}”, the saved one “${server}”.`,
  valuesPending: (yours: string) => `your change “${yours}”, the saved one is fetched at the next sync.`,
  empty: 'empty',
  keepServer: 'Keep the saved one',
  useMine: 'Use my change',
  failed: 'The change could not be saved on this device. Try again.',
};

export const enums: typeof svEnums = {
  ...en.enums,
  kon: { kvinna: 'Woman', man: 'Man', annat: 'Other', ej_angivet: 'Not specified' },
  aldersgrupp: {
    '16-19': '16–19 years',
    '20-24': '20–24 years',
    '25-29': '25–29 years',
    '30-39': '30–39 years',
    '40-49': '40–49 years',
    '50-59': '50–59 years',
    '60-64': '60–64 years',
    '65+': '65 years or older',
  },
  barnIHushallet: { ja: 'Yes', nej: 'No', okant: 'Unknown' },
  forsorjningshinder: {
    arbetsloshet: 'Unemployment',
    sjukdom: 'Illness',
    sociala_skal: 'Social reasons',
    spraksvarigheter: 'Language difficulties',
    foraldraledig: 'Parental leave',
    arbetar: 'Working',
    annat: 'Other or no obstacle to self-support',
  },
  sjukdomSituation: {
    ingen_eller_lag_sjukpenning: 'Has no (zero-rated) or low sickness benefit.',
    vantar_beslut_fk:
      'Awaits a decision from Försäkringskassan on a benefit applied for (sickness benefit, sickness or activity compensation).',
    arbetsformaga_utan_program:
      'Considered able to work despite ill health but not in any programme at Arbetsförmedlingen.',
    program_lagt_aktivitetsstod:
      'In a programme at Arbetsförmedlingen but with a low activity grant (including those recently moved off sickness insurance).',
  },
  sgi: { har: 'Has SGI', nollplacerad: 'Zero-rated', okant: 'Unknown' },
  part: {
    af: 'Arbetsförmedlingen (Public Employment Service)',
    fk: 'Försäkringskassan (Social Insurance Agency)',
    vardcentral: 'Health centre',
    psykiatri: 'Psychiatry',
    ame: 'Labour market unit (AME)',
    annan: 'Other',
  },
  avslutsorsak: {
    arbete: 'Work',
    studier: 'Studies',
    annan_offentlig_forsorjning: 'Other public support',
    annan_insats: 'Other intervention',
    flyttat: 'Moved',
    avbrutet: 'Discontinued',
    annat: 'Other',
  },
};
