/** English texts of the enkäter a handläggare or koordinator starts (sv-surveys.ts is the reference). */
import { count } from './en';
import type { SurveysMessages } from './sv-surveys';

export const surveys: SurveysMessages['surveys'] = {
  heading: 'Surveys',
  sent: (n: number) => `Surveys: ${count(n)} sent`,
  sentAndWaiting: (sent: number, waiting: number) =>
    `Surveys: ${count(sent)} sent, ${count(waiting)} waiting to sync`,
  staffSent: (n: number) => `Staff forms: ${count(n)} sent`,
  staffSentAndWaiting: (sent: number, waiting: number) =>
    `Staff forms: ${count(sent)} sent, ${count(waiting)} waiting to sync`,
  handoverLegend: 'Hand over to the participant',
  handoverHint:
    'The tablet then shows only the survey, one statement at a time. Nothing about the case is visible. You unlock with your unlock code.',
  handover: 'Hand over',
  chooseForm: 'Choose a form.',
  noVerifier:
    'The tablet cannot be locked in hand-over mode until it has an unlock code. Log out and in again when you are online, then try again.',
  startFailed: 'The survey could not be started. Try again.',
  staffHeading: 'Staff forms',
  staffHint:
    'Your own assessments of the process. The answers are sent to the server and only shown as totals.',
};

export const staffForm: SurveysMessages['staffForm'] = {
  forArende: (code: string) => `Case ${code}`,
  intro: (min: string, max: string) =>
    `Answer on the scale 1–5, from 1 (${min}) to 5 (${max}). Choose “Skip” for a statement you do not want to answer.`,
  skip: 'Skip',
  submit: 'Send',
  cancel: 'Cancel',
  failed: 'The form could not be saved on this device. Try again.',
  notFound: 'The form or the case is not on this device.',
};

export const rounds: SurveysMessages['rounds'] = {
  title: 'Half-year surveys',
  intro:
    'Hand the tablet to the person who is to answer. The answers are anonymous: they are saved only with round, unit and group.',
  empty: 'There are no open survey rounds on this device. Sync to fetch new ones.',
  roundHeading: (period: string) => `Round ${period}`,
  enhet: 'Unit',
  form: 'Form',
  handover: 'Hand over',
  chooseBoth: 'Choose unit and form.',
};
