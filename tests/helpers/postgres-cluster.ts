/**
 * A throwaway PostgreSQL cluster for the `server-postgres` tests: initdb in a fresh temporary
 * folder, listening only on a unix socket in that folder (no port to collide with anything else
 * on a shared machine), trust authentication for the one superuser, durability off (the data dies
 * with the run). Stopped and deleted by `stop()`.
 *
 * PostgreSQL refuses to run as root. As root (CI containers) the binaries run as the `postgres`
 * account when there is one, else as `nobody`, with the folder handed to that account.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  appendFileSync,
  chownSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SUPERUSER = 'faltsam';
const PORT = 5432; // only names the socket file; nothing listens on TCP

export interface Cluster {
  /** Connection URL of the `postgres` maintenance database, over the unix socket. */
  url(database?: string): string;
  /** The postmaster's process id (its backends are its children). */
  pid(): number;
  stop(): void;
}

interface RunAs {
  uid: number;
  gid: number;
  name: string;
}

/** The unprivileged account to run PostgreSQL as, or null when we are not root. */
function unprivilegedAccount(): RunAs | null {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return null;
  for (const name of ['postgres', 'nobody']) {
    const result = spawnSync('id', ['-u', name], { encoding: 'utf8' });
    if (result.status !== 0) continue;
    const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
    return { name, uid: Number(result.stdout.trim()), gid: Number(gid.stdout.trim()) };
  }
  throw new Error('Running as root and neither a "postgres" nor a "nobody" account exists.');
}

function run(binDir: string, runAs: RunAs | null, tool: string, args: string[]): void {
  const binary = join(binDir, tool);
  const [cmd, cmdArgs] = runAs ? ['runuser', ['-u', runAs.name, '--', binary, ...args]] : [binary, args];
  const result = spawnSync(cmd, cmdArgs, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status !== 0) {
    throw new Error(
      `${tool} ${args.join(' ')} failed (${result.error?.message ?? `exit ${result.status}`}):\n${result.stdout}${result.stderr}`,
    );
  }
}

/** The bin folder of PostgreSQL 15+, installed first when missing (scripts/ensure-postgres.mjs). */
export function postgresBinDir(): string {
  const script = new URL('../../scripts/ensure-postgres.mjs', import.meta.url);
  const out = execFileSync(process.execPath, [script.pathname, '--print-bindir'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const dir = out.trim().split('\n').at(-1);
  if (!dir) throw new Error('scripts/ensure-postgres.mjs printed no folder');
  return dir;
}

const PREFIX = 'faltsam-pg-';
const OWNER = 'owner.pid';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Stops and deletes the clusters of earlier runs that died before their teardown (killed, or
 * crashed on a closed pipe): each folder names the process that owns it, and only folders whose
 * owner is gone are touched — runs of other people on the same machine are left alone.
 */
function removeOrphans(binDir: string, runAs: RunAs | null): void {
  for (const name of readdirSync(tmpdir()).filter((n) => n.startsWith(PREFIX))) {
    const dir = join(tmpdir(), name);
    let owner: number;
    try {
      owner = Number(readFileSync(join(dir, OWNER), 'utf8'));
    } catch {
      continue; // no owner recorded: not ours to judge
    }
    if (!owner || alive(owner)) continue;
    try {
      run(binDir, runAs, 'pg_ctl', ['-D', join(dir, 'data'), '-m', 'immediate', '-w', 'stop']);
    } catch {
      // already stopped
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * `settings` are appended to postgresql.conf after the defaults below and so override them (the
 * load bench runs with durability on: `fsync = on` …).
 */
export function startCluster(binDir: string, settings: readonly string[] = []): Cluster {
  const runAs = unprivilegedAccount();
  removeOrphans(binDir, runAs);
  const dir = mkdtempSync(join(tmpdir(), PREFIX));
  writeFileSync(join(dir, OWNER), String(process.pid));
  const data = join(dir, 'data');
  const log = join(dir, 'postgres.log');
  if (runAs) chownSync(dir, runAs.uid, runAs.gid);
  let started = false;
  const stop = () => {
    if (started) {
      started = false;
      // immediate: the data is thrown away, so there is nothing to shut down cleanly for.
      try {
        run(binDir, runAs, 'pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch (err) {
        console.error(String(err));
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    run(binDir, runAs, 'initdb', [
      '-D',
      data,
      '-U',
      SUPERUSER,
      '--auth=trust',
      '--encoding=UTF8',
      '--locale=C.UTF-8',
      '--no-sync',
    ]);
    appendFileSync(
      join(data, 'postgresql.conf'),
      [
        '',
        "listen_addresses = ''",
        `unix_socket_directories = '${dir}'`,
        `port = ${PORT}`,
        'max_connections = 300',
        'fsync = off',
        'synchronous_commit = off',
        'full_page_writes = off',
        'shared_buffers = 64MB',
        ...settings,
        '',
      ].join('\n'),
    );
    run(binDir, runAs, 'pg_ctl', ['-D', data, '-l', log, '-w', '-t', '60', 'start']);
    started = true;
  } catch (err) {
    const logText = (() => {
      try {
        return readFileSync(log, 'utf8');
      } catch {
        return '';
      }
    })();
    stop();
    throw new Error(`Could not start a test PostgreSQL cluster: ${String(err)}\n${logText}`);
  }
  return {
    url: (database = 'postgres') =>
      `postgres://${SUPERUSER}@localhost/${database}?host=${encodeURIComponent(dir)}&port=${PORT}`,
    pid: () => Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]),
    stop,
  };
}
