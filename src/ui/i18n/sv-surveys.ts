/**
 * Swedish texts of the enkäter a handläggare or koordinator starts: the ärende's enkäter, staff
 * forms and half-year rounds (en-surveys.ts is the English twin). Those screens read them through
 * surveys.ts, built on the ärende form's catalogue, whose texts the staff form shares.
 */
import { count } from './sv';

/** Enkäter on the ärende page: counts only, never a deltagare's answers. */
export const surveys = {
  heading: 'Enkäter',
  sent: (n: number) => `Enkäter: ${count(n)} ${n === 1 ? 'skickad' : 'skickade'}`,
  /** Sent = the server has it; waiting = sealed and queued on this device, not yet synced. */
  sentAndWaiting: (sent: number, waiting: number) =>
    `Enkäter: ${count(sent)} ${sent === 1 ? 'skickad' : 'skickade'}, ${count(waiting)} väntar på synk`,
  staffSent: (n: number) => `Personalformulär: ${count(n)} ${n === 1 ? 'skickat' : 'skickade'}`,
  staffSentAndWaiting: (sent: number, waiting: number) =>
    `Personalformulär: ${count(sent)} ${sent === 1 ? 'skickat' : 'skickade'}, ${count(waiting)} väntar på synk`,
  handoverLegend: 'Lämna över till deltagaren',
  handoverHint:
    'Surfplattan visar då bara enkäten, ett påstående i taget. Ingenting om ärendet syns. Du låser upp med din upplåsningskod.',
  handover: 'Lämna över',
  chooseForm: 'Välj ett formulär.',
  noVerifier:
    'Surfplattan kan inte låsas i överlämningsläge förrän den har en upplåsningskod. Logga ut och in igen när du är uppkopplad, och försök sedan igen.',
  startFailed: 'Enkäten kunde inte startas. Försök igen.',
  staffHeading: 'Personalens formulär',
  staffHint: 'Dina egna bedömningar av processen. Svaren skickas till servern och visas bara sammanräknade.',
};

/** A staff form (personalformulär) about one ärende. */
export const staffForm = {
  forArende: (code: string) => `Ärende ${code}`,
  intro: (min: string, max: string) =>
    `Svara på skalan 1–5, från 1 (${min}) till 5 (${max}). Välj ”Hoppa över” för ett påstående du inte vill besvara.`,
  skip: 'Hoppa över',
  submit: 'Skicka',
  cancel: 'Avbryt',
  failed: 'Formuläret kunde inte sparas på apparaten. Försök igen.',
  notFound: 'Formuläret eller ärendet finns inte på den här apparaten.',
};

/** Half-year survey rounds (koordinator). */
export const rounds = {
  title: 'Halvårsenkäter',
  intro:
    'Lämna över surfplattan till den som ska svara. Svaren är anonyma: de sparas bara med omgång, enhet och grupp.',
  empty: 'Det finns inga öppna enkätomgångar på apparaten. Synka för att hämta nya.',
  roundHeading: (period: string) => `Omgång ${period}`,
  enhet: 'Enhet',
  form: 'Formulär',
  handover: 'Lämna över',
  chooseBoth: 'Välj enhet och formulär.',
};

export type SurveysMessages = { surveys: typeof surveys; staffForm: typeof staffForm; rounds: typeof rounds };
