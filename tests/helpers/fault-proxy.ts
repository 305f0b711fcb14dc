/**
 * A fault-injecting TCP proxy in front of a real HTTP server, for sync tests over real sockets:
 * requests pass through, or the proxy refuses connections, holds them open without ever answering,
 * forwards a request but loses its reply, answers 503 itself, or delays every reply. The mode is
 * read for every chunk a client sends, so it applies to requests on kept-alive connections too.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';

export type FaultMode = 'pass' | 'refuse' | 'hold' | 'lose-reply' | 'error-503';

export interface FaultProxy {
  readonly url: string;
  mode: FaultMode;
  /** Each reply waits this long before it is passed on (default 0). */
  latencyMs: number;
  /** In 'pass' mode, requests whose request line matches are held as in 'hold' (default none). */
  holdMatching: RegExp | null;
  /** Request lines seen ("GET /api/sync/pull?…"), in order. */
  readonly requests: string[];
  /** Called with each request line as it arrives (before it is forwarded). */
  onRequest: ((line: string) => void) | null;
  /** Ends every open connection (a network that drops). */
  dropAll(): void;
  close(): Promise<void>;
}

const UNAVAILABLE_BODY = '{"error":{"code":"otillganglig","message":"Servern är otillgänglig."}}';
const SERVICE_UNAVAILABLE =
  'HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json; charset=utf-8\r\nconnection: close\r\n' +
  `content-length: ${Buffer.byteLength(UNAVAILABLE_BODY)}\r\n\r\n${UNAVAILABLE_BODY}`;

export async function startFaultProxy(target: { host: string; port: number }): Promise<FaultProxy> {
  const sockets = new Set<Socket>();
  const track = (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => s.destroy());
  };

  const proxy: FaultProxy = {
    url: '',
    mode: 'pass',
    latencyMs: 0,
    holdMatching: null,
    requests: [],
    onRequest: null,
    dropAll: () => {
      for (const s of sockets) s.destroy();
    },
    close: () =>
      new Promise<void>((done) => {
        proxy.dropAll();
        server.close(() => done());
      }),
  };

  const server: Server = createServer((client) => {
    track(client);
    if (proxy.mode === 'refuse') {
      client.destroy();
      return;
    }
    let upstream: Socket | null = null;
    let losing = false;
    const toServer = (chunk: Buffer) => {
      if (!upstream) {
        upstream = connect(target.port, target.host);
        track(upstream);
        upstream.on('data', (reply: Buffer) => {
          if (losing) {
            // The server has answered: the client never hears it.
            client.destroy();
            upstream?.destroy();
            return;
          }
          if (proxy.latencyMs > 0) setTimeout(() => client.write(reply), proxy.latencyMs);
          else client.write(reply);
        });
        upstream.on('close', () => client.end());
      }
      upstream.write(chunk);
    };
    let holding = false;
    client.on('data', (chunk: Buffer) => {
      const line = chunk.toString('latin1').split('\r\n', 1)[0] ?? '';
      if (/^[A-Z]+ \//.test(line)) {
        proxy.requests.push(line);
        proxy.onRequest?.(line);
        // The rest of a held request (and what follows on its connection) is held with it.
        holding = proxy.holdMatching?.test(line) ?? false;
      }
      switch (holding ? 'hold' : proxy.mode) {
        case 'refuse':
          client.destroy();
          return;
        case 'hold':
          return; // read and never answered: the connection stays open
        case 'error-503':
          client.end(SERVICE_UNAVAILABLE);
          return;
        case 'lose-reply':
          losing = true;
          toServer(chunk);
          return;
        default:
          toServer(chunk);
      }
    });
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('proxy has no port');
  (proxy as { url: string }).url = `http://127.0.0.1:${address.port}`;
  return proxy;
}
