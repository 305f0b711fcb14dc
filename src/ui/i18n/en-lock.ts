/** English texts of the lock (sv-lock.ts): the secret is the "unlock code" everywhere. */
import type { lock as sv } from './sv-lock';

export const lock: typeof sv = {
  title: 'Fältsam is locked',
  intro: (name: string) =>
    `The data on this device is encrypted. ${name}, enter your unlock code to continue. This works without a network.`,
  introNoUser:
    'The data on this device is encrypted. Enter the unlock code to continue. This works without a network.',
  hint: 'The unlock code is the password you logged in with the first time on this device, unless you have changed it.',
  secret: 'Unlock code',
  submit: 'Unlock',
  unlocking: 'Unlocking …',
  wrong: 'Wrong unlock code. Try again – your data is still here.',
  empty: 'Enter your unlock code.',
  failed: 'Fältsam could not be unlocked. Try again.',
  lockButton: 'Lock',
  lockButtonLabel: 'Lock Fältsam now',
  changeLink: 'Change unlock code',
  legacyNotice:
    'Fältsam now encrypts the data on this device. Log in once more to protect it with your password.',
};
