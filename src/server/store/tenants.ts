/** Förbund (the tenant) and its enheter. Created by the demo set-up, tests and, later, admin. */
import { randomUUID } from 'node:crypto';
import { type Behovsgrupp, Enhet } from '../../domain/account';
import type { Sql } from './sql';

export interface Forbund {
  id: string;
  namn: string;
  behovsgrupper: Behovsgrupp[];
}

export async function createForbund(
  sql: Sql,
  input: { namn: string; behovsgrupper: readonly Behovsgrupp[] },
): Promise<Forbund> {
  const forbund = { id: randomUUID(), namn: input.namn, behovsgrupper: [...input.behovsgrupper] };
  await sql.query('insert into forbund (id, namn, behovsgrupper) values ($1, $2, $3::jsonb)', [
    forbund.id,
    forbund.namn,
    JSON.stringify(forbund.behovsgrupper),
  ]);
  return forbund;
}

export async function createEnhet(
  sql: Sql,
  input: { forbundId: string; namn: string; kod: string },
): Promise<Enhet> {
  const enhet = Enhet.parse({ id: randomUUID(), namn: input.namn, kod: input.kod });
  await sql.query('insert into enhet (id, forbund_id, namn, kod) values ($1, $2, $3, $4)', [
    enhet.id,
    input.forbundId,
    enhet.namn,
    enhet.kod,
  ]);
  return enhet;
}

export async function findForbund(sql: Sql, id: string): Promise<Forbund | null> {
  const { rows } = await sql.query<Forbund>('select id, namn, behovsgrupper from forbund where id = $1', [
    id,
  ]);
  return rows[0] ?? null;
}
