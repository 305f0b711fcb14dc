/**
 * Swedish texts of hand-over mode (PRODUCT.md §3): what the deltagare or a half-year respondent sees
 * on the tablet (en-handover.ts is its English twin; the statements and the scale's end labels stay
 * Swedish in both, they are the instrument's). The hand-over screens read them through handover.ts.
 */
import { count } from './sv';

export const handover = {
  pageTitle: 'Enkät',
  settingsLabel: 'Visning och uppläsning',
  readAloud: 'Läs upp',
  textSmaller: 'Mindre text',
  textLarger: 'Större text',
  contrast: 'Hög kontrast',
  intro: (n: number, min: string, max: string) =>
    `Här kommer ${count(n)} ${n === 1 ? 'påstående' : 'påståenden'}, ett i taget. Svara hur väl varje påstående stämmer för dig, från 1 (${min}) till 5 (${max}). Du kan hoppa över ett påstående du inte vill svara på.`,
  answeredWithLegend: 'Hur svarar du?',
  answeredWith: { sjalv: 'Svarar själv', med_stod: 'Med stöd' } satisfies Record<
    'sjalv' | 'med_stod',
    string
  >,
  chooseAnsweredWith: 'Välj om du svarar själv eller med stöd.',
  start: 'Börja',
  progress: (i: number, n: number) => `Påstående ${count(i)} av ${count(n)}`,
  scaleSpoken: (min: string, max: string) => `Svara från 1, ${min}, till 5, ${max}.`,
  back: 'Tillbaka',
  next: 'Nästa',
  skip: 'Hoppa över',
  chooseOrSkip: 'Välj ett svar från 1 till 5, eller tryck ”Hoppa över”.',
  reviewTitle: 'Skicka dina svar',
  reviewSummary: (answered: number, n: number) =>
    `Du har svarat på ${count(answered)} av ${count(n)} påståenden.`,
  reviewHint: 'När du har skickat går svaren inte att ändra.',
  submit: 'Skicka',
  submitFailed: 'Svaren kunde inte sparas. Försök igen.',
  thanksTitle: 'Tack för dina svar!',
  thanksText: 'Dina svar är sparade. Lämna tillbaka surfplattan till handläggaren.',
  thanksTextRound: 'Dina svar är sparade. Lämna surfplattan vidare till nästa person.',
  nextRespondent: 'Nästa person svarar',
  idleTitle: 'Enkäten är stängd',
  idleText:
    'Ingen har svarat på en stund, så enkäten stängdes och det som var ifyllt raderades. Lämna tillbaka surfplattan till handläggaren.',
  unlockOpen: 'Lås upp (för handläggaren)',
  unlockTitle: 'Lås upp',
  // The same secret as the lock screen's, by the same name (sv-lock.ts): not the login password.
  unlockIntro: 'För handläggaren: skriv din upplåsningskod, samma som du låser upp Fältsam med.',
  password: 'Upplåsningskod',
  unlock: 'Lås upp',
  unlocking: 'Kontrollerar upplåsningskoden …',
  cancel: 'Avbryt',
  unlockWrong: 'Fel upplåsningskod. Försök igen.',
  unlockWait: (time: string) => `För många felaktiga försök. Du kan försöka igen klockan ${time}.`,
};

export type HandoverMessages = typeof handover;
