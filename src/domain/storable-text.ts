/**
 * Text the database can store as it was sent. PostgreSQL refuses a NUL character in text and in
 * jsonb, and a lone UTF-16 surrogate either fails in jsonb or is silently replaced on the way to
 * text; both came from fuzzed requests as 500s. Such text is refused at the boundary instead: per
 * mutation in a push (the rest of the batch goes on), with a 400 elsewhere.
 */

export const UNSTORABLE_TEXT_MESSAGE =
  'Texten innehåller tecken som inte kan sparas (t.ex. ett nolltecken eller ett trasigt specialtecken). Skriv om texten.';

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when the string can be stored unchanged: well-formed UTF-16 and no NUL. */
export function isStorableText(s: string): boolean {
  return !s.includes('\u0000') && !LONE_SURROGATE.test(s);
}

/**
 * The paths (top-level key first) of every unstorable string in a parsed JSON value, object keys
 * included. Iterative, so a deeply nested body cannot overflow the stack.
 */
export function unstorablePaths(value: unknown): string[][] {
  const found: string[][] = [];
  const stack: [unknown, string[]][] = [[value, []]];
  while (stack.length > 0) {
    const [v, path] = stack.pop() as [unknown, string[]];
    if (typeof v === 'string') {
      if (!isStorableText(v)) found.push(path);
    } else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) stack.push([v[i], [...path, String(i)]]);
    } else if (v !== null && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        if (!isStorableText(k)) found.push([...path, k]);
        else stack.push([child, [...path, k]]);
      }
    }
  }
  return found;
}
