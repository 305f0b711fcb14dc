/**
 * PGlite with its files in a folder (the server's embedded database), sized for a small server.
 *
 * Memory: PGlite is PostgreSQL compiled to WebAssembly inside this Node process, and WebAssembly
 * memory only ever grows. Two things kept an idle server near 900 MB: creating the database
 * (initdb) in the process left ~500 MB behind for good, and PostgreSQL's default 128 MB of shared
 * buffers. So a new folder is created by a short-lived Node process of its own, whose memory goes
 * back to the system when it exits, and the server opens it with 32 MB of shared buffers (the
 * operating system's file cache holds the rest of the data).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { keepFileSizes } from './pglite-file-sizes';

/** postgresql.conf of the embedded database. */
export const PGLITE_SETTINGS = ['shared_buffers = 32MB'];

/** Runs initdb for `dir` in a child process unless it already holds a database. */
export async function createPgliteFiles(dir: string): Promise<void> {
  if (existsSync(join(dir, 'PG_VERSION'))) return;
  // The CommonJS build by absolute path: the child's code is a string, with no module of its own
  // to resolve a package name from.
  const pglite = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const code = `require(process.argv[1]).PGlite.create(process.argv[2]).then((db) => db.close())`;
  const child = spawn(process.execPath, ['-e', code, pglite, dir], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  if (exitCode !== 0)
    throw new Error(`Could not create the database in ${dir} (exit ${exitCode}): ${stderr}`);
}

/** Opens (creating first when new) the database in `dir`. */
export async function openPgliteFiles(dir: string): Promise<PGlite> {
  await createPgliteFiles(dir);
  const db = await PGlite.create(dir, { postgresqlconf: PGLITE_SETTINGS });
  if (!keepFileSizes(db))
    console.warn('[faltsam] PGlite: file sizes are not kept (its NODEFS is not as expected)');
  return db;
}
