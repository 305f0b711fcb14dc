/**
 * Turning schema failures into what a user can act on: a map from field to one Swedish message.
 * Client and server both use it, so a refused field reads the same on the device and from the API.
 */
// Only the Swedish locale: `z.locales` would pull every language into the first screen's bundle.
import sv from 'zod/v4/locales/sv.js';
import { type ArendeFields, ValidArendeFields } from './arende';
import { type FieldErrors, fieldErrors } from './validation-error';

// The error type and the issue-to-field mapping live apart, so code that only catches a
// ValidationError (the sync client on the first screen) does not load the Swedish locale.
export { type FieldErrors, fieldErrors, ValidationError } from './validation-error';

/** Zod's Swedish messages for the generic cases our schemas do not word themselves. */
export const swedishErrors = sv().localeError;

/** Validates fields and cross-field rules; null when valid. */
export function validateArendeFields(fields: ArendeFields): FieldErrors | null {
  const r = ValidArendeFields.safeParse(fields, { error: swedishErrors });
  return r.success ? null : fieldErrors(r.error.issues);
}
