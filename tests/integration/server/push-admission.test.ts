/**
 * When a push's body is read and when it is checked (routes/sync.ts, issue 19). The bytes are
 * received as they come, before any turn, so a slow or stalled upload holds no turn; the CPU part –
 * parsing and checking the batch – waits for the förbund's turn together with its transaction, so
 * a wave of one förbund is checked a turn at a time instead of all at once ahead of every other
 * förbund's request. Observed from outside: a batch of the wave that is refused (400) is refused
 * in its turn, after another förbund's push that came later has been answered; and a push whose
 * upload stalls does not hold up the next push of the same förbund.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestAccount, type TestServer, type TestTenant } from '../../helpers/server';
import { device, newArende, randomCode } from './support';

const WAVE = 30;
const PER_PUSH = 20;

let server: TestServer;
let a: TestAccount;
let other: TestTenant;
let b: TestAccount;

beforeAll(async () => {
  server = await createTestServer();
  a = await server.createHandlaggare({ enheter: ['NOR'] });
  other = await server.addForbund('Annat förbund');
  b = await other.createHandlaggare({ enheter: ['NOR'] });
}, 60_000);
afterAll(() => server.close());

const nor = () => server.enheter[0]?.id ?? '';

async function signedIn(account: TestAccount) {
  return device(server, (await server.login(account.username, account.password)).token);
}

const arenden = (dev: ReturnType<typeof device>, n: number) =>
  Array.from({ length: n }, () =>
    dev.mutation(randomUUID(), newArende(nor(), a.user.id, { code: randomCode() }), null),
  );

describe('a push is received at once and checked in its förbund’s turn', () => {
  it('refuses a malformed batch of a wave only in its turn, after a later push of another förbund is answered', async () => {
    const waveDevices: ReturnType<typeof device>[] = [];
    for (let i = 0; i < WAVE; i++) waveDevices.push(await signedIn(a));
    const last = await signedIn(a);
    const bDev = device(server, (await server.login(b.username, b.password)).token);
    const finished: string[] = [];

    const wave = waveDevices.map(async (dev, i) => {
      expect((await dev.push(arenden(dev, PER_PUSH))).lastSeq).toBe(PER_PUSH);
      finished.push(`A${i}`);
    });
    // The wave's last batch names a kind of record that does not exist: the schema refuses it.
    const [good] = arenden(last, 1);
    const refused = last.pushRaw([{ ...good, entity: 'nonsense' } as never]).then(async (res) => {
      finished.push('A refused');
      return {
        status: res.status,
        body: ((await res.json()) as { error: { code: string; message: string } }).error,
      };
    });
    // B's push comes after every batch of the wave has been sent.
    await new Promise((r) => setTimeout(r, 0));
    const bId = randomUUID();
    const bPush = bDev.push([bDev.mutation(bId, newArende(other.enheter[0]?.id ?? '', b.user.id), null)]);
    await bPush.then(() => finished.push('B push'));
    await Promise.all(wave);
    const { status, body } = await refused;

    // Refused as before: a 400 with the push's own message, nothing stored.
    expect(status).toBe(400);
    expect(body.code).toBe('ogiltig_begaran');
    expect(body.message).toBe('Synkdata har fel form och togs inte emot. Inget har ändrats.');
    // Checked on arrival, the refused batch was answered long before B's push (B's needs a whole
    // transaction after its own check); checked in turn, it waits behind the wave's other batches.
    expect(finished.indexOf('B push')).toBeLessThan(finished.indexOf('A refused'));
    expect(finished.filter((f) => f.startsWith('A')).length).toBe(WAVE + 1);
    const { rows } = await server.sql.query<{ n: number }>(
      "select count(*)::int as n from record where entity = 'arende' and forbund_id = $1",
      [a.user.forbundId],
    );
    expect(rows[0]?.n).toBe(WAVE * PER_PUSH);
  });

  it('does not let a stalled upload hold up the next push of the same förbund, and applies it once it completes', async () => {
    const slow = await signedIn(a);
    const fast = await signedIn(a);
    const [first] = arenden(slow, 1);
    const text = JSON.stringify({ deviceId: slow.deviceId, mutations: [first] });
    const cut = Math.floor(text.length / 2);
    let finish: (() => void) | undefined;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(text.slice(0, cut)));
        finish = () => {
          controller.enqueue(new TextEncoder().encode(text.slice(cut)));
          controller.close();
        };
      },
    });
    const stalled = server.fetch('/api/sync/push', {
      method: 'POST',
      // With its length announced, as a browser's upload has: then the body is read as it comes
      // (without, the size limit in app.ts reads all of it before any route runs).
      headers: {
        'Content-Type': 'application/json',
        'Content-Length': String(Buffer.byteLength(text)),
        Authorization: `Bearer ${slow.token}`,
      },
      body,
      duplex: 'half',
    } as RequestInit);
    let stalledAnswered = false;
    void stalled.then(() => {
      stalledAnswered = true;
    });

    // With the upload half done, another device of the same förbund pushes and is answered.
    expect((await fast.push(arenden(fast, 3))).lastSeq).toBe(3);
    expect(stalledAnswered).toBe(false);

    finish?.();
    const res = await stalled;
    expect(res.status).toBe(200);
    expect(((await res.json()) as { lastSeq: number }).lastSeq).toBe(1);
  });
});
