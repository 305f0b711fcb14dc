/**
 * The `faltsam` command with no server running and with hostile command lines, child processes as
 * an operator runs them. With no server it opens the data folder itself under its lock (PGlite)
 * or connects to DATABASE_URL, and a server started afterwards sees exactly what it made. A word
 * too many or an unknown option (a property over runCli in this process: refused before any
 * database is touched), a huge name, broken UTF-8 from the shell, NUL in a password on standard
 * input, a second restore without --force and a broken backup with --force: each ends with 0 and
 * exactly what was asked, or 1/2 with a short message and nothing changed — never a stack trace,
 * never a half-replaced database. Few processes on purpose: each start of the command costs
 * seconds on a loaded machine.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/server/cli/main';
import { lockHolder } from '../../../src/server/ops/data-lock';
import {
  collect,
  type Ran,
  ROOT,
  runFaltsam,
  type ServerProcess,
  startServerProcess,
} from '../../helpers/processes';
import { databaseKind, openTestDatabase, type TestDatabase } from '../../helpers/test-database';

let work: string;
let dataDir: string;
let db: TestDatabase | undefined;
let env: Record<string, string | undefined>;
let server: ServerProcess | undefined;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'faltsam-cli-h-'));
  dataDir = join(work, 'data');
  if (databaseKind() === 'postgres') db = await openTestDatabase({ migrated: false });
  env = { DATA_DIR: dataDir, DATABASE_URL: db?.url, NODE_ENV: 'production' };
}, 120_000);
afterAll(async () => {
  await server?.stop();
  await db?.close();
  await rm(work, { recursive: true, force: true });
}, 60_000);

interface Listed {
  forbund: { namn: string; enheter: number; users: number; admins: string[] }[];
}
async function list(): Promise<Listed> {
  const ran = await runFaltsam(['forbund', 'list', '--json'], { env });
  expect(ran.code, ran.stderr).toBe(0);
  return JSON.parse(ran.stdout) as Listed;
}

/** A refusal as the operator sees it: the exit status, a short message, no stack trace. */
function expectRefused(ran: Ran, code: 1 | 2) {
  expect(ran.code, ran.stderr).toBe(code);
  expect(ran.stdout).toBe('');
  expect(ran.stderr.length).toBeGreaterThan(0);
  expect(ran.stderr.length).toBeLessThan(800);
  expect(ran.stderr).not.toMatch(/\n\s+at |Error:|undefined/);
}

/** `faltsam` started by a shell, so an argument can carry bytes that are not UTF-8. */
function runThroughShell(script: string): Promise<Ran> {
  const child = spawn(
    '/bin/sh',
    ['-c', `"$1" "$2" ${script}`, 'sh', process.execPath, join(ROOT, 'bin', 'faltsam.js')],
    {
      cwd: ROOT,
      env: { PATH: process.env.PATH, DATA_DIR: dataDir, DATABASE_URL: db?.url, NODE_ENV: 'production' },
    },
  );
  return collect(child);
}

const OWN = 'lösen ord med räv 🦊 i';
const BACKUP = () => join(work, 'utan-server.bak');

const signIn = (url: string, username: string, password: string) =>
  fetch(`${url}/api/sessions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });

describe('faltsam with no server running', () => {
  it('shows its help in Swedish and in English', async () => {
    const sv = await runFaltsam(['--help'], { env });
    expect(sv.code).toBe(0);
    expect(sv.stdout).toContain('Användning:');
    expect(sv.stdout).toContain('npx faltsam forbund create <namn> --admin <användarnamn>');
    const en = await runFaltsam(['-h'], { env: { ...env, FALTSAM_LANG: 'en' } });
    expect(en.code).toBe(0);
    expect(en.stdout).toContain('Usage:');
    expect(en.stdout).toContain('npx faltsam restore <file> [--force]');
  }, 120_000);

  it('makes a förbund, an enhet and a backup itself; a server started after sees them', async () => {
    const made = await runFaltsam(
      ['forbund', 'create', 'Förbund Utan Server', '--admin', 'forsta.admin', '--json'],
      { env },
    );
    expect(made.code, made.stderr).toBe(0);
    const printed = (JSON.parse(made.stdout) as { password: string }).password;
    expect(printed).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    const enhet = await runFaltsam(
      ['enhet', 'create', 'Norsjö', '--kod', 'NOR', '--forbund', 'förbund utan server'],
      { env },
    );
    expect(enhet.code, enhet.stderr).toBe(0);
    // A password with a NUL in it, from standard input, is refused: no sign-in could ever send it
    // (every request body with a NUL is refused), so the account would be locked out.
    const nul = await runFaltsam(['admin', 'reset-password', 'forsta.admin', '--password-stdin'], {
      env,
      stdin: 'lösen\u0000ordet-från-stdin\n',
    });
    expectRefused(nul, 1);
    expect(nul.stderr).toContain('tecken som inte kan sparas');
    // Any other Unicode is kept whole: spaces, letters outside ASCII, an emoji.
    const reset = await runFaltsam(['admin', 'reset-password', 'forsta.admin', '--password-stdin'], {
      env,
      stdin: `${OWN}\n`,
    });
    expect(reset.code, reset.stderr).toBe(0);
    expect(reset.stdout).not.toContain(OWN);
    const backup = await runFaltsam(['backup', BACKUP()], { env });
    expect(backup.code, backup.stderr).toBe(0);
    expect((await stat(BACKUP())).mode & 0o777).toBe(0o600);
    // Each command let go of the folder when it ended.
    if (databaseKind() === 'pglite') expect(await lockHolder(dataDir)).toBeNull();

    server = await startServerProcess({ ...env, STATIC_DIR: join(work, 'ingen-build') });
    const first = await signIn(server.url, 'forsta.admin', OWN);
    expect(first.status).toBe(403);
    expect(((await first.json()) as { error: { code: string } }).error.code).toBe('losenord_maste_bytas');
    expect((await signIn(server.url, 'forsta.admin', 'lösen ord med räv')).status).toBe(401);
    expect((await signIn(server.url, 'forsta.admin', printed)).status).toBe(401);
  }, 300_000);
});

describe('hostile command lines', () => {
  it('refuses any word too many or unknown option with status 2 before touching a database', async () => {
    const commands = [
      ['forbund', 'create', 'Namn', '--admin', 'namn.admin'],
      ['forbund', 'list'],
      ['enhet', 'create', 'Namn', '--kod', 'AB', '--forbund', 'Förbund Utan Server'],
      ['admin', 'reset-password', 'forsta.admin'],
      ['backup', join(work, 'extra.bak')],
      ['restore', BACKUP()],
    ];
    const extra = fc.oneof(
      fc.string({ maxLength: 30 }).filter((w) => !w.startsWith('-')),
      fc.string({ unit: 'binary', maxLength: 30 }).filter((w) => !w.startsWith('-')),
      fc.constantFrom('\u0000', 'a\u0000b', '\ud800', 'å'.repeat(100_000), '--lösenord', '-x', '--admin-'),
    );
    let ran = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...commands),
        fc.array(extra, { minLength: 1, maxLength: 3 }),
        async (cmd, more) => {
          const out: string[] = [];
          const err: string[] = [];
          const code = await runCli([...cmd, ...more], {
            out: (t) => out.push(t),
            err: (t) => err.push(t),
            stdin: async () => '',
            // An unreachable database: were anything to touch it, the status would be 1, not 2.
            env: { DATA_DIR: join(work, 'finns-inte', '\u0000'), DATABASE_URL: 'postgres://127.0.0.1:1/x' },
          });
          ran++;
          expect(code, `${[...cmd, ...more].join(' ')}\n${err.join('\n')}`).toBe(2);
          expect(out).toEqual([]);
          expect(err.join('\n')).toContain('npx faltsam --help');
        },
      ),
      { numRuns: 200, seed: 1417 },
    );
    expect(ran).toBe(200);
    expect(existsSync(join(work, 'extra.bak'))).toBe(false);
    // And as a process: the status an operator's script sees.
    const usage = await runFaltsam(['forbund', 'list', 'extra'], { env });
    expectRefused(usage, 2);
  }, 120_000);

  it('refuses a huge name, broken UTF-8, control characters and a huge password, creating nothing', async () => {
    const before = await list();
    const huge = await runFaltsam(['forbund', 'create', 'å'.repeat(60_000), '--admin', 'stor.admin'], {
      env,
    });
    expectRefused(huge, 1);
    expect(huge.stderr).toContain('högst 200 tecken');
    const hugePassword = await runFaltsam(['admin', 'reset-password', 'forsta.admin', '--password-stdin'], {
      env,
      stdin: 'p'.repeat(1_000_000),
    });
    expectRefused(hugePassword, 1);
    const emptyPassword = await runFaltsam(['admin', 'reset-password', 'forsta.admin', '--password-stdin'], {
      env,
      stdin: '\n',
    });
    expectRefused(emptyPassword, 1);
    // (A NUL cannot be in an argument at all — exec refuses it — so it came by stdin above.)
    const control = await runThroughShell(
      'forbund create "$(printf "Rad\\nbrytning")" --admin kontroll.admin',
    );
    expectRefused(control, 1);
    // Bytes that are not UTF-8 reach the command as U+FFFD: stored as read, well-formed, or refused.
    const broken = await runThroughShell(
      'forbund create "$(printf "Fel\\377\\376kodat")" --admin trasig.admin',
    );
    expect([0, 1], broken.stderr).toContain(broken.code);
    const after = (await list()).forbund;
    if (broken.code === 0) {
      const made = after.find((f) => f.namn.startsWith('Fel'));
      expect(made?.namn).toBe('Fel\ufffd\ufffdkodat');
      expect(made?.namn.isWellFormed()).toBe(true);
      expect(after.filter((f) => f !== made)).toEqual(before.forbund);
    } else expect(after).toEqual(before.forbund);
    // The password was not touched by the refused resets.
    if (server) expect((await signIn(server.url, 'forsta.admin', OWN)).status).toBe(403);
    await server?.stop();
    server = undefined;
  }, 300_000);

  it('restores only into an empty place; --force with a broken backup leaves the database as it was', async () => {
    await server?.stop();
    server = undefined;
    const before = await list();
    const second = await runFaltsam(['restore', BACKUP()], { env });
    expectRefused(second, 1);
    expect(second.stderr).toContain('Ange --force för att ersätta den.');

    const notBackup = join(work, 'inte-en-kopia.bak');
    await writeFile(notBackup, 'hej\u0000'.repeat(100));
    expectRefused(await runFaltsam(['restore', notBackup, '--force'], { env }), 1);
    // A file that starts like a backup of the right kind but is broken after its first bytes.
    const broken = join(work, 'trasig.bak');
    await writeFile(
      broken,
      databaseKind() === 'pglite'
        ? gzipSync(Buffer.from('inte en tar-fil '.repeat(1000)))
        : Buffer.concat([Buffer.from('PGDMP'), Buffer.alloc(4000, 7)]),
    );
    expectRefused(await runFaltsam(['restore', broken, '--force'], { env }), 1);
    expect(await list()).toEqual(before);

    // A whole backup with --force replaces the database: the förbund made after it is gone.
    const replaced = await runFaltsam(['restore', BACKUP(), '--force'], { env });
    expect(replaced.code, replaced.stderr).toBe(0);
    expect((await list()).forbund.map((f) => f.namn)).toEqual(['Förbund Utan Server']);
  }, 300_000);
});
