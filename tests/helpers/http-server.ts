/**
 * The in-process test server (helpers/server.ts) listening on a real port on 127.0.0.1, for tests
 * that need real sockets between device and server (the fault proxy).
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { TestServer } from './server';

export interface Listening {
  host: string;
  port: number;
  url: string;
  close(): Promise<void>;
}

export async function listen(server: Pick<TestServer, 'app'>): Promise<Listening> {
  const http = await new Promise<Server>((ready) => {
    const s = serve({ fetch: server.app.fetch, port: 0, hostname: '127.0.0.1' }, () => ready(s as Server));
  });
  const { port } = http.address() as AddressInfo;
  return {
    host: '127.0.0.1',
    port,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((done) => {
        http.close(() => done());
        http.closeAllConnections();
      }),
  };
}
