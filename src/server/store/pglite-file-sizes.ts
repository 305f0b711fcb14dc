/**
 * PostgreSQL asks for a file's size by seeking to its end (mdnblocks → lseek SEEK_END): for every
 * table and index a statement's plan touches, and whenever it extends a relation. Emscripten's
 * NODEFS, under PGlite's data folder, answers each such seek with an fstat system call – 8 % of the
 * server's time in a push of 10,000 ärenden (profile of bench/push-server.ts, issue 15).
 *
 * Nothing but this PGlite writes its data folder while it is open (the folder is locked, see
 * pglite-lock.ts), so the size of a file it has asked about can be kept here and moved on by its
 * own writes. Whatever can shrink or replace a file forgets it: a truncate (setattr through a
 * stream or a node) and every open (O_TRUNC) forget that file; a rename or unlink forgets all. A
 * file never asked about is not tracked.
 *
 * Applied to one PGlite's own NODEFS (not to node:fs, not to any other instance). When the shape
 * this relies on is not there (another PGlite version), nothing is changed and false is returned;
 * tests/integration/store/pglite-file-sizes.test.ts fails then, so an upgrade cannot lose it
 * unnoticed.
 */
import type { PGlite } from '@electric-sql/pglite';

type Fn = (...args: never[]) => unknown;

interface StreamLike {
  node: object & { mode: number };
}

interface NodeFsLike {
  stream_ops: {
    llseek: (stream: StreamLike, offset: number, whence: number) => number;
    write: (stream: StreamLike, ...rest: [unknown, number, number, number, ...unknown[]]) => number;
    setattr: (stream: StreamLike, ...rest: unknown[]) => unknown;
    open: (stream: StreamLike, ...rest: unknown[]) => unknown;
  };
  node_ops: {
    setattr: (node: object, ...rest: unknown[]) => unknown;
    rename: (...args: unknown[]) => unknown;
    unlink: (...args: unknown[]) => unknown;
  };
}

const SEEK_END = 2;
const PATCHED = Symbol.for('faltsam.pglite-file-sizes');

function shapeOf(db: PGlite): { nodefs: NodeFsLike; isFile: (mode: number) => boolean } | null {
  const mod = db.Module as unknown as {
    NODEFS?: Partial<NodeFsLike>;
    FS?: { isFile?: (mode: number) => boolean };
  };
  const nodefs = mod.NODEFS;
  const isFile = mod.FS?.isFile;
  const fn = (f: unknown): f is Fn => typeof f === 'function';
  if (!nodefs || !fn(isFile)) return null;
  const s = nodefs.stream_ops;
  const n = nodefs.node_ops;
  if (!s || !n || ![s.llseek, s.write, s.setattr, s.open, n.setattr, n.rename, n.unlink].every(fn))
    return null;
  return { nodefs: nodefs as NodeFsLike, isFile: isFile.bind(mod.FS) };
}

/** Keeps the sizes of the data folder's files for this PGlite; false if its NODEFS is not as expected. */
export function keepFileSizes(db: PGlite): boolean {
  const shape = shapeOf(db);
  if (!shape) return false;
  const { nodefs, isFile } = shape;
  const ops = nodefs.stream_ops as NodeFsLike['stream_ops'] & { [PATCHED]?: true };
  if (ops[PATCHED]) return true;
  let sizes = new WeakMap<object, number>();
  const { llseek, write, setattr, open } = ops;
  const { setattr: nodeSetattr, rename, unlink } = nodefs.node_ops;

  ops.llseek = (stream, offset, whence) => {
    if (whence !== SEEK_END || !isFile(stream.node.mode)) return llseek(stream, offset, whence);
    let size = sizes.get(stream.node);
    if (size === undefined) {
      // What the original adds to the offset at the end: the size fstat reports.
      size = llseek(stream, 0, SEEK_END);
      sizes.set(stream.node, size);
    }
    return llseek(stream, offset + size, 0);
  };
  ops.write = (stream, ...rest) => {
    const written = write(stream, ...rest);
    const known = sizes.get(stream.node);
    const position = rest[3];
    if (known !== undefined) {
      if (typeof position === 'number' && Number.isFinite(position) && written >= 0)
        sizes.set(stream.node, Math.max(known, position + written));
      else sizes.delete(stream.node);
    }
    return written;
  };
  ops.setattr = (stream, ...rest) => {
    sizes.delete(stream.node);
    return setattr(stream, ...rest);
  };
  ops.open = (stream, ...rest) => {
    sizes.delete(stream.node);
    return open(stream, ...rest);
  };
  nodefs.node_ops.setattr = (node, ...rest) => {
    sizes.delete(node);
    return nodeSetattr(node, ...rest);
  };
  // A rename keeps the moved file's node and an unlink drops the node, so neither leaves a size
  // behind under a name that means another file now; everything is forgotten all the same, in
  // case a node outlives its name (rare operations: PostgreSQL renames when it replaces a small file).
  nodefs.node_ops.rename = (...args) => {
    sizes = new WeakMap();
    return rename(...args);
  };
  nodefs.node_ops.unlink = (...args) => {
    sizes = new WeakMap();
    return unlink(...args);
  };
  ops[PATCHED] = true;
  return true;
}
