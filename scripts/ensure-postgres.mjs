#!/usr/bin/env node
// Makes sure PostgreSQL's server binaries (initdb, pg_ctl, postgres; version 15 or newer) are on
// this machine before the `server-postgres` tests start a throwaway cluster with them. Looks on
// PATH and in Debian's /usr/lib/postgresql/<version>/bin; installs Debian's `postgresql` with
// apt-get when running as root (CI containers), otherwise explains how and exits with 1.
//
// With --print-bindir it prints the folder holding the binaries as its only line on stdout
// (apt-get's output goes to stderr), which is how the test set-up finds them.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const MIN_MAJOR = 15;
const TOOLS = ['initdb', 'pg_ctl', 'postgres'];
const DEBIAN_ROOT = '/usr/lib/postgresql';

/** The major version of the postgres binary in `dir`, or 0 when it does not run. */
function majorVersion(dir) {
  const result = spawnSync(join(dir, 'postgres'), ['--version'], { encoding: 'utf8' });
  const match = /\(PostgreSQL\) (\d+)/.exec(result.stdout ?? '');
  return match ? Number(match[1]) : 0;
}

/** Folders that may hold the binaries: Debian's per-version folders (newest first), then PATH. */
function candidates() {
  const debian = existsSync(DEBIAN_ROOT)
    ? readdirSync(DEBIAN_ROOT)
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
        .map((v) => join(DEBIAN_ROOT, v, 'bin'))
    : [];
  const path = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  return [...debian, ...path];
}

function findBinDir() {
  for (const dir of candidates()) {
    if (TOOLS.every((t) => existsSync(join(dir, t))) && majorVersion(dir) >= MIN_MAJOR) return dir;
  }
  return null;
}

/** Runs an apt-get command with no prompts (CI has no stdin); its output goes to stderr. */
function aptGet(args) {
  console.error(`$ apt-get ${args.join(' ')}`);
  const result = spawnSync('apt-get', args, {
    stdio: ['ignore', process.stderr, process.stderr],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.error) {
    console.error(`Could not run apt-get / Kunde inte köra apt-get: ${result.error.message}`);
    process.exit(1);
  }
  if (result.status !== 0) {
    console.error(`apt-get ${args[0]} failed with exit code ${result.status} / misslyckades.`);
    process.exit(result.status ?? 1);
  }
}

const print = process.argv.includes('--print-bindir');
let binDir = findBinDir();

if (!binDir) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    console.error(
      [
        `PostgreSQL ${MIN_MAJOR} or newer (initdb, pg_ctl, postgres) was not found on PATH or in ${DEBIAN_ROOT}/*/bin;`,
        'the server tests run on it. Install it (Debian/Ubuntu) and run the tests again:',
        '  sudo apt-get update && sudo apt-get install -y postgresql',
        '',
        `PostgreSQL ${MIN_MAJOR} eller nyare (initdb, pg_ctl, postgres) hittades inte i PATH eller i ${DEBIAN_ROOT}/*/bin;`,
        'servertesterna körs mot den. Installera den (Debian/Ubuntu) och kör testerna igen:',
        '  sudo apt-get update && sudo apt-get install -y postgresql',
      ].join('\n'),
    );
    process.exit(1);
  }
  console.error('PostgreSQL missing; installing it with apt-get.');
  aptGet(['update']);
  aptGet(['install', '-y', '--no-install-recommends', 'postgresql']);
  binDir = findBinDir();
  if (!binDir) {
    console.error(
      `apt-get finished but no PostgreSQL ${MIN_MAJOR}+ binaries were found / hittades fortfarande inte.`,
    );
    process.exit(1);
  }
  console.error(`PostgreSQL installed in ${binDir}.`);
}

if (print) console.log(binDir);
