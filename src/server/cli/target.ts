/**
 * Where a `faltsam` command does its work, so the embedded database is never opened twice:
 *  - postgres: DATABASE_URL is set; the command connects like any other client.
 *  - socket:   a server runs on the data folder; the command asks it through admin.sock.
 *  - direct:   no server runs; the command takes the data folder's lock and opens it itself.
 * A server that holds the lock but does not answer yet (starting, migrating) is waited for.
 */
import { request } from 'node:http';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { ADMIN_SOCKET } from '../ops/admin-socket';
import { DataDirBusy, type DataLock, type LockInfo, lockDataDir, lockHolder } from '../ops/data-lock';

export type Target =
  | { kind: 'postgres'; url: string }
  | { kind: 'socket'; socketPath: string }
  | { kind: 'direct'; dataDir: string; lock: DataLock };

/** Refused by the command itself; `key` names its text in messages.ts. */
export class CliError extends Error {
  constructor(
    readonly key: string,
    readonly params: Record<string, string> = {},
  ) {
    super(key);
    this.name = 'CliError';
  }
}

export interface SocketAnswer {
  status: number;
  body: Readable;
}

/** One request on the admin socket; the answer's body as a stream. */
export function socketRequest(
  socketPath: string,
  method: string,
  path: string,
  json?: unknown,
): Promise<SocketAnswer> {
  return new Promise((resolve, reject) => {
    const payload = json === undefined ? undefined : Buffer.from(JSON.stringify(json));
    const req = request(
      {
        socketPath,
        method,
        path,
        headers: payload ? { 'Content-Type': 'application/json', 'Content-Length': payload.length } : {},
      },
      (res) => resolve({ status: res.statusCode ?? 0, body: res }),
    );
    req.on('error', reject);
    req.end(payload);
  });
}

export async function readJson(body: Readable): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

async function answers(socketPath: string): Promise<boolean> {
  try {
    const res = await socketRequest(socketPath, 'GET', '/status');
    res.body.resume();
    return res.status === 200;
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The target for a command. `exclusive` (restore) refuses a running server instead of using it.
 * `waitMs`: how long a server that holds the lock may take to answer on its socket.
 */
export async function resolveTarget({
  dataDir,
  databaseUrl,
  exclusive = false,
  waitMs = 30_000,
}: {
  dataDir: string;
  databaseUrl?: string;
  exclusive?: boolean;
  waitMs?: number;
}): Promise<Target> {
  if (databaseUrl) return { kind: 'postgres', url: databaseUrl };
  const socketPath = join(dataDir, ADMIN_SOCKET);
  const until = Date.now() + waitMs;
  for (;;) {
    if (await answers(socketPath)) {
      if (exclusive) throw new CliError('serverRunning');
      return { kind: 'socket', socketPath };
    }
    let holder: LockInfo | null;
    try {
      return { kind: 'direct', dataDir, lock: await lockDataDir(dataDir, 'cli') };
    } catch (err) {
      if (!(err instanceof DataDirBusy)) throw err;
      holder = await lockHolder(dataDir);
    }
    if (holder?.holder === 'cli') throw new CliError('busy', { holder: 'cli', pid: String(holder.pid) });
    if (holder && exclusive) throw new CliError('serverRunning');
    if (holder && Date.now() >= until) throw new CliError('serverUnreachable', { pid: String(holder.pid) });
    await sleep(250);
  }
}
