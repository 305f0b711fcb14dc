// The direction of imports is the architecture: ui → sync → db → domain; server → domain; sw → sync,
// db, domain. This check reads every import specifier in src/ and sw/ and fails on one that points
// the wrong way, so a shortcut cannot slip in unnoticed.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

type Layer = 'domain' | 'db' | 'sync' | 'ui' | 'server' | 'sw';

/** Which layers each layer may import from (itself included). */
const ALLOWED: Record<Layer, readonly Layer[]> = {
  domain: ['domain'],
  db: ['db', 'domain'],
  sync: ['sync', 'db', 'domain'],
  ui: ['ui', 'sync', 'db', 'domain'],
  server: ['server', 'domain'],
  sw: ['sw', 'sync', 'db', 'domain'],
};
/** Packages the domain may use: it stays pure, with no DOM, no Node and no storage. */
const DOMAIN_PACKAGES = ['zod'];
// Built from parts so that this file does not itself contain the path it forbids.
const SHARED = 'shared';
const SHARED_DIR = `/work/${SHARED}`;
const SHARED_RELATIVE = new RegExp(`['"\`]((?:\\.\\./)+${SHARED}\\b[^'"\`\\n]*)`, 'g');

/** Every module specifier of static imports, re-exports and literal dynamic imports. */
function importSpecifiers(source: string): string[] {
  // Comment lines cannot import; dropping them keeps commented-out or quoted imports from counting.
  const code = source
    .split('\n')
    .filter((line) => !/^\s*(\/\/|\/\*|\*)/.test(line))
    .join('\n');
  const patterns = [
    // import x from '…', import { a,\n b } from '…', import type …, export * from '…', export { a } from '…'
    /^[ \t]*(?:import|export)\b[\s\w{},*$]*?\bfrom\s*(['"])([^'"\n]+)\1/gm,
    // import '…' (for its side effects)
    /^[ \t]*import\s*(['"])([^'"\n]+)\1/gm,
    // import('…'), import(`…`)
    /\bimport\s*\(\s*(['"`])([^'"`\n]+)\1\s*\)/g,
  ];
  return patterns.flatMap((re) => [...code.matchAll(re)].map((m) => m[2] ?? ''));
}

/** The layer a repository path belongs to, or null outside src/<layer>/ and sw/. */
function layerOf(repoPath: string): Layer | null {
  const [top, second] = repoPath.split('/');
  if (top === 'sw') return 'sw';
  if (top === 'src' && second && second in ALLOWED) return second as Layer;
  return null;
}

/** Why `specifier`, imported by the file at `file` (relative to the repo root), is not allowed. */
function importViolations(file: string, source: string): string[] {
  const from = layerOf(file);
  const problems: string[] = [];
  for (const specifier of importSpecifiers(source)) {
    const say = (why: string) => problems.push(`${file} imports '${specifier}': ${why}`);
    if (specifier.includes(SHARED_DIR)) {
      say('the shared design folder is not part of the app');
      continue;
    }
    if (!specifier.startsWith('.') && !specifier.startsWith('/')) {
      if (from === 'domain' && !DOMAIN_PACKAGES.some((p) => specifier === p || specifier.startsWith(`${p}/`)))
        say('domain imports only zod');
      continue;
    }
    const target = posix.normalize(posix.join(posix.dirname(file), specifier.split('?')[0] ?? ''));
    if (specifier.startsWith('/') || target.startsWith('..')) {
      say('it reaches outside the repository');
      continue;
    }
    if (target.split('/')[0] === 'tests') {
      say('application code never imports tests');
      continue;
    }
    const to = layerOf(target);
    if (from === null) continue;
    if (to === null) {
      if (from === 'domain') say('domain imports only its own files');
    } else if (!ALLOWED[from].includes(to)) {
      say(`${from} may import only ${ALLOWED[from].join(', ')}, not ${to}`);
    }
  }
  return problems;
}

function sourceFiles(dir: string, pattern = /\.tsx?$/): string[] {
  if (!existsSync(join(ROOT, dir))) return [];
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .map((f) => f.split('\\').join('/'))
    .filter((f) => pattern.test(f) && !f.split('/').includes('node_modules'))
    .map((f) => posix.join(dir, f));
}

/**
 * Whether a file names the shared design folder: by its absolute path, or by a relative path
 * that leaves the repository (any such path outside src/ and sw/, where paths are read from the
 * repository root rather than imported).
 */
function readsShared(file: string, text: string): boolean {
  if (text.includes(SHARED_DIR)) return true;
  const inApp = layerOf(file) !== null;
  return [...text.matchAll(SHARED_RELATIVE)].some(
    (m) => !inApp || posix.join(posix.dirname(file), m[1] ?? '').startsWith('..'),
  );
}

describe('importSpecifiers', () => {
  it('reads static imports, type imports, re-exports, side-effect and dynamic imports', () => {
    const source = [
      "import { z } from 'zod';",
      "import type { Arende } from '../domain/arende';",
      'import {',
      '  a,',
      '  b as c,',
      "} from './multi';",
      'import Dexie, * as all from "dexie";',
      "export * from './reexport';",
      "export { x } from './named';",
      "import './side-effect.css';",
      "const lazy = () => import('../ui/Lazy');",
      'const page = await import(`./page`);',
    ].join('\n');
    expect(importSpecifiers(source).sort()).toEqual(
      [
        'zod',
        '../domain/arende',
        './multi',
        'dexie',
        './reexport',
        './named',
        './side-effect.css',
        '../ui/Lazy',
        './page',
      ].sort(),
    );
  });

  it('ignores imports in comments and words like "from" in ordinary code', () => {
    const source = [
      "// import { db } from '../db/database';",
      '/* import x from "../sync/engine" */',
      " * export { y } from '../ui/main';",
      "export const label = 'from the server';",
      "export function copyFrom(from: string) { return from + 'x'; }",
    ].join('\n');
    expect(importSpecifiers(source)).toEqual([]);
  });
});

describe('importViolations', () => {
  it.each([
    ['src/domain/arende.ts', "import { db } from '../db/database';"],
    ['src/domain/arende.ts', "import Dexie from 'dexie';"],
    ['src/domain/arende.ts', "import { readFileSync } from 'node:fs';"],
    ['src/domain/arende.ts', "import { h } from 'preact';"],
    ['src/db/database.ts', "import { createSyncEngine } from '../sync/engine';"],
    ['src/db/database.ts', "import { App } from '../ui/App';"],
    ['src/sync/engine.ts', "export { App } from '../ui/App';"],
    ['src/sync/engine.ts', "const m = await import('../server/app');"],
    ['src/server/routes/arende.ts', "import { db } from '../../db/database';"],
    ['src/server/app.ts', "import { push } from '../sync/engine';"],
    ['src/ui/main.tsx', "import { buildApp } from '../server/app';"],
    ['src/ui/main.tsx', "import '../../sw/sw';"],
    ['sw/sw.ts', "import { App } from '../src/ui/App';"],
    ['sw/sw.ts', "import { buildApp } from '../src/server/app';"],
    ['src/db/database.ts', "import { fixture } from '../../tests/fixtures/arende';"],
    ['src/domain/guard.ts', `import text from '../../../${SHARED}/DOMAIN.md?raw';`],
    ['src/ui/main.tsx', `import text from '${SHARED_DIR}/PRODUCT.md';`],
  ])('flags %s doing %s', (file, source) => {
    expect(importViolations(file, source)).toHaveLength(1);
  });

  it.each([
    ['src/domain/entities.ts', "import { z } from 'zod';\nimport { Arende } from './arende';"],
    ['src/db/database.ts', "import Dexie from 'dexie';\nimport type { Arende } from '../domain/arende';"],
    [
      'src/sync/engine.ts',
      "import { db } from '../db/database';\nimport { Mutation } from '../domain/sync-protocol';",
    ],
    [
      'src/ui/pages/List.tsx',
      "import { useState } from 'preact/hooks';\nimport { push } from '../../sync/engine';",
    ],
    ['src/ui/main.tsx', "import { db } from '../db/database';\nimport './styles.css';"],
    [
      'src/server/routes/arende.ts',
      "import { Hono } from 'hono';\nimport { mergeChanges } from '../../domain/merge';",
    ],
    [
      'sw/sw.ts',
      "import { precacheAndRoute } from 'workbox-precaching';\nimport { run } from '../src/sync/worker-sync';",
    ],
  ])('allows %s doing what its layer may', (file, source) => {
    expect(importViolations(file, source)).toEqual([]);
  });
});

describe('readsShared', () => {
  it.each([
    ['tests/unit/x.test.ts', `readFileSync('${SHARED_DIR}/DOMAIN.md', 'utf8')`, true],
    ['scripts/extract.mjs', `readFileSync('../${SHARED}/DOMAIN.md')`, true],
    ['src/ui/main.tsx', `fetch('../../../${SHARED}/PRODUCT.md')`, true],
    ['src/ui/components/Card.tsx', `import { Button } from '../${SHARED}/Button';`, false],
    ['tests/unit/x.test.ts', "const label = 'shared by both sides';", false],
  ])('in %s, %s → %s', (file, text, expected) => {
    expect(readsShared(file, text)).toBe(expected);
  });
});

describe('architecture', () => {
  const files = [...sourceFiles('src'), ...sourceFiles('sw')];

  it('finds the application source to check', () => {
    expect(files).toContain('src/domain/guard.ts');
    expect(files).toContain('sw/sw.ts');
    const entities = readFileSync(join(ROOT, 'src/domain/entities.ts'), 'utf8');
    expect(importSpecifiers(entities)).toEqual(expect.arrayContaining(['./zod', './arende']));
  });

  it('has no import that goes against ui → sync → db → domain, server → domain, sw → sync, db, domain', () => {
    const problems = files.flatMap((f) => importViolations(f, readFileSync(join(ROOT, f), 'utf8')));
    expect(problems).toEqual([]);
  });

  it('creates every zod schema through domain/zod.ts, so zod never generates code under the CSP', () => {
    // A value import of zod anywhere else could build a schema before jitless is set (domain/zod.ts).
    const valueImport = /^[ \t]*import\s+(?!type\b)[^;]*?\bfrom\s*['"]zod['"]/m;
    const direct = files.filter(
      (f) => f !== 'src/domain/zod.ts' && valueImport.test(readFileSync(join(ROOT, f), 'utf8')),
    );
    expect(direct).toEqual([]);
    expect(readFileSync(join(ROOT, 'src/domain/zod.ts'), 'utf8')).toMatch(/z\.config\(\{ jitless: true \}\)/);
  });

  it('has no file in src/ outside the known layers, so none escapes the check', () => {
    const outside = files.filter((f) => layerOf(f) === null && !f.endsWith('.d.ts'));
    expect(outside).toEqual([]);
  });

  it('never reads the shared design folder, from any source, test, script or config', () => {
    const everywhere = [
      ...files,
      ...['tests', 'bench', 'scripts'].flatMap((d) => sourceFiles(d, /\.(tsx?|m?js|cjs|json)$/)),
      ...readdirSync(ROOT).filter((f) => /\.(ts|m?js|json)$/.test(f)),
    ];
    expect(everywhere.filter((f) => readsShared(f, readFileSync(join(ROOT, f), 'utf8')))).toEqual([]);
  });
});
