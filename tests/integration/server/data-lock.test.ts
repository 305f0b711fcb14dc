/**
 * The embedded database's folder is opened by one process at a time: a server does not start
 * while another process (a `faltsam` command) holds the folder's lock, and starts once it is
 * released; a lock left by a dead process, or naming a pid that now belongs to another process,
 * is taken over. PGlite only (on PostgreSQL there is no folder to lock).
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataDirBusy, LOCK_FILE, lockDataDir, lockHolder } from '../../../src/server/ops/data-lock';
import { startServer } from '../../../src/server/server';
import { ROOT } from '../../helpers/processes';
import { databaseKind } from '../../helpers/test-database';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'faltsam-lock-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const quiet = { info: () => {}, warn: () => {}, error: () => {} };

/** Another process that takes the lock and holds it until killed; resolves once it holds it. */
async function holdInChild(dataDir: string) {
  const script = `import { lockDataDir } from './src/server/ops/data-lock.ts';
    await lockDataDir(${JSON.stringify(dataDir)}, 'cli'); console.log('held'); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: ROOT,
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => d.toString().includes('held') && resolve());
    child.on('close', (code) => reject(new Error(`child exited ${code}`)));
  });
  return child;
}

describe.skipIf(databaseKind() === 'postgres')('the data folder lock', () => {
  it('keeps a server from starting while a command holds the folder, and lets it start after', async () => {
    const dataDir = join(dir, 'a');
    await mkdir(dataDir, { mode: 0o700 });
    const child = await holdInChild(dataDir);
    try {
      expect(await lockHolder(dataDir)).toMatchObject({ pid: child.pid, holder: 'cli' });
      await expect(
        startServer({ port: 0, dataDir, staticDir: join(dir, 'x'), lockWaitMs: 300, log: quiet }),
      ).rejects.toBeInstanceOf(DataDirBusy);
    } finally {
      child.kill('SIGKILL');
      await new Promise((r) => child.once('close', r));
    }
    // Killed without releasing: its lock is stale and the server takes it over.
    const server = await startServer({ port: 0, dataDir, staticDir: join(dir, 'x'), log: quiet });
    try {
      expect((await lockHolder(dataDir))?.holder).toBe('server');
      // … and a second server in the same folder is refused while the first runs.
      await expect(
        startServer({ port: 0, dataDir, staticDir: join(dir, 'x'), lockWaitMs: 300, log: quiet }),
      ).rejects.toBeInstanceOf(DataDirBusy);
    } finally {
      await server.close();
    }
    expect(await lockHolder(dataDir)).toBeNull();
  }, 120_000);

  it('takes over a lock whose pid now runs another process, and never one held in this process', async () => {
    const dataDir = join(dir, 'b');
    await mkdir(dataDir, { mode: 0o700 });
    // Our parent runs, but started at another time than the lock says: a reused pid.
    await writeFile(
      join(dataDir, LOCK_FILE),
      JSON.stringify({
        pid: process.ppid,
        host: hostname(),
        holder: 'server',
        token: 'gammal',
        startedAt: '',
        procStart: '1',
      }),
    );
    const lock = await lockDataDir(dataDir, 'cli');
    expect(JSON.parse(await readFile(join(dataDir, LOCK_FILE), 'utf8'))).toMatchObject({
      pid: process.pid,
      holder: 'cli',
    });
    await expect(lockDataDir(dataDir, 'server')).rejects.toBeInstanceOf(DataDirBusy);
    await lock.release();
    const again = await lockDataDir(dataDir, 'server');
    await again.release();
  });
});
