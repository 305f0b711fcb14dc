/**
 * Swedish texts of the enkäter a handläggare or koordinator starts: the ärende's enkäter, staff
 * forms and half-year rounds. Part of the one catalogue (sv.ts), built on the ärende form's
 * (sv-arende.ts), whose texts the staff form shares: those screens import `t` from here.
 */
import { count } from './sv';
import { t as base } from './sv-arende';

/** Enkäter on the ärende page: counts only, never a deltagare's answers. */
export const surveys = {
  heading: 'Enkäter',
  sent: (n: number) => `Enkäter: ${count(n)} ${n === 1 ? 'skickad' : 'skickade'}`,
  staffSent: (n: number) => `Personalformulär: ${count(n)} ${n === 1 ? 'skickat' : 'skickade'}`,
  handoverLegend: 'Lämna över till deltagaren',
  handoverHint:
    'Surfplattan visar då bara enkäten, ett påstående i taget. Ingenting om ärendet syns. Du låser upp med ditt lösenord.',
  handover: 'Lämna över',
  chooseForm: 'Välj ett formulär.',
  noVerifier:
    'Surfplattan kan inte låsas upp utan nät ännu. Logga ut och in igen när du är uppkopplad, och försök sedan igen.',
  startFailed: 'Enkäten kunde inte startas. Försök igen.',
  staffHeading: 'Personalens formulär',
  staffHint: 'Dina egna bedömningar av processen. Svaren skickas till servern och visas bara sammanräknade.',
};

/** A staff form (personalformulär) about one ärende. */
export const staffForm = {
  forArende: (code: string) => `Ärende ${code}`,
  intro: (min: string, max: string) =>
    `Svara på skalan 1–5, från 1 (${min}) till 5 (${max}). Välj ”Hoppa över” för ett påstående du inte vill besvara.`,
  submit: 'Skicka',
  cancel: 'Avbryt',
  failed: 'Formuläret kunde inte sparas på enheten. Försök igen.',
  notFound: 'Formuläret eller ärendet finns inte på den här enheten.',
};

/** Half-year survey rounds (koordinator). */
export const rounds = {
  title: 'Halvårsenkäter',
  intro:
    'Lämna över surfplattan till den som ska svara. Svaren är anonyma: de sparas bara med omgång, enhet och grupp.',
  empty: 'Det finns inga öppna enkätomgångar på enheten. Synka för att hämta nya.',
  roundHeading: (period: string) => `Omgång ${period}`,
  enhet: 'Enhet',
  form: 'Formulär',
  handover: 'Lämna över',
  chooseBoth: 'Välj enhet och formulär.',
};

export type SurveysMessages = { surveys: typeof surveys; staffForm: typeof staffForm; rounds: typeof rounds };

/** The catalogue with the enkät sections, for the components of those screens. */
export const t = { ...base, surveys, staffForm, rounds };
