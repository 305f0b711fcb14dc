/**
 * The Fältsam server as production runs it, in a process of its own (`node --import tsx
 * src/server/server.ts`), so the load bench can read that process's CPU time and resident memory
 * from /proc while simulated devices talk to it over HTTP. PGlite keeps its files in `dataDir`;
 * with `databaseUrl` the server uses that PostgreSQL instead.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const SERVER = fileURLToPath(new URL('../../src/server/server.ts', import.meta.url));
const TICKS_PER_SECOND = 100; // USER_HZ on Linux

export interface ServerProcess {
  url: string;
  pid: number;
  /** Stops the process (SIGTERM, which closes the database cleanly) and waits for it. */
  stop(): Promise<void>;
}

export async function startServerProcess(opts: {
  dataDir: string;
  databaseUrl?: string;
  env?: Record<string, string>;
}): Promise<ServerProcess> {
  // LOAD_PROFILE_DIR=<folder>: each server process writes a V8 CPU profile there when it stops.
  const profile = process.env.LOAD_PROFILE_DIR
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.LOAD_PROFILE_DIR}`]
    : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', SERVER], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: opts.dataDir,
      DATABASE_URL: opts.databaseUrl ?? '',
      STATIC_DIR: `${opts.dataDir}/no-build`,
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NonNullable<ChildProcess['stdout']> });
    lines.on('line', (line) => {
      const match = /(http:\/\/localhost:\d+)/.exec(line);
      if (match?.[1]) resolve(match[1].replace('localhost', '127.0.0.1'));
    });
    child.once('exit', (code) => reject(new Error(`the server exited with ${code} before listening`)));
  });
  const pid = child.pid as number;
  let stopping = false;
  child.once('exit', (code, signal) => {
    if (!stopping) process.stderr.write(`[bench:load] the server (pid ${pid}) exited: ${code ?? signal}\n`);
  });
  // A bench that fails halfway leaves no server behind.
  process.once('exit', () => child.kill('SIGKILL'));
  return {
    url,
    pid,
    stop: () =>
      new Promise<void>((resolve) => {
        stopping = true;
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** CPU seconds (user + system) a process has used so far. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start at ") ".
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** Resident memory of a process in MB. */
export function residentMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}

/**
 * The processes whose parent is `pid` (PostgreSQL's backends under its postmaster): from the
 * kernel's list of each of its threads' children, or, where the kernel keeps none
 * (CONFIG_PROC_CHILDREN), by reading every process's parent. The meters ask four times a second
 * during a wave, and reading all of /proc each time cost the bench's process ~0.6 CPU-s a wave – on
 * the two cores the server and the simulated devices share.
 */
export function childrenOf(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((tid) =>
      readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8')
        .split(' ')
        .filter((s) => s !== '')
        .map(Number),
    );
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) out.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/**
 * CPU seconds of a process tree that changes while it is measured (PostgreSQL starts a backend
 * per connection): samples every `everyMs` and adds each process's growth (all of it for a
 * process born meanwhile), so a backend that ends between two samples loses at most one interval.
 */
export function treeCpuMeter(rootPid: number, everyMs = 250): { stop(): number } {
  const last = new Map<number, number>();
  let total = 0;
  let first = true;
  const sample = () => {
    for (const pid of [rootPid, ...childrenOf(rootPid)]) {
      let now: number;
      try {
        now = cpuSeconds(pid);
      } catch {
        continue;
      }
      const before = last.get(pid) ?? (first ? now : 0);
      total += now - before;
      last.set(pid, now);
    }
    first = false;
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return total;
    },
  };
}
