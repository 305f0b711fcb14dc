/**
 * `faltsam` (package.json bin → bin/faltsam.js): the command for running Fältsam on a server —
 * förbund, enheter, one-time passwords, backup and restore. `npx faltsam --help` lists it all, in
 * Swedish or English (messages.ts). Exit status: 0 done, 1 refused or failed, 2 wrong usage.
 */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { OpsError } from '../ops/accounts';
import { BackupError, pgRestore, restorePglite } from '../ops/backup';
import { chooseLang, type MessageKey, type Messages, messages } from './messages';
import { type Ops, opsFor, Refusal } from './ops-client';
import { CliError, resolveTarget } from './target';

export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** All of standard input (for --password-stdin). */
  stdin(): Promise<string>;
  env: NodeJS.ProcessEnv;
}

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  json: { type: 'boolean' },
  force: { type: 'boolean' },
  lang: { type: 'string' },
  'data-dir': { type: 'string' },
  'database-url': { type: 'string' },
  admin: { type: 'string' },
  'admin-namn': { type: 'string' },
  'password-stdin': { type: 'boolean' },
  kod: { type: 'string' },
  forbund: { type: 'string' },
  'dry-run': { type: 'boolean' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

class UsageError extends Error {}

/** The password from standard input: one trailing newline dropped (echo adds one). */
async function passwordFromStdin(io: Io): Promise<string> {
  const text = (await io.stdin()).replace(/\r?\n$/, '');
  if (text === '') throw new CliError('emptyStdin');
  return text;
}

function need(value: string | undefined, what: string): string {
  if (!value) throw new UsageError(what);
  return value;
}

async function withOps<T>(values: Values, io: Io, run: (ops: Ops) => Promise<T>): Promise<T> {
  const dataDir = resolve(values['data-dir'] ?? io.env.DATA_DIR ?? 'data');
  const databaseUrl = values['database-url'] ?? (io.env.DATABASE_URL || undefined);
  if (!databaseUrl) await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const ops = opsFor(await resolveTarget({ dataDir, databaseUrl }));
  try {
    return await run(ops);
  } finally {
    await ops.close();
  }
}

/** How many words each command takes: a word more is a mistake (a name left unquoted), not ignored. */
const WORDS: Record<string, number> = {
  'forbund create': 3,
  'forbund list': 2,
  'enhet create': 3,
  'admin reset-password': 3,
  backup: 2,
  restore: 2,
  gallra: 1,
};

async function command(words: string[], values: Values, io: Io, t: Messages): Promise<void> {
  const [noun, verb, arg] = words;
  const max = WORDS[`${noun} ${verb}`] ?? WORDS[noun ?? ''];
  if (max !== undefined && words.length > max) throw new UsageError(words.join(' '));
  const print = (key: MessageKey, params: Record<string, string>, json: unknown) =>
    io.out(values.json ? JSON.stringify(json) : t.say(key, params));
  const password = async () => (values['password-stdin'] ? await passwordFromStdin(io) : undefined);

  if (noun === 'forbund' && verb === 'create') {
    const input = {
      namn: need(arg, 'forbund create <namn> --admin <användarnamn>'),
      adminUsername: need(values.admin, '--admin <användarnamn>'),
      ...(values['admin-namn'] ? { adminDisplayName: values['admin-namn'] } : {}),
      password: await password(),
    };
    const created = await withOps(values, io, (ops) => ops.createForbund(input));
    if (values.json) return io.out(JSON.stringify(created));
    io.out(
      t.say('forbundCreated', {
        namn: created.forbund.namn,
        id: created.forbund.id,
        username: created.admin.username,
      }),
    );
    io.out(
      created.password ? t.say('oneTimePassword', { password: created.password }) : t.say('ownPasswordSet'),
    );
    return;
  }
  if (noun === 'forbund' && verb === 'list') {
    const list = await withOps(values, io, (ops) => ops.listForbund());
    if (values.json) return io.out(JSON.stringify({ forbund: list }));
    if (list.length === 0) return io.out(t.say('forbundNone'));
    for (const f of list)
      io.out(
        t.say('forbundRow', {
          ...f,
          enheter: String(f.enheter),
          users: String(f.users),
          admins: f.admins.join(', ') || '–',
        }),
      );
    return;
  }
  if (noun === 'enhet' && verb === 'create') {
    const input = {
      namn: need(arg, 'enhet create <namn> --kod <KOD> --forbund <id|namn>'),
      kod: need(values.kod, '--kod <KOD>'),
      forbund: need(values.forbund, '--forbund <id|namn>'),
    };
    const enhet = await withOps(values, io, (ops) => ops.createEnhet(input));
    return print(
      'enhetCreated',
      { kod: enhet.kod, namn: enhet.namn, forbund: enhet.forbund.namn, id: enhet.id },
      { enhet },
    );
  }
  if (noun === 'admin' && verb === 'reset-password') {
    const input = { username: need(arg, 'admin reset-password <användarnamn>'), password: await password() };
    const done = await withOps(values, io, (ops) => ops.resetPassword(input));
    if (values.json) return io.out(JSON.stringify(done));
    io.out(t.say('passwordReset', { username: done.username }));
    io.out(done.password ? t.say('oneTimePassword', { password: done.password }) : t.say('ownPasswordSet'));
    return;
  }
  if (noun === 'gallra') return gallraCommand(values, io, t);
  if (noun === 'backup') {
    const file = resolve(need(verb, 'backup <fil>'));
    const bytes = await withOps(values, io, (ops) => ops.backup(file, values.force ?? false));
    return print('backupDone', { file, bytes: String(bytes) }, { file, bytes });
  }
  if (noun === 'restore') return restore(need(verb, 'restore <fil>'), values, io, t);
  throw new UsageError(words.join(' ') || '?');
}

async function gallraCommand(values: Values, io: Io, t: Messages): Promise<void> {
  const dryRun = values['dry-run'] ?? false;
  const input = { dryRun, ...(values.forbund ? { forbund: values.forbund } : {}) };
  const results = await withOps(values, io, (ops) => ops.gallra(input));
  if (values.json) return io.out(JSON.stringify({ forbund: results }));
  if (results.length === 0) return io.out(t.say('gallraNone'));
  for (const r of results) {
    const head = {
      namn: r.forbund.namn,
      today: r.today,
      removed: String(r.removed.length),
      held: String(r.held.length),
    };
    if (r.gallringAr === null) {
      io.out(t.say('gallraNoPeriod', head));
      continue;
    }
    io.out(t.say(dryRun ? 'gallraDryRun' : 'gallraDone', { ...head, ar: String(r.gallringAr) }));
    for (const a of r.removed)
      io.out(
        t.say(dryRun ? 'gallraDue' : 'gallraRemoved', {
          ...a,
          records: String(a.records),
          responses: String(a.responses),
        }),
      );
    for (const h of r.held)
      io.out(
        t.say('gallraHeld', {
          arendeId: h.arendeId,
          gallringsdatum: h.gallringsdatum,
          devices: h.waitingFor.map((d) => `${d.username} (${d.lastSyncAt ?? '–'})`).join(', '),
        }),
      );
  }
}

async function restore(fileArg: string, values: Values, io: Io, t: Messages): Promise<void> {
  const file = resolve(fileArg);
  const force = values.force ?? false;
  const databaseUrl = values['database-url'] ?? (io.env.DATABASE_URL || undefined);
  const dataDir = resolve(values['data-dir'] ?? io.env.DATA_DIR ?? 'data');
  if (!databaseUrl) await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const target = await resolveTarget({ dataDir, databaseUrl, exclusive: true });
  if (target.kind === 'postgres') await pgRestore(target.url, file, { force });
  else if (target.kind === 'direct') {
    try {
      await restorePglite(join(dataDir, 'pgdata'), file, { force });
    } finally {
      await target.lock.release();
    }
  }
  const where = databaseUrl ? 'DATABASE_URL' : dataDir;
  io.out(values.json ? JSON.stringify({ restored: file }) : t.say('restoreDone', { target: where }));
}

/** Runs the command line `argv` (without node and the script); returns the exit status. */
export async function runCli(argv: string[], io: Io): Promise<number> {
  let parsed: { values: Values; positionals: string[] };
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    const t = messages(chooseLang(undefined, io.env));
    io.err(t.say('usage', { problem: (err as Error).message }));
    return 2;
  }
  const { values, positionals } = parsed;
  const t = messages(chooseLang(values.lang, io.env));
  if (values.help || positionals.length === 0) {
    io.out(t.help);
    return values.help ? 0 : 2;
  }
  try {
    await command(positionals, values, io, t);
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(t.say('usage', { problem: `faltsam ${err.message}` }));
      return 2;
    }
    io.err(describe(err, t));
    return 1;
  }
}

function describe(err: unknown, t: Messages): string {
  if (err instanceof CliError) return t.say(err.key as MessageKey, err.params);
  if (err instanceof OpsError || err instanceof Refusal)
    return (
      t.refusal(err.code, { ...err.params, message: err.message }) ??
      t.say('failed', { message: err.message })
    );
  if (err instanceof BackupError)
    return t.refusal(err.code, { ...err.params, message: err.message }) ?? err.message;
  return t.say('failed', { message: err instanceof Error ? err.message : String(err) });
}
