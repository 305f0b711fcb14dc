/** English texts for changing the unlock code and for a re-login (sv-lock-change.ts is the reference). */
import type { change as svChange, relogin as svRelogin } from './sv-lock-change';

export const change: typeof svChange = {
  title: 'Change unlock code',
  intro:
    'The unlock code opens the data on this device and ends hand-over mode. Changing it works without a network and does not affect the password you log in with.',
  current: 'Current unlock code',
  next: 'New unlock code',
  nextHint: 'At least 8 characters.',
  repeat: 'Repeat the new unlock code',
  submit: 'Change unlock code',
  saving: 'Changing …',
  tooShort: 'The new unlock code needs at least 8 characters.',
  mismatch: 'The codes are not the same. Type the same new code twice.',
  wrongCurrent: 'The current unlock code is not right.',
  emptyCurrent: 'Enter your current unlock code.',
  failed: 'The unlock code could not be changed. Try again.',
  done: 'The unlock code is changed. Use the new code the next time you unlock.',
  errorSummary: (n: number) => (n === 1 ? 'Correct one error' : `Correct ${n} errors`),
};

export const relogin: typeof svRelogin = {
  secretNeeded:
    'The password does not open the data on this device, probably because it has been changed. Enter your unlock code (usually your previous password) to unlock it.',
  secret: 'Unlock code',
  startFresh: 'Clear this device and start again',
  startFreshHint:
    'Everything on this device is synced. You can clear the device instead – the cases are fetched again from the server.',
  unsyncedHint: (n: number) =>
    n === 1
      ? 'One change on this device is not synced, so the device cannot be cleared. Enter the unlock code.'
      : `${n} changes on this device are not synced, so the device cannot be cleared. Enter the unlock code.`,
  wrongSecret: 'Wrong unlock code. Try again.',
};
