/**
 * The server's embedded database keeps the sizes of its files (src/server/store/pglite-file-sizes.ts)
 * instead of asking the operating system at every seek to a file's end. Shown on a real PGlite in a
 * real folder: the seeks stop costing an fstat each; every size it answers is the file's true size
 * on disk whatever is done to the file (property test over writes past and within the end,
 * truncates, reopening with O_TRUNC, renames over other files, unlinks); and a database worked
 * hard with it (growth, deletes, VACUUM FULL, TRUNCATE, a new index, a dropped table) is read back
 * whole by a PGlite without it.
 */
import fs, { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { keepFileSizes } from '../../../src/server/store/pglite-file-sizes';
import { openPgliteFiles } from '../../../src/server/store/pglite-files';

/** Where PGlite mounts its data folder in its own file system. */
const MOUNT = '/pglite/data';
const SEEK_END = 2;

interface EmFs {
  open(path: string, flags: string | number): EmStream;
  close(stream: EmStream): void;
  write(stream: EmStream, buffer: Uint8Array, offset: number, length: number, position?: number): number;
  llseek(stream: EmStream, offset: number, whence: number): number;
  ftruncate(fd: number, length: number): void;
  rename(from: string, to: string): void;
  unlink(path: string): void;
}
interface EmStream {
  fd: number;
}

const folders: string[] = [];
function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'faltsam-file-sizes-'));
  folders.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

const emFs = (db: PGlite) => (db.Module as unknown as { FS: EmFs }).FS;

describe('PGlite file sizes', () => {
  let kept: PGlite;
  let keptDir: string;
  beforeAll(async () => {
    keptDir = folder();
    kept = await openPgliteFiles(keptDir);
  }, 120_000);
  afterAll(async () => {
    await kept?.close();
  });

  it('are kept by the server’s database, once however often asked, and by no other PGlite', async () => {
    const llseek = () => (kept.Module as unknown as { NODEFS: { stream_ops: { llseek: unknown } } }).NODEFS;
    const keptSeek = llseek().stream_ops.llseek;
    expect(keepFileSizes(kept)).toBe(true);
    expect(llseek().stream_ops.llseek).toBe(keptSeek);
    const other = await PGlite.create();
    try {
      const otherSeek = (other.Module as unknown as { NODEFS: { stream_ops: { llseek: unknown } } }).NODEFS
        .stream_ops.llseek;
      expect(otherSeek).not.toBe(keptSeek);
      expect(String(otherSeek)).toContain('fstatSync');
    } finally {
      await other.close();
    }
  });

  it('spare the fstat of every seek to a file’s end while statements run', async () => {
    const plain = await PGlite.create(folder());
    try {
      const fstats = async (db: PGlite) => {
        await db.exec('create table t (id int primary key, v text); create index t_v on t (v)');
        const spy = vi.spyOn(fs, 'fstatSync');
        try {
          for (let i = 0; i < 50; i++) {
            await db.query(
              'insert into t select g, md5(g::text) from generate_series($1::int, $1::int + 49) g',
              [i * 50],
            );
            await db.query('select v from t where id = $1', [i]);
          }
          return spy.mock.calls.length;
        } finally {
          spy.mockRestore();
        }
      };
      const without = await fstats(plain);
      const withSizes = await fstats(kept);
      expect(without).toBeGreaterThan(100);
      expect(withSizes).toBeLessThan(without / 10);
    } finally {
      await plain.close();
    }
  }, 120_000);

  it('answer every seek to the end with the size the file has on disk, whatever was done to it', () => {
    const FS = emFs(kept);
    const names = ['a', 'b', 'c'];
    const op = fc.oneof(
      fc.record({
        kind: fc.constant('write' as const),
        file: fc.constantFrom(...names),
        at: fc.oneof(fc.nat(70_000), fc.constant(-1)), // -1: at the end
        length: fc.integer({ min: 1, max: 20_000 }),
      }),
      fc.record({
        kind: fc.constant('truncate' as const),
        file: fc.constantFrom(...names),
        to: fc.nat(50_000),
      }),
      fc.record({ kind: fc.constant('reopen-truncating' as const), file: fc.constantFrom(...names) }),
      fc.record({
        kind: fc.constant('rename' as const),
        from: fc.constantFrom(...names),
        to: fc.constantFrom(...names),
      }),
      fc.record({ kind: fc.constant('unlink' as const), file: fc.constantFrom(...names) }),
      fc.record({ kind: fc.constant('seek-end' as const), file: fc.constantFrom(...names) }),
    );
    let run = 0;
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 40 }), (ops) => {
        const dir = `scratch-${run++}`;
        fs.mkdirSync(join(keptDir, dir));
        const em = (name: string) => `${MOUNT}/${dir}/${name}`;
        const host = (name: string) => join(keptDir, dir, name);
        // Files stay open across operations, as PostgreSQL keeps its segments open.
        const open = new Map<string, EmStream>();
        const streamOf = (name: string) => {
          let s = open.get(name);
          if (!s) {
            s = FS.open(em(name), fs.existsSync(host(name)) ? 'r+' : 'w+');
            open.set(name, s);
          }
          return s;
        };
        const closeAll = (name?: string) => {
          for (const [n, s] of open)
            if (name === undefined || n === name) {
              FS.close(s);
              open.delete(n);
            }
        };
        const checkEnd = (name: string) => {
          const s = streamOf(name);
          expect(FS.llseek(s, 0, SEEK_END)).toBe(statSync(host(name)).size);
          const size = statSync(host(name)).size;
          if (size > 0) expect(FS.llseek(s, -1, SEEK_END)).toBe(size - 1);
          else expect(() => FS.llseek(s, -1, SEEK_END)).toThrow();
        };
        try {
          for (const o of ops) {
            if (o.kind === 'write') {
              const s = streamOf(o.file);
              const at = o.at < 0 ? FS.llseek(s, 0, SEEK_END) : o.at;
              FS.write(s, new Uint8Array(o.length).fill(7), 0, o.length, at);
              checkEnd(o.file);
            } else if (o.kind === 'truncate') {
              FS.ftruncate(streamOf(o.file).fd, o.to);
              checkEnd(o.file);
            } else if (o.kind === 'reopen-truncating') {
              checkEnd(o.file);
              closeAll(o.file);
              open.set(o.file, FS.open(em(o.file), 'w+'));
              checkEnd(o.file);
            } else if (o.kind === 'rename') {
              if (o.from === o.to || !fs.existsSync(host(o.from))) continue;
              checkEnd(o.from);
              closeAll(o.from);
              closeAll(o.to);
              FS.rename(em(o.from), em(o.to));
              checkEnd(o.to);
            } else if (o.kind === 'unlink') {
              if (!fs.existsSync(host(o.file))) continue;
              checkEnd(o.file);
              closeAll(o.file);
              FS.unlink(em(o.file));
            } else {
              checkEnd(o.file);
            }
          }
        } finally {
          closeAll();
          fs.rmSync(join(keptDir, dir), { recursive: true, force: true });
        }
      }),
      { numRuns: 60 },
    );
  });

  it('leave a database worked hard with them whole for a PGlite without them', async () => {
    const dir = folder();
    const db = await openPgliteFiles(dir);
    let expected: unknown[];
    try {
      await db.exec('create table t (id int primary key, v text not null, n int not null)');
      await db.exec('create table gone (id int)');
      for (let i = 0; i < 20; i++)
        await db.query(
          'insert into t select g, repeat(md5(g::text), 1 + g % 7), g % 13 from generate_series($1::int, $1::int + 499) g',
          [i * 500],
        );
      for (const statement of WORKLOAD) await db.exec(statement);
      expected = await readAll(db);
    } finally {
      await db.close();
    }
    const plain = await PGlite.create(dir);
    try {
      expect(await readAll(plain)).toEqual(expected);
      // The sizes PostgreSQL reckons with are the files' real sizes.
      const { rows } = await plain.query<{ path: string; size: number }>(
        `select pg_relation_filepath(c.oid) as path, pg_relation_size(c.oid)::int as size
           from pg_class c where c.relname in ('t', 't_pkey', 't_n', 'gone')`,
      );
      expect(rows).toHaveLength(4);
      for (const r of rows) expect(statSync(join(dir, r.path)).size).toBe(r.size);
    } finally {
      await plain.close();
    }
  }, 180_000);
});

/** What grows, shrinks, rewrites and replaces the files of the tables above (one statement each). */
const WORKLOAD = [
  'insert into gone select generate_series(1, 5000)',
  'delete from t where n < 4',
  'vacuum full t',
  "update t set v = v || 'x' where n = 5",
  'create index t_n on t (n)',
  'truncate gone',
  'insert into gone select generate_series(1, 10)',
  'drop table gone',
  'create table gone (id int)',
  'insert into gone select generate_series(1, 3000)',
  'vacuum t',
  'checkpoint',
];

/** What the tables hold, read through the tables and (second half) through their indexes. */
async function readAll(db: PGlite): Promise<unknown[]> {
  const checks = [
    'select count(*)::int as n, sum(id)::bigint::text as ids, sum(length(v))::bigint::text as chars from t',
    'select count(*)::int as n, sum(id)::bigint::text as ids from t where n between 4 and 8',
    'select count(*)::int as n, sum(id)::int as ids from gone',
  ];
  const out: unknown[] = [];
  for (const scan of ['on', 'off']) {
    await db.exec(`set enable_seqscan = ${scan}`);
    for (const q of checks) out.push((await db.query(q)).rows);
  }
  return out;
}
