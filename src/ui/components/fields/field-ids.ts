/**
 * Ids of a form control and its hint and error, so labels, aria-describedby and the error
 * summary's links all point at the same element. `f-<field>` is always the first control.
 */
export const controlId = (name: string) => `f-${name}`;
export const hintId = (name: string) => `f-${name}-hint`;
export const errorId = (name: string) => `f-${name}-error`;

export function describedBy(name: string, hint: unknown, error: unknown): string | undefined {
  const ids = [error ? errorId(name) : null, hint ? hintId(name) : null].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}
