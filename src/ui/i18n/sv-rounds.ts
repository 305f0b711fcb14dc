/**
 * Swedish texts of opening a half-year survey round (koordinator, on the rounds page; en-rounds.ts
 * is the English twin). The page's other texts stay in sv-surveys.ts; the form reads these
 * through rounds.ts.
 */
export const openRound = {
  heading: 'Öppna en ny enkätomgång',
  intro:
    'En enkätomgång delas av alla i förbundet, så du behöver vara uppkopplad för att öppna den. Därefter kan den besvaras på surfplattan utan nät.',
  period: 'Period',
  periodHint: 'Halvåret som ÅÅÅÅH1 (januari–juni) eller ÅÅÅÅH2 (juli–december), till exempel 2026H2.',
  periodInvalid: 'Ange perioden som ÅÅÅÅH1 eller ÅÅÅÅH2, till exempel 2026H2.',
  enheter: 'Enheter',
  chooseEnhet: 'Välj minst en enhet.',
  forms: 'Formulär',
  chooseForm: 'Välj minst ett formulär.',
  submit: 'Öppna enkätomgången',
  submitting: 'Öppnar …',
  errorSummary: (n: number) =>
    n === 1 ? 'Rätta ett fel innan du öppnar omgången' : `Rätta ${n} fel innan du öppnar omgången`,
  offline: 'Du behöver vara uppkopplad för att öppna en enkätomgång. Försök igen när du har nät.',
  failed: 'Enkätomgången kunde inte öppnas. Försök igen.',
  opened: (period: string) => `Enkätomgången ${period} är öppnad.`,
};
