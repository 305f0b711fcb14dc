import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoginResponse } from '../../../src/domain/account';
import { buildApp } from '../../../src/server/app';
import { ensureDemoData, LEGACY_LOGIN_FILE, removeLegacyLoginFile } from '../../../src/server/demo';
import { demoLoginMessage } from '../../../src/server/server';
import { migrate } from '../../../src/server/store/migrate';
import type { Sql } from '../../../src/server/store/sql';
import { databaseKind, openTestDatabase, type TestDatabase } from '../../helpers/test-database';
import { json } from './support';

let db: TestDatabase;
let sql: Sql;
let dataDir: string;

beforeAll(async () => {
  db = await openTestDatabase({ migrated: false });
  sql = db.sql;
  dataDir = await mkdtemp(join(tmpdir(), 'faltsam-demo-'));
}, 60_000);
afterAll(async () => {
  await db.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('migrations and demo set-up', () => {
  it('runs on the database its vitest project names: PGlite, or a real PostgreSQL 15+ in server-postgres', async () => {
    const { rows } = await sql.query<{ version: string; num: number }>(
      "select version(), current_setting('server_version_num')::int as num",
    );
    const version = rows[0]?.version ?? '';
    expect(db.kind).toBe(databaseKind());
    if (db.kind === 'postgres') {
      expect(version).not.toContain('PGlite');
      expect(rows[0]?.num).toBeGreaterThanOrEqual(150_000);
    } else expect(version).toContain('PGlite');
  });

  it('applies the migrations once and does nothing the second time', async () => {
    expect(await migrate(sql)).toContain('001_init');
    expect(await migrate(sql)).toEqual([]);
    const { rows } = await sql.query<{ version: string }>('select version from schema_migrations');
    expect(rows.map((r) => r.version)).toContain('001_init');
  });

  it('creates the demo förbund, its two enheter, a handläggare, a koordinator and an admin who can sign in, and no ärenden', async () => {
    const demo = await ensureDemoData(sql);
    expect(demo.created).toBe(true);
    expect(demo.password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    const res = await buildApp({ sql }).request(
      '/api/sessions',
      json({ username: 'handlaggare', password: demo.password }),
    );
    expect(res.status).toBe(201);
    const { user } = LoginResponse.parse(await res.json());
    expect(user.displayName).toBe('Demo Handläggare');
    expect(user.forbund.namn).toBe('Demo samordningsförbund');
    expect(user.enheter).toEqual([
      expect.objectContaining({ kod: 'NOR', namn: 'Norsjö kommun – ekonomiskt bistånd' }),
    ]);
    const enheter = await sql.query<{ kod: string }>('select kod from enhet order by kod');
    expect(enheter.rows.map((e) => e.kod)).toEqual(['NOR', 'SKE']);
    expect((await sql.query('select 1 from record')).rows).toHaveLength(0);
    const hash = await sql.query<{ password_hash: string }>('select password_hash from app_user');
    expect(hash.rows[0]?.password_hash).toMatch(/^scrypt\$15\$8\$1\$/);

    // A koordinator beside the handläggare, with its own password and both enheter.
    expect(demo.koordinator.username).toBe('koordinator');
    expect(demo.koordinator.password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    expect(demo.koordinator.password).not.toBe(demo.password);
    const kRes = await buildApp({ sql }).request(
      '/api/sessions',
      json({ username: 'koordinator', password: demo.koordinator.password }),
    );
    expect(kRes.status).toBe(201);
    const koordinator = LoginResponse.parse(await kRes.json()).user;
    expect(koordinator).toMatchObject({ displayName: 'Demo Koordinator', role: 'koordinator' });
    expect(koordinator.enheter.map((e) => e.kod).sort()).toEqual(['NOR', 'SKE']);
    // And an admin, with its own password and no enheter.
    expect(demo.admin.username).toBe('admin');
    expect(demo.admin.password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    expect(new Set([demo.password, demo.koordinator.password, demo.admin.password]).size).toBe(3);
    const aRes = await buildApp({ sql }).request(
      '/api/sessions',
      json({ username: 'admin', password: demo.admin.password }),
    );
    expect(aRes.status).toBe(201);
    const admin = LoginResponse.parse(await aRes.json()).user;
    expect(admin).toMatchObject({ displayName: 'Demo Administratör', role: 'admin', enheter: [] });
    const message = demoLoginMessage(demo);
    for (const p of [demo.password, demo.koordinator.password, demo.admin.password])
      expect(message).toContain(`: ${p}`);
    expect(message).toContain('visas bara nu');
    expect(message).toContain('npx faltsam admin reset-password');
  });

  it('keeps the demo passwords nowhere: a later start gets none back and writes no file', async () => {
    const again = await ensureDemoData(sql);
    expect(again).toEqual({
      username: 'handlaggare',
      password: null,
      created: false,
      koordinator: { username: 'koordinator', password: null },
      admin: { username: 'admin', password: null },
    });
    expect(demoLoginMessage(again)).not.toMatch(/[a-z2-9]{4}(-[a-z2-9]{4}){3}/);
    expect(await readdir(dataDir)).toEqual([]);
    expect((await sql.query('select 1 from forbund')).rows).toHaveLength(1);
  });

  it('removes the password file earlier versions kept in the data folder', async () => {
    await writeFile(join(dataDir, LEGACY_LOGIN_FILE), 'användarnamn: admin\nlösenord: abcd-efgh-jkmn-pqrs\n');
    expect(await removeLegacyLoginFile(dataDir)).toBe(true);
    expect(await readdir(dataDir)).toEqual([]);
    expect(await removeLegacyLoginFile(dataDir)).toBe(false);
  });
});
