/**
 * Validating the editable fields of any registered record kind with its schema and cross-field
 * rules, as the server does after merging: the device runs it before storing an edit.
 */
import { ENTITIES, type EntityName } from './entities';
import { type FieldErrors, fieldErrors, swedishErrors } from './validation';

/** Field → Swedish message for every problem (first per field); null when the fields are valid. */
export function validateEntityFields(
  entity: EntityName,
  fields: Record<string, unknown>,
): FieldErrors | null {
  const def = ENTITIES[entity];
  const parsed = def.fields.safeParse(fields, { error: swedishErrors });
  if (!parsed.success) return fieldErrors(parsed.error.issues);
  const issues = def.crossFieldIssues(parsed.data as never);
  if (issues.length === 0) return null;
  const out: FieldErrors = {};
  for (const i of issues) out[i.path] ??= i.message;
  return out;
}
