/**
 * The admin socket: while the server holds the embedded database, the `faltsam` command asks the
 * server to do its work instead of opening the data folder a second time. A unix socket in the
 * data folder, mode 0600 in a 0700 folder: only the account the server runs as can connect, and
 * nothing of it is reachable over the network. Plain HTTP/JSON on it (Hono, like the app); the
 * backup answers with the dump itself.
 */
import { chmod, unlink } from 'node:fs/promises';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { createAdaptorServer } from '@hono/node-server';
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { PgliteSql } from '../store/sql';
import {
  type CreateEnhetInput,
  type CreateForbundInput,
  createEnhetIn,
  createForbundWithAdmin,
  listForbund,
  OpsError,
  type ResetPasswordInput,
  resetPassword,
} from './accounts';
import { gallra } from './gallra';

export const ADMIN_SOCKET = 'admin.sock';
/** Unix socket paths are limited to 108 bytes (Linux) including the final NUL. */
export const MAX_SOCKET_PATH = 107;

const STATUS: Record<OpsError['code'], ContentfulStatusCode> = {
  ogiltig: 400,
  forbund_finns: 409,
  forbund_saknas: 404,
  forbund_tvetydigt: 409,
  anvandarnamn_upptaget: 409,
  kod_upptagen: 409,
  anvandare_saknas: 404,
};

export function adminSocketApp({ sql, clock }: { sql: PgliteSql; clock: () => Date }): Hono {
  const app = new Hono();
  const body = async (c: { req: { json(): Promise<unknown> } }) => {
    try {
      return await c.req.json();
    } catch {
      throw new OpsError('ogiltig', 'Begäran är inte giltig JSON.');
    }
  };
  app.get('/status', (c) => c.json({ ok: true, pid: process.pid }));
  app.get('/forbund', async (c) => c.json({ forbund: await listForbund(sql) }));
  app.post('/forbund', async (c) =>
    c.json(await createForbundWithAdmin(sql, (await body(c)) as CreateForbundInput, { now: clock() }), 201),
  );
  app.post('/enheter', async (c) =>
    c.json({ enhet: await createEnhetIn(sql, (await body(c)) as CreateEnhetInput, clock()) }, 201),
  );
  app.post('/password', async (c) =>
    c.json(await resetPassword(sql, (await body(c)) as ResetPasswordInput, { now: clock() })),
  );
  app.post('/gallra', async (c) => c.json({ forbund: await gallra(sql, await body(c), clock()) }));
  app.get('/backup', async (c) => {
    const dump = await sql.dump();
    return c.body(dump.stream(), 200, {
      'Content-Type': 'application/gzip',
      'Content-Length': String(dump.size),
    });
  });
  app.onError((err, c) => {
    if (err instanceof OpsError)
      return c.json(
        { error: { code: err.code, message: err.message, params: err.params } },
        STATUS[err.code],
      );
    return c.json({ error: { code: 'serverfel', message: 'Något gick fel på servern.' } }, 500);
  });
  return app;
}

export interface AdminSocket {
  readonly path: string;
  close(): Promise<void>;
}

/**
 * Listens on <dataDir>/admin.sock. The caller holds the data folder's lock, so a socket file left
 * there is a dead server's and is removed first. Returns null when the path is too long for a
 * unix socket (the command then says to stop the server).
 */
export async function listenAdminSocket(app: Hono, dataDir: string): Promise<AdminSocket | null> {
  const path = join(dataDir, ADMIN_SOCKET);
  if (Buffer.byteLength(path) > MAX_SOCKET_PATH) return null;
  await unlink(path).catch(() => undefined);
  const server = createAdaptorServer({ fetch: app.fetch }) as Server;
  // Created without group or other permissions: the umask applies to the bind, which listen()
  // does before it returns; it is put back at once so no other file of the process gets it.
  const umask = process.umask(0o177);
  let listening: Promise<void>;
  try {
    listening = new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(path, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } finally {
    process.umask(umask);
  }
  await listening;
  await chmod(path, 0o600);
  return {
    path,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await unlink(path).catch(() => undefined);
    },
  };
}
