/** Small clients and builders for the server's integration tests. Synthetic data only. */
import { randomUUID } from 'node:crypto';
import { emptyArendeFields } from '../../../src/domain/arende';
import { luhnValid } from '../../../src/domain/guard';
import type { Mutation, PullResponse, PushResponse } from '../../../src/domain/sync-protocol';
import type { TestServer } from '../../helpers/server';

export const json = (body: unknown, token?: string): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
  body: JSON.stringify(body),
});

export const bearer = (token: string): RequestInit => ({ headers: { Authorization: `Bearer ${token}` } });

/** A device of a signed-in user: numbers its mutations 1, 2, 3… like the real outbox. */
export function device(server: Pick<TestServer, 'fetch'>, token: string, deviceId: string = randomUUID()) {
  let seq = 0;
  return {
    deviceId,
    token,
    /** Builds the next mutation (does not send it). */
    mutation(recordId: string, changes: Record<string, unknown>, baseVersion: number | null): Mutation {
      seq += 1;
      return {
        id: randomUUID(),
        seq,
        entity: 'arende',
        recordId,
        baseVersion,
        changes,
        at: new Date().toISOString(),
      };
    },
    async pushRaw(mutations: Mutation[]): Promise<Response> {
      return server.fetch('/api/sync/push', json({ deviceId, mutations }, token));
    },
    async push(mutations: Mutation[]): Promise<PushResponse> {
      const res = await this.pushRaw(mutations);
      if (res.status !== 200) throw new Error(`push: ${res.status} ${await res.text()}`);
      return (await res.json()) as PushResponse;
    },
    /** A feed page; `opts.device` names a device (e.g. this one) the way the engine does. */
    async pull(
      cursor = '0',
      limit?: number,
      opts: { device?: string; count?: boolean } = {},
    ): Promise<PullResponse> {
      const q = new URLSearchParams({ cursor, ...(limit ? { limit: String(limit) } : {}) });
      if (opts.device) q.set('deviceId', opts.device);
      if (opts.count) q.set('count', '1');
      const res = await server.fetch(`/api/sync/pull?${q}`, bearer(token));
      if (res.status !== 200) throw new Error(`pull: ${res.status} ${await res.text()}`);
      return (await res.json()) as PullResponse;
    },
  };
}

const CODE_CHARS = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

const usedCodes = new Set<string>();

/**
 * A random pseudonym code with the given prefix (e.g. NOR-4K7P), never the same twice in one test process: the server keeps codes unique
 * per förbund, and 500 draws from 31⁴ collide one run in seven (which refused one create and failed
 * the shutdown test in CI).
 */
export function randomCode(prefix = 'NOR'): string {
  for (;;) {
    let s = '';
    for (let i = 0; i < 4; i++) s += CODE_CHARS[Math.floor(Math.random() * CODE_CHARS.length)];
    const code = `${prefix}-${s}`;
    if (!usedCodes.has(code)) {
      usedCodes.add(code);
      return code;
    }
  }
}

/** The changes of a create: every editable field, as a new ärende has them. */
export function newArende(enhetId: string, handlaggareId: string, extra: Record<string, unknown> = {}) {
  return { ...emptyArendeFields(enhetId, handlaggareId, '2026-03-02'), code: randomCode(), ...extra };
}

/**
 * A personnummer-shaped number with a valid Luhn digit and a birth date in 1890, which no living
 * person has: 12-digit form YYYYMMDD-NNNC.
 */
export function fictitiousPersonnummer(): string {
  const body = '900101123';
  for (let c = 0; c <= 9; c++) if (luhnValid(`${body}${c}`)) return `18900101-123${c}`;
  throw new Error('unreachable');
}
