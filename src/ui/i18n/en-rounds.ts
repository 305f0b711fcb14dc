/** English texts of opening a half-year survey round (sv-rounds.ts is the reference). */
import type { openRound as svOpenRound } from './sv-rounds';

export const openRound: typeof svOpenRound = {
  heading: 'Open a new survey round',
  intro:
    'A survey round is shared by everyone in the association, so you need to be online to open it. After that it can be answered on the tablet without a network.',
  period: 'Period',
  periodHint: 'The half-year as YYYYH1 (January–June) or YYYYH2 (July–December), for example 2026H2.',
  periodInvalid: 'Give the period as YYYYH1 or YYYYH2, for example 2026H2.',
  enheter: 'Units',
  chooseEnhet: 'Choose at least one unit.',
  forms: 'Forms',
  chooseForm: 'Choose at least one form.',
  submit: 'Open the survey round',
  submitting: 'Opening …',
  errorSummary: (n: number) =>
    n === 1 ? 'Correct one error before opening the round' : `Correct ${n} errors before opening the round`,
  offline: 'You need to be online to open a survey round. Try again when you have a network.',
  failed: 'The survey round could not be opened. Try again.',
  opened: (period: string) => `The survey round ${period} is open.`,
};
