/**
 * Turning schema failures into what a user can act on: a map from field to one Swedish message.
 * Client and server both use it, so a refused field reads the same on the device and from the API.
 */
import type { z } from 'zod';
// Only the Swedish locale: `z.locales` would pull every language into the first screen's bundle.
import sv from 'zod/v4/locales/sv.js';
import { type ArendeFields, ValidArendeFields } from './arende';

/** Zod's Swedish messages for the generic cases our schemas do not word themselves. */
export const swedishErrors = sv().localeError;

export type FieldErrors = Record<string, string>;

export class ValidationError extends Error {
  readonly fields: FieldErrors;
  constructor(fields: FieldErrors) {
    super(Object.values(fields)[0] ?? 'Uppgifterna är inte giltiga.');
    this.name = 'ValidationError';
    this.fields = fields;
  }
}

/** The first message per top-level field; issues without a path go under '_'. */
export function fieldErrors(issues: readonly z.core.$ZodIssue[]): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of issues) {
    const key = issue.path.length > 0 ? String(issue.path[0]) : '_';
    out[key] ??= issue.message;
  }
  return out;
}

/** Validates fields and cross-field rules; null when valid. */
export function validateArendeFields(fields: ArendeFields): FieldErrors | null {
  const r = ValidArendeFields.safeParse(fields, { error: swedishErrors });
  return r.success ? null : fieldErrors(r.error.issues);
}
