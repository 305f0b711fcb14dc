/** A refused input as a map from field to one Swedish message; shared by device and server. */
import type { z } from 'zod';

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
