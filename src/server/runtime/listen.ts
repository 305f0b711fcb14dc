/**
 * The listening socket: plain HTTP/1.1, or with TLS_CERT/TLS_KEY HTTPS over HTTP/2 with HTTP/1.1
 * for clients without it (allowHTTP1), through @hono/node-server. `close()` shuts down gracefully:
 * no new connection is accepted, idle keep-alive connections and HTTP/2 sessions are closed, the
 * requests under way run to the end (the app marks their answers `Connection: close`), and only
 * after `timeoutMs` are the connections still open cut.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import {
  createSecureServer,
  type Http2SecureServer,
  type Http2Session,
  type ServerHttp2Stream,
} from 'node:http2';
import type { AddressInfo, Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { serve } from '@hono/node-server';

export interface TlsFiles {
  cert: Buffer;
  key: Buffer;
}

export interface Listener {
  readonly port: number;
  readonly https: boolean;
  /**
   * Stops accepting, lets the requests under way finish, then resolves; `forced` is how many
   * connections were still open after `timeoutMs` and were cut.
   */
  close(timeoutMs: number): Promise<{ forced: number }>;
}

type Fetch = (req: Request, env?: unknown) => Response | Promise<Response>;

export async function listen(
  fetch: Fetch,
  { port, hostname, tls }: { port: number; hostname?: string; tls?: TlsFiles },
): Promise<Listener> {
  const server = (
    tls
      ? serve({
          fetch,
          port,
          ...(hostname ? { hostname } : {}),
          createServer: createSecureServer,
          serverOptions: { cert: tls.cert, key: tls.key, allowHTTP1: true },
        })
      : serve({ fetch, port, ...(hostname ? { hostname } : {}) })
  ) as Server | Http2SecureServer;
  // The TLS server has no closeIdleConnections(): its HTTP/2 sessions, and its HTTP/1.1 sockets
  // with the number of requests under way on each, are tracked to end them at shutdown.
  // HTTP/2 session → streams under way on it.
  const sessions = new Map<Http2Session, number>();
  // Every TCP connection, to say at shutdown how many had to be cut.
  const connections = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    connections.add(s);
    s.once('close', () => connections.delete(s));
  });
  const http1 = new Map<TLSSocket, number>();
  server.on('session', (s: Http2Session) => {
    sessions.set(s, 0);
    s.once('close', () => sessions.delete(s));
  });
  server.on('stream', (stream: ServerHttp2Stream) => {
    const s = stream.session;
    if (!s || !sessions.has(s)) return;
    sessions.set(s, (sessions.get(s) ?? 0) + 1);
    stream.once('close', () => sessions.has(s) && sessions.set(s, (sessions.get(s) ?? 1) - 1));
  });
  server.on('secureConnection', (s: TLSSocket) => {
    if (s.alpnProtocol === 'h2') return;
    http1.set(s, 0);
    s.once('close', () => http1.delete(s));
  });
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const s = req.socket as TLSSocket;
    if (!http1.has(s)) return;
    http1.set(s, (http1.get(s) ?? 0) + 1);
    res.once('close', () => http1.has(s) && http1.set(s, (http1.get(s) ?? 1) - 1));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.once('listening', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;

  return {
    port: address.port,
    https: tls !== undefined,
    close: (timeoutMs) =>
      new Promise<{ forced: number }>((resolve) => {
        let forced = 0;
        const timer = setTimeout(forceClose, timeoutMs);
        timer.unref();
        server.close(() => {
          clearTimeout(timer);
          clearInterval(idle);
          resolve({ forced });
        });
        // HTTP/2: GOAWAY to every session (no new streams); one with no stream under way is
        // ended below, one with streams once they are done (a client may keep an idle session).
        for (const s of sessions.keys()) s.close();
        // HTTP/1: keep-alive connections between requests close now; a request under way keeps its
        // connection, which ends after the answer (Connection: close). Checked again while waiting,
        // for connections that finish a request meanwhile.
        const closeIdle = () => {
          if ('closeIdleConnections' in server) server.closeIdleConnections();
          for (const [s, busy] of http1) if (busy === 0) s.destroy();
          for (const [s, streams] of sessions) if (streams === 0) s.destroy();
        };
        closeIdle();
        const idle = setInterval(closeIdle, 100);
        idle.unref();
        function forceClose() {
          clearInterval(idle);
          forced = connections.size;
          if ('closeAllConnections' in server) server.closeAllConnections();
          for (const s of sessions.keys()) s.destroy();
          for (const s of http1.keys()) s.destroy();
        }
      }),
  };
}
