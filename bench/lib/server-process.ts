/**
 * The real server in a process of its own, for figures that must not share an event loop with
 * the client measuring them (a blocked server would also stop the client's clock). Run as
 * `node --import tsx bench/lib/server-process.ts <dataDir>`: prints one JSON line
 * {"port","username","password"} once it listens, and stops on SIGTERM.
 */
import { startServer } from '../../src/server/server';
import { demoAccount } from './server';

async function main(): Promise<void> {
  const dataDir = process.argv[2];
  if (!dataDir) throw new Error('usage: server-process.ts <dataDir>');
  const server = await startServer({ port: 0, hostname: '127.0.0.1', dataDir, staticDir: dataDir });
  const { username, password } = await demoAccount(server, dataDir);
  process.stdout.write(`${JSON.stringify({ port: server.port, username, password })}\n`);
  process.on('SIGTERM', () => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`server-process: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
