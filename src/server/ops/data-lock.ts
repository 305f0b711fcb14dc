/**
 * The embedded database (PGlite) must be opened by one process at a time: two processes writing
 * one data folder corrupt it. Whoever opens it — the server, or the `faltsam` command when no
 * server runs — first takes this lock: a file `faltsam.lock` in the data folder, created with
 * O_EXCL, naming the process (pid, host, what it is).
 *
 * A lock left by a process that died (kill -9, power cut) is taken over when its pid no longer
 * runs — or runs a different process: on Linux the lock also records the holder's start time from
 * /proc, so a pid reused after a container restart is not mistaken for the holder. The take-over
 * moves the file aside with rename() (atomic) and checks that what it moved is the dead process's
 * lock; if another process took over first, it puts that one back. The folder must be on a local
 * disk of one host (a pid on another host means nothing here).
 * Why not a library: lock files kept alive by touching their mtime (proper-lockfile) are taken
 * over when the holder's event loop stalls longer than the stale time, and PGlite runs queries
 * synchronously on the event loop; a pid is only gone when the process is.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { link, open, readFile, rename, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';

export const LOCK_FILE = 'faltsam.lock';

export type LockHolder = 'server' | 'cli';

export interface LockInfo {
  pid: number;
  host: string;
  holder: LockHolder;
  token: string;
  startedAt: string;
  /** The holder's start time in clock ticks since boot (/proc/<pid>/stat), where there is /proc. */
  procStart: string | null;
}

export interface DataLock {
  readonly info: LockInfo;
  /** Removes the lock file (only if it is still this lock's). */
  release(): Promise<void>;
}

/** The data folder is locked by a live process (or one on another host). */
export class DataDirBusy extends Error {
  constructor(readonly holder: LockInfo) {
    super(`The data folder is in use by ${holder.holder} (pid ${holder.pid} on ${holder.host})`);
    this.name = 'DataDirBusy';
  }
}

/** Tokens of the locks this process holds: a lock naming our own pid is live only if listed. */
const heldHere = new Set<string>();

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it runs, under another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Field 22 of /proc/<pid>/stat (after the command name, which may hold spaces), or null. */
function procStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function isLive(info: LockInfo): boolean {
  if (info.pid === process.pid) return heldHere.has(info.token);
  if (info.pid <= 0 || !isRunning(info.pid)) return false;
  const now = procStart(info.pid);
  return !(info.procStart && now && now !== info.procStart);
}

async function readInfo(path: string): Promise<LockInfo | null> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as LockInfo;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    // A half-written file (the writer died between open and write) counts as a dead holder.
    return { pid: 0, host: hostname(), holder: 'cli', token: '', startedAt: '', procStart: null };
  }
}

/** The live holder of the folder's lock, or null when none holds it. */
export async function lockHolder(dataDir: string): Promise<LockInfo | null> {
  const info = await readInfo(join(dataDir, LOCK_FILE));
  return info && isLive(info) ? info : null;
}

async function createExclusive(path: string, info: LockInfo): Promise<boolean> {
  try {
    const file = await open(path, 'wx', 0o600);
    try {
      await file.writeFile(JSON.stringify(info));
      await file.sync();
    } finally {
      await file.close();
    }
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
}

/** Moves a dead holder's lock away; puts it back when it turned out to be a live one. */
async function takeOver(path: string, dead: LockInfo): Promise<void> {
  const aside = `${path}.${randomUUID()}`;
  try {
    await rename(path, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return; // another process moved it first
    throw err;
  }
  const moved = await readInfo(aside);
  if (moved && moved.token !== dead.token) {
    // A live lock taken between our read and the rename: put it back (link fails if one is there).
    await link(aside, path).catch(() => undefined);
  }
  await unlink(aside).catch(() => undefined);
}

/** Takes the lock or throws DataDirBusy. */
export async function lockDataDir(dataDir: string, holder: LockHolder): Promise<DataLock> {
  const path = join(dataDir, LOCK_FILE);
  const info: LockInfo = {
    pid: process.pid,
    host: hostname(),
    holder,
    token: randomUUID(),
    startedAt: new Date().toISOString(),
    procStart: procStart(process.pid),
  };
  for (let tries = 0; tries < 5; tries++) {
    if (await createExclusive(path, info)) {
      heldHere.add(info.token);
      return {
        info,
        release: async () => {
          const current = await readInfo(path);
          if (current?.token === info.token) await unlink(path).catch(() => undefined);
          heldHere.delete(info.token);
        },
      };
    }
    const current = await readInfo(path);
    if (!current) continue;
    if (isLive(current)) throw new DataDirBusy(current);
    await takeOver(path, current);
  }
  const current = await readInfo(path);
  throw new DataDirBusy(current ?? info);
}

/** lockDataDir, retried while a live holder keeps it, for up to `waitMs`. */
export async function waitForDataLock(
  dataDir: string,
  holder: LockHolder,
  waitMs: number,
  onWait?: (busy: LockInfo) => void,
): Promise<DataLock> {
  const until = Date.now() + waitMs;
  let told = false;
  for (;;) {
    try {
      return await lockDataDir(dataDir, holder);
    } catch (err) {
      if (!(err instanceof DataDirBusy) || Date.now() >= until) throw err;
      if (!told) onWait?.(err.holder);
      told = true;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}
