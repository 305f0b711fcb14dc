/**
 * The `faltsam` command as an operator uses it, against a server in production mode, each a
 * child process: a förbund and its first admin without the demo, the one-time password that
 * opens no session until it is replaced, enheter, a password reset while the server runs, and
 * nothing secret in the server's output or its data folder. On PGlite the command goes through
 * the server's admin socket; in the server-postgres project both use DATABASE_URL.
 */
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoginResponse } from '../../../src/domain/account';
import { runFaltsam, type ServerProcess, startServerProcess } from '../../helpers/processes';
import { databaseKind, openTestDatabase, type TestDatabase } from '../../helpers/test-database';

let dataDir: string;
let db: TestDatabase | undefined;
let env: Record<string, string | undefined>;
let server: ServerProcess;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'faltsam-cli-'));
  if (databaseKind() === 'postgres') db = await openTestDatabase({ migrated: false });
  env = { DATA_DIR: dataDir, DATABASE_URL: db?.url, NODE_ENV: 'production' };
  server = await startServerProcess({ ...env, STATIC_DIR: join(dataDir, 'ingen-build') });
}, 180_000);
afterAll(async () => {
  await server?.stop();
  await db?.close();
  await rm(dataDir, { recursive: true, force: true });
});

const signIn = (body: Record<string, string>) =>
  fetch(`${server.url}/api/sessions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

const errorOf = async (res: Response) =>
  ((await res.json()) as { error: { code: string; message: string } }).error;

/** Every file under `dir`, for a search of its bytes. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe('faltsam with a production server running', () => {
  let oneTime = '';

  it('starts with no demo, says how to make the first förbund, and logs one JSON object per line', () => {
    const lines = server.stdout().trim().split('\n');
    for (const line of lines) expect(() => JSON.parse(line), line).not.toThrow();
    expect(server.stdout()).toContain('npx faltsam forbund create');
    expect(server.stdout()).not.toMatch(/lösenord:|[a-z2-9]{4}(-[a-z2-9]{4}){3}/);
    expect(new URL(server.url).hostname).toBe('localhost');
    expect(JSON.parse(lines.at(-1) ?? '{}')).toMatchObject({
      level: 'info',
      host: '127.0.0.1',
      production: true,
    });
  });

  it('creates a förbund with its first admin and prints a one-time password', async () => {
    const ran = await runFaltsam(['forbund', 'create', 'Testförbund Norr', '--admin', 'forsta.admin'], {
      env,
    });
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(0);
    expect(ran.stdout).toContain('Förbundet "Testförbund Norr" är skapat');
    oneTime = /Engångslösenord: (\S+)/.exec(ran.stdout)?.[1] ?? '';
    expect(oneTime).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);

    const again = await runFaltsam(['forbund', 'create', 'testförbund norr', '--admin', 'annan.admin'], {
      env,
    });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('Det finns redan ett förbund som heter testförbund norr.');
    const enhet = await runFaltsam(
      ['enhet', 'create', 'Norsjö kommun', '--kod', 'NOR', '--forbund', 'Testförbund Norr', '--json'],
      { env },
    );
    expect(enhet.code).toBe(0);
    expect(JSON.parse(enhet.stdout)).toMatchObject({ enhet: { kod: 'NOR', namn: 'Norsjö kommun' } });
  }, 120_000);

  it('gives no session for the one-time password until the user has chosen their own', async () => {
    const first = await signIn({ username: 'forsta.admin', password: oneTime });
    expect(first.status).toBe(403);
    expect(await errorOf(first)).toEqual({
      code: 'losenord_maste_bytas',
      message: 'Du har loggat in med ett tillfälligt lösenord. Välj ett eget lösenord för att fortsätta.',
    });
    const same = await signIn({ username: 'forsta.admin', password: oneTime, newPassword: oneTime });
    expect(same.status).toBe(400);
    const short = await signIn({ username: 'forsta.admin', password: oneTime, newPassword: 'kort' });
    expect(short.status).toBe(400);
    expect((await errorOf(short)).message).toContain('minst 12 tecken');
    const wrong = await signIn({
      username: 'forsta.admin',
      password: 'fel-fel-fel-fel',
      newPassword: 'mitt-eget-losenord-1',
    });
    expect(wrong.status).toBe(401);

    const changed = await signIn({
      username: 'forsta.admin',
      password: oneTime,
      newPassword: 'mitt-eget-losenord-1',
    });
    expect(changed.status).toBe(201);
    const session = LoginResponse.parse(await changed.json());
    expect(session.user).toMatchObject({
      username: 'forsta.admin',
      role: 'admin',
      forbund: { namn: 'Testförbund Norr' },
    });
    expect(session.user.forbund.behovsgrupper.length).toBeGreaterThan(0);
    const enheter = await fetch(`${server.url}/api/admin/enheter`, {
      headers: { Authorization: `Bearer ${session.token}` },
    });
    expect(((await enheter.json()) as { enheter: { kod: string }[] }).enheter.map((e) => e.kod)).toEqual([
      'NOR',
    ]);
    expect((await signIn({ username: 'forsta.admin', password: oneTime })).status).toBe(401);
    expect((await signIn({ username: 'forsta.admin', password: 'mitt-eget-losenord-1' })).status).toBe(201);

    // A reset from the command line ends the session and asks for a new own password again.
    const reset = await runFaltsam(['admin', 'reset-password', 'FORSTA.ADMIN', '--password-stdin'], {
      env,
      stdin: 'ett-nytt-engangslosenord\n',
    });
    expect(reset.code).toBe(0);
    expect(reset.stdout).toContain('Nytt engångslösenord för forsta.admin');
    expect(reset.stdout).not.toContain('ett-nytt-engangslosenord');
    const me = await fetch(`${server.url}/api/me`, { headers: { Authorization: `Bearer ${session.token}` } });
    expect(me.status).toBe(401);
    expect((await errorOf(me)).code).toBe('losenord_bytt');
    expect((await signIn({ username: 'forsta.admin', password: 'ett-nytt-engangslosenord' })).status).toBe(
      403,
    );
  }, 120_000);

  it('lists the förbund, and refuses unknown names and bad input in the chosen language', async () => {
    const list = await runFaltsam(['forbund', 'list', '--json'], { env });
    expect(JSON.parse(list.stdout)).toEqual({
      forbund: [
        expect.objectContaining({ namn: 'Testförbund Norr', enheter: 1, users: 1, admins: ['forsta.admin'] }),
      ],
    });
    const missing = await runFaltsam(['admin', 'reset-password', 'finns.inte', '--lang', 'en'], { env });
    expect(missing).toMatchObject({ code: 1, stderr: 'There is no account finns.inte.\n' });
    const badKod = await runFaltsam(
      ['enhet', 'create', 'X', '--kod', 'nor', '--forbund', 'Testförbund Norr'],
      { env },
    );
    expect(badKod.code).toBe(1);
    expect(badKod.stderr).toContain('2–4 versaler');
    const usage = await runFaltsam(['forbund', 'create', 'Utan admin'], { env });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--admin');
  }, 120_000);

  it('keeps nothing secret in the server output or the data folder', async () => {
    const out = server.stdout() + server.stderr();
    for (const secret of [oneTime, 'mitt-eget-losenord-1', 'ett-nytt-engangslosenord']) {
      expect(out).not.toContain(secret);
      for (const file of await filesUnder(dataDir))
        expect((await readFile(file)).includes(Buffer.from(secret)), file).toBe(false);
    }
    // Request lines name the route pattern, never a path with ids, a query or a body.
    const requests = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { msg: string; route?: string; reqId?: string })
      .filter((l) => l.msg === 'request');
    expect(requests.map((r) => r.route)).toContain('/api/sessions');
    for (const r of requests) expect(r.reqId).toMatch(/^[0-9a-f-]{36}$/);
    expect(out).not.toContain('forsta.admin');
    if (databaseKind() === 'pglite') {
      expect((await stat(join(dataDir, 'admin.sock'))).mode & 0o777).toBe(0o600);
      expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
    }
  });
});
