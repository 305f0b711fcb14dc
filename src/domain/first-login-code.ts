/**
 * The API's code for a sign-in with a one-time password (see first-login.ts), apart from the
 * schema so the login screen, part of the first screen, can read it without loading zod.
 */
export const MUST_CHANGE_PASSWORD = 'losenord_maste_bytas';
