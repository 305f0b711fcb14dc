// The service worker's report as the page reads it from a message event: only the exact shape the
// worker sends is taken, anything else a page might receive is ignored, and nothing throws.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deadlineReport, parseWorkerReport, WORKER_REPORT } from '../../../src/sync/worker-report';

describe('parseWorkerReport', () => {
  it('reads back what the worker sends', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3_600_000 }),
        fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
        (ms, at) => {
          const sent = deadlineReport(ms, at);
          // Through structured clone, as postMessage carries it.
          expect(parseWorkerReport(structuredClone(sent))).toEqual(sent);
        },
      ),
    );
  });

  it('never throws, and takes nothing but a report of that shape', () => {
    fc.assert(
      fc.property(
        fc.anything({ withDate: true, withMap: true, withSet: true, withNullPrototype: true }),
        (data) => {
          const r = parseWorkerReport(data);
          if (r === null) return;
          expect(r.type).toBe(WORKER_REPORT);
          expect(Number.isInteger(r.ms) && r.ms >= 1 && r.ms <= 3_600_000).toBe(true);
          expect(new Date(r.at).toISOString()).toBe(r.at);
        },
      ),
    );
    const at = new Date().toISOString();
    for (const bad of [
      { type: WORKER_REPORT, kind: 'timeout', ms: 0, at },
      { type: WORKER_REPORT, kind: 'timeout', ms: 1.5, at },
      { type: WORKER_REPORT, kind: 'timeout', ms: Number.NaN, at },
      { type: WORKER_REPORT, kind: 'timeout', ms: 1e12, at },
      { type: WORKER_REPORT, kind: 'timeout', ms: 20_000, at: `${at}${'x'.repeat(100)}` },
      { type: WORKER_REPORT, kind: 'timeout', ms: 20_000, at: 'inte ett datum' },
      { type: WORKER_REPORT, kind: 'network', ms: 20_000, at },
      { type: 'SKIP_WAITING' },
      [WORKER_REPORT, 'timeout', 20_000, at],
    ])
      expect(parseWorkerReport(bad)).toBeNull();
  });
});
