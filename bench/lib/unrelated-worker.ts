/**
 * The load bench's other förbund (bench/load.ts), in a worker thread of its own: a device of its
 * own event loop, as the other förbund's user is on a device of their own. In the bench's main
 * thread its requests waited behind the 200 simulated devices' own work at the start of a wave
 * (building and sending 200 pushes), which the server never saw: the first push + pull measured
 * 2.0–2.7 s at the device while the server took 0.2 s from its arrival to its answer.
 *
 * Signs in (a session of its own), catches up, says { ready }, then asks GET /api/me every 200 ms
 * and every fifth time (the first included) pushes one ärende and pulls, until told 'stop'; then
 * posts the times (ms) and the first failure, if any.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { LoadDevice } from './load-device';
import type { BenchUser } from './load-seed';

export interface UnrelatedTimes {
  me: number[];
  push: number[];
  /** Each push + pull apart: [push ms, pull ms]. */
  parts: [number, number][];
  failure: string | null;
}

const port = parentPort;
if (!port) throw new Error('unrelated-worker.ts runs in a worker thread');
const { url, user, password } = workerData as { url: string; user: BenchUser; password: string };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const device = new LoadDevice(url, user, password);
await device.login();
await device.pullAll();
let running = true;
port.on('message', (m) => {
  if (m === 'stop') running = false;
});
port.postMessage({ ready: true });

const times: UnrelatedTimes = { me: [], push: [], parts: [], failure: null };
try {
  for (let i = 0; running; i++) {
    let t = performance.now();
    await device.me();
    times.me.push(performance.now() - t);
    if (i % 5 === 0) {
      t = performance.now();
      await device.pushNew(1);
      const pushed = performance.now();
      await device.pullAll();
      times.push.push(performance.now() - t);
      times.parts.push([pushed - t, performance.now() - pushed]);
    }
    await sleep(200);
  }
} catch (err) {
  times.failure = String(err);
}
port.postMessage(times);
