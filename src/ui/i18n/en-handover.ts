/**
 * English texts of hand-over mode (sv-handover.ts is the reference). Only the screens' own words:
 * the statements and the scale's end labels are the instrument's and stay Swedish.
 */
import { count } from './en';
import type { HandoverMessages } from './sv-handover';

export const handover: HandoverMessages = {
  pageTitle: 'Survey',
  settingsLabel: 'Display and read-aloud',
  readAloud: 'Read aloud',
  textSmaller: 'Smaller text',
  textLarger: 'Larger text',
  contrast: 'High contrast',
  intro: (n: number, min: string, max: string) =>
    `Here ${n === 1 ? 'comes' : 'come'} ${count(n)} ${n === 1 ? 'statement' : 'statements'}, one at a time. Answer how well each statement fits you, from 1 (${min}) to 5 (${max}). The statements are in Swedish. You can skip a statement you do not want to answer.`,
  answeredWithLegend: 'How are you answering?',
  answeredWith: { sjalv: 'On my own', med_stod: 'With support' },
  chooseAnsweredWith: 'Choose whether you answer on your own or with support.',
  start: 'Start',
  progress: (i: number, n: number) => `Statement ${count(i)} of ${count(n)}`,
  scaleSpoken: (min: string, max: string) => `Answer from 1, ${min}, to 5, ${max}.`,
  back: 'Back',
  next: 'Next',
  skip: 'Skip',
  chooseOrSkip: 'Choose an answer from 1 to 5, or press “Skip”.',
  reviewTitle: 'Send your answers',
  reviewSummary: (answered: number, n: number) =>
    `You have answered ${count(answered)} of ${count(n)} statements.`,
  reviewHint: 'Once sent, the answers cannot be changed.',
  submit: 'Send',
  submitFailed: 'The answers could not be saved. Try again.',
  thanksTitle: 'Thank you for your answers!',
  thanksText: 'Your answers are saved. Hand the tablet back to the case worker.',
  thanksTextRound: 'Your answers are saved. Pass the tablet on to the next person.',
  nextRespondent: 'Next person answers',
  idleTitle: 'The survey is closed',
  idleText:
    'No one has answered for a while, so the survey was closed and what had been filled in was deleted. Hand the tablet back to the case worker.',
  unlockOpen: 'Unlock (for the case worker)',
  unlockTitle: 'Unlock',
  unlockIntro: 'For the case worker: enter your unlock code, the same one you unlock Fältsam with.',
  password: 'Unlock code',
  unlock: 'Unlock',
  unlocking: 'Checking the unlock code …',
  cancel: 'Cancel',
  unlockWrong: 'Wrong unlock code. Try again.',
  unlockWait: (time: string) => `Too many wrong attempts. You can try again at ${time}.`,
};
