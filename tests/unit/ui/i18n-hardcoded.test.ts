// Every word the UI shows comes from the message catalogue (src/ui/i18n), so it exists in Swedish
// and English. This check parses each component with Vite's own parser and fails on user-visible
// text written into a component: JSX text, a string in a JSX expression, a string in an attribute
// or prop a user sees or hears (label, aria-label, title …), or a string handed to a setter that
// shows it (setError, setNotice …). Text without letters ("–", "·", "1–5") is not language.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAst } from 'vite';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const UI = join(ROOT, 'src/ui');

/** Attributes and props whose string value reaches the user (read, or announced by a screen reader). */
const VISIBLE = new Set([
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'aria-valuetext',
  'aria-placeholder',
  'title',
  'placeholder',
  'alt',
  'label',
  'legend',
  'hint',
  'caption',
  'heading',
  'empty',
  'failedText',
  'text',
  'message',
  'notice',
  'summary',
]);
/** Setters whose argument is shown to the user. */
const SHOWING_SETTERS = /^set(Error|Notice|Message|Failure|Announcement|Status|Info)$/;
const HAS_LETTER = /\p{L}/u;
/** The instrument's ids (M14, M16.1, M17a, F-D-UNDER) are codes, the same in every language. */
const INSTRUMENT_IDS = /\b(M\d{2}(\.\d|[a-c])?|F-[A-ZÅÄÖ]+(-[A-ZÅÄÖ]+)*)\b/g;

interface Node {
  type: string;
  start: number;
  [key: string]: unknown;
}

function uiFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'i18n' ? [] : uiFiles(path);
    return /\.(tsx?)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The text of a string literal or a template literal's fixed parts, or null for anything else. */
function literalText(node: Node | null | undefined): string | null {
  if (!node) return null;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral')
    return (node.quasis as { value: { cooked: string | null } }[]).map((q) => q.value.cooked ?? '').join(' ');
  if (node.type === 'JSXExpressionContainer') return literalText(node.expression as Node);
  if (node.type === 'ConditionalExpression')
    return (
      [literalText(node.consequent as Node), literalText(node.alternate as Node)].filter(Boolean).join(' ') ||
      null
    );
  if (node.type === 'LogicalExpression') return literalText(node.right as Node);
  return null;
}

function keyName(node: Node): string | null {
  const key = node.key as Node | undefined;
  if (!key) return null;
  if (key.type === 'Identifier') return key.name as string;
  if (key.type === 'Literal' && typeof key.value === 'string') return key.value;
  return null;
}

function attributeName(node: Node): string | null {
  const name = node.name as Node;
  if (name.type === 'JSXIdentifier') return name.name as string;
  return null;
}

/** Hard-coded user-visible strings in one file, as "path:line: text". */
function hardCodedStrings(file: string, source: string): string[] {
  const ast = parseAst(source, { lang: file.endsWith('.tsx') ? 'tsx' : 'ts' }, file) as unknown as Node;
  const found: string[] = [];
  const line = (n: Node) => source.slice(0, n.start).split('\n').length;
  const report = (n: Node, text: string) => {
    if (HAS_LETTER.test(text.replace(INSTRUMENT_IDS, '')))
      found.push(`${relative(ROOT, file)}:${line(n)}: ${text.trim().slice(0, 60)}`);
  };
  const visit = (node: unknown, parent: Node | null): void => {
    if (Array.isArray(node)) {
      for (const child of node) visit(child, parent);
      return;
    }
    if (!node || typeof node !== 'object' || typeof (node as Node).type !== 'string') return;
    const n = node as Node;
    if (n.type === 'JSXText') report(n, String(n.value));
    if (n.type === 'JSXExpressionContainer' && parent?.type !== 'JSXAttribute') {
      const text = literalText(n.expression as Node);
      if (text !== null) report(n, text);
    }
    if (n.type === 'JSXAttribute') {
      const name = attributeName(n);
      const text = literalText(n.value as Node);
      if (name && VISIBLE.has(name) && text !== null) report(n, text);
    }
    if (n.type === 'Property' && !n.computed) {
      const name = keyName(n);
      const text = literalText(n.value as Node);
      if (name && VISIBLE.has(name) && text !== null) report(n, text);
    }
    if (n.type === 'CallExpression') {
      const callee = n.callee as Node;
      const name = callee.type === 'Identifier' ? (callee.name as string) : null;
      const [first] = n.arguments as Node[];
      const text = literalText(first);
      if (name && SHOWING_SETTERS.test(name) && text !== null) report(n, text);
    }
    for (const [key, value] of Object.entries(n)) if (key !== 'type') visit(value, n);
  };
  visit(ast, null);
  return found;
}

describe('user-visible text in the UI', () => {
  it('finds a hard-coded string in each place a user would see it (the check itself)', () => {
    const sample = `
      const a = <p>Spara</p>;
      const b = <p>{'Avbryt'}</p>;
      const c = <button aria-label="Stäng">{icon}</button>;
      const d = <TextField label={\`Namn \${n}\`} />;
      const e = { value: '', label: 'Alla' };
      setError('Fel lösenord');
      const ok = <p class="muted" id="x">{t.list.title} – {n} · 1–5</p>;`;
    const found = hardCodedStrings(join(UI, 'sample.tsx'), sample);
    expect(found.map((f) => f.replace(/^.*?: /, ''))).toEqual([
      'Spara',
      'Avbryt',
      'Stäng',
      'Namn',
      'Alla',
      'Fel lösenord',
    ]);
  });

  it('has none in any component: every word comes from the catalogue', () => {
    const found = uiFiles(UI).flatMap((f) => hardCodedStrings(f, readFileSync(f, 'utf8')));
    expect(found).toEqual([]);
  });
});
