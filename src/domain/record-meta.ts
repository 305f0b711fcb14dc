/**
 * What every synced record kind shares: the server-side identity fields, and a "valid fields"
 * schema made from the kind's cross-field rules. `version` is the server's; 0 = never synced.
 */
import { Id } from './id';
import { z } from './zod';

export const RECORD_META = {
  id: Id,
  forbundId: Id,
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  version: z.int().nonnegative(),
} as const;

/** Case work belongs to one ärende. */
export const CASE_RECORD_META = { ...RECORD_META, arendeId: Id } as const;

/** `fields` with its cross-field rules added as zod issues on the named fields. */
export function withCrossFieldRules<T extends z.ZodObject>(
  fields: T,
  issuesOf: (value: z.infer<T>) => { path: string; message: string }[],
) {
  return fields.superRefine((value, ctx) => {
    for (const i of issuesOf(value)) ctx.addIssue({ code: 'custom', path: [i.path], message: i.message });
  });
}
