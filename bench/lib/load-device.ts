/**
 * A simulated device of the load bench: only the HTTP conversation a real device has with the
 * server (sign in, push its outbox as one batch, pull pages of 500 until there are no more), with
 * none of the device's own work (IndexedDB, encryption), so 200 of them fit in one process beside
 * the measurements. Its ärenden are what the app creates (bench/lib/fields.ts, a fresh pseudonym
 * code of its enhet), its mutations numbered 1, 2, 3… like the real outbox.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { ARENDE_FIELDS } from '../../src/domain/arende';
import { cryptoRandomInts, generatePseudonymCode } from '../../src/domain/pseudonym';
import type { Mutation, PullResponse, PushResponse } from '../../src/domain/sync-protocol';
import { syntheticFields } from './fields';
import type { BenchUser } from './load-seed';

const PULL_PAGE = 500;

/** A push made ahead (LoadDevice.outbox): its JSON body and how many mutations it holds. */
export interface Outbox {
  body: string;
  n: number;
}
const RECORDS_END = Buffer.from('],"removals":');
// Codes are random, 31^4 per enhet: a few thousand per enhet would collide now and then (and be
// refused as kod_upptagen, as they should), so the bench's devices never draw one twice.
const usedCodes = new Set<string>();

function freshCode(kod: string): string {
  for (;;) {
    const code = generatePseudonymCode(kod, cryptoRandomInts);
    if (!usedCodes.has(code)) {
      usedCodes.add(code);
      return code;
    }
  }
}

/** Requests sent again after a connection closed under them (see request()). */
export const resent = { count: 0 };

/**
 * fetch; when the connection closes before an answer, sent once more on a connection of its own.
 * That happens when a kept-alive connection is reused just as the server closes it for being
 * idle, which a busy server (its event loop held up) does late, and to several such connections
 * at once. Browsers resend then too. Every request here may be sent twice (a push is answered the
 * same again from the device's sequence). A second failure fails the run, with its cause.
 */
async function request(url: string, init: RequestInit = {}): Promise<Response> {
  const started = performance.now();
  try {
    return await fetch(url, init);
  } catch {
    resent.count += 1;
  }
  try {
    return await freshConnection(url, init);
  } catch (err) {
    const ms = Math.round(performance.now() - started);
    throw new Error(`${init.method ?? 'GET'} ${url} failed twice in ${ms} ms: ${String(err)}`);
  }
}

function freshConnection(url: string, init: RequestInit): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: init.method ?? 'GET', headers: init.headers as Record<string, string>, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(new Response(Buffer.concat(chunks), { status: res.statusCode ?? 0 })));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(typeof init.body === 'string' ? init.body : undefined);
  });
}

export class LoadDevice {
  readonly deviceId = randomUUID();
  private seq = 0;
  cursor = '0';
  token = '';
  /** The server this device talks to (the bench may split devices over two processes). */
  url: string;

  constructor(
    url: string,
    readonly user: BenchUser,
    private readonly password: string,
  ) {
    this.url = url;
  }

  async login(): Promise<void> {
    const res = await request(`${this.url}/api/sessions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: this.user.username, password: this.password }),
    });
    if (res.status !== 201) throw new Error(`login ${this.user.username}: ${res.status} ${await res.text()}`);
    this.token = ((await res.json()) as { token: string }).token;
  }

  /** Pushes `n` new ärenden in one batch; throws unless every one is applied. */
  async pushNew(n: number): Promise<void> {
    await this.push(this.outbox(n));
  }

  /**
   * The body of a push of `n` new ärenden, as the device's outbox holds them before it syncs (the
   * wave prepares every device's before its clock starts: on the two cores the server shares with
   * the 200 simulated devices, making 10,000 ärenden is not the server's work).
   */
  outbox(n: number): Outbox {
    const at = new Date().toISOString();
    const mutations: Mutation[] = [];
    for (let i = 0; i < n; i++) {
      const fields = syntheticFields(this.seq + i, this.user.enhet.id, this.user.id);
      const changes: Record<string, unknown> = {
        code: freshCode(this.user.enhet.kod),
      };
      for (const f of ARENDE_FIELDS) changes[f] = fields[f];
      mutations.push({
        id: randomUUID(),
        seq: this.seq + i + 1,
        entity: 'arende',
        recordId: randomUUID(),
        baseVersion: null,
        changes,
        at,
      });
    }
    return { body: JSON.stringify({ deviceId: this.deviceId, mutations }), n };
  }

  /** Sends a push made by outbox(); throws unless every mutation is applied. */
  async push({ body: sent, n }: Outbox): Promise<void> {
    const res = await request(`${this.url}/api/sync/push`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${this.token}` },
      body: sent,
    });
    if (res.status !== 200) throw new Error(`push ${this.user.username}: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as PushResponse;
    const refused = body.results.filter((r) => r.status !== 'applied');
    if (refused.length > 0 || body.lastSeq !== this.seq + n)
      throw new Error(`push ${this.user.username}: ${JSON.stringify(refused[0] ?? body.lastSeq)}`);
    this.seq += n;
  }

  /** Pulls until the server has nothing more; returns the number of changes received. */
  async pullAll(): Promise<number> {
    let received = 0;
    for (;;) {
      const page = (await (await this.pullPage()).json()) as PullResponse;
      received += page.changes.length;
      this.cursor = page.cursor;
      if (!page.hasMore) return received;
    }
  }

  /**
   * Pulls until the server has nothing more, reading of each page only what follows its records
   * (cursor, hasMore): the wave's devices do not parse the ~190,000 records they receive, which
   * a real device does on its own processor, not on the server's (as pullAll does, it still
   * receives and unzips every byte). Checked: the page ends in that object, which parses.
   * Asked as the app asks after its push (src/sync/engine.ts): every page names the device (the
   * server then leaves out the records it wrote itself, and records that it synced), and the
   * round's first page asks for the count of what follows (the progress line).
   */
  async pullAllCursors(): Promise<void> {
    for (let first = true; ; first = false) {
      const bytes = Buffer.from(await (await this.pullPage({ named: true, count: first })).arrayBuffer());
      // A record's text never holds `],"removals":` outside a string, and inside one the quote is
      // escaped: the last occurrence is where the page's records end.
      const at = bytes.lastIndexOf(RECORDS_END);
      if (at < 0) throw new Error(`pull ${this.user.username}: not a page`);
      const page = JSON.parse(`{${bytes.subarray(at + 2).toString('utf8')}`) as Omit<PullResponse, 'changes'>;
      if (typeof page.cursor !== 'string' || typeof page.hasMore !== 'boolean')
        throw new Error(`pull ${this.user.username}: a page without cursor`);
      this.cursor = page.cursor;
      if (!page.hasMore) return;
    }
  }

  private async pullPage(as: { named?: boolean; count?: boolean } = {}): Promise<Response> {
    const q = new URLSearchParams({ cursor: this.cursor, limit: String(PULL_PAGE) });
    if (as.count) q.set('count', '1');
    if (as.named) q.set('deviceId', this.deviceId);
    const res = await request(`${this.url}/api/sync/pull?${q}`, {
      headers: { Authorization: `Bearer ${this.token}` },
    });
    if (res.status !== 200) throw new Error(`pull ${this.user.username}: ${res.status} ${await res.text()}`);
    return res;
  }

  async me(): Promise<void> {
    const res = await request(`${this.url}/api/me`, { headers: { Authorization: `Bearer ${this.token}` } });
    if (res.status !== 200) throw new Error(`me ${this.user.username}: ${res.status}`);
    await res.arrayBuffer();
  }
}
