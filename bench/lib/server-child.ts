/**
 * Starts bench/lib/server-process.ts as a child process on a fresh data folder (a copy of the
 * bench template when bench/run.ts made one) and signs in as the demo handläggare.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { LoginResponse } from '../../src/domain/account';
import { TEMPLATE_ENV } from './server';

export interface ChildServer {
  url: string;
  login: LoginResponse;
  /** The demo handläggare's sign-in, for a second login (another device). */
  credentials: { username: string; password: string };
  dispose(): Promise<void>;
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    if (!child.stdout) throw new Error('no stdout');
    const lines = createInterface({ input: child.stdout });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`server process exited with ${code}`)));
  });
}

export async function startChildServer(): Promise<ChildServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'faltsam-bench-child-'));
  const template = process.env[TEMPLATE_ENV];
  if (template) await cp(template, dataDir, { recursive: true });
  const script = fileURLToPath(new URL('./server-process.ts', import.meta.url));
  // CHILD_PROF=DIR: a CPU profile of the server process in DIR, written when it exits.
  const profile = process.env.CHILD_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.CHILD_PROF}`] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', script, dataDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  child.once('exit', (code, signal) => {
    if (!disposed)
      process.stderr.write(`[bench:server-child] the server stopped: code ${code}, signal ${signal}\n`);
  });
  let disposed = false;
  // However this process ends, the server does not outlive it.
  const stop = () => child.kill('SIGTERM');
  process.once('exit', stop);
  const { port, username, password } = JSON.parse(await firstLine(child)) as {
    port: number;
    username: string;
    password: string;
  };
  const url = `http://127.0.0.1:${port}`;
  const res = await fetch(`${url}/api/sessions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 201) throw new Error(`login: ${res.status} ${await res.text()}`);
  const login = (await res.json()) as LoginResponse;
  return {
    url,
    login,
    credentials: { username, password },
    async dispose() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.off('exit', stop);
      disposed = true;
      child.kill('SIGTERM');
      await exited;
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
