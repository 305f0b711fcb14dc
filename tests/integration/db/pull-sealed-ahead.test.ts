/**
 * A pull seals a page's records while the page before it is still being stored (pull-apply.ts
 * sealPage). Whatever the user saves meanwhile, and whatever the page holds (a record twice, a
 * record the device has edited unsent), the device ends with what it holds when the
 * page is prepared only when stored.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { getArende, listArenden, updateArende } from '../../../src/db/arende-repo';
import type { FaltsamDb } from '../../../src/db/database';
import { applyPulledPage, sealPage } from '../../../src/db/pull-apply';
import { readOutbox } from '../../../src/db/records';
import type { Arende } from '../../../src/domain/arende';
import { generatePseudonymCode } from '../../../src/domain/pseudonym';
import type { PullResponse } from '../../../src/domain/sync-protocol';
import { ENHET_NOR, FORBUND, freshDb, sampleFields } from '../../helpers/device';

const AT = '2026-09-01T08:00:00.000Z';
const opened: FaltsamDb[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

function page(records: Arende[], cursor: string): PullResponse {
  return {
    forbundId: FORBUND,
    changes: records.map((record) => ({ entity: 'arende', record })),
    removals: [],
    scope: { enhetIds: [ENHET_NOR], entities: ['arende'] },
    cursor,
    hasMore: false,
  };
}

type Local = { kind: 'none' } | { kind: 'edit'; manaderAv12: number };
/** When the device's own save happens: before the page is sealed ahead, or after it, before the store. */
type When = 'before' | 'between';

async function device(base: Arende[]): Promise<FaltsamDb> {
  const db = freshDb();
  opened.push(db);
  await applyPulledPage(db, page(base, '1'), '0');
  return db;
}

async function saveLocal(db: FaltsamDb, id: string, local: Local): Promise<void> {
  if (local.kind === 'edit') await updateArende(db, id, sampleFields({ manaderAv12: local.manaderAv12 }));
}

async function state(db: FaltsamDb) {
  const listed = await listArenden(db);
  const outbox = (await readOutbox(db)).map((e) => ({ recordId: e.recordId, changes: e.changes }));
  return {
    arenden: listed.map(({ id, manaderAv12, sgi, version }) => ({ id, manaderAv12, sgi, version })),
    outbox,
  };
}

describe('a pull page sealed ahead of its store', () => {
  it('stores what a page prepared at its store would, whatever is saved in between', async () => {
    const local = fc.oneof(
      fc.constant<Local>({ kind: 'none' }),
      fc.integer({ min: 10, max: 12 }).map<Local>((m) => ({ kind: 'edit', manaderAv12: m })),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({ local, when: fc.constantFrom<When>('before', 'between'), twice: fc.boolean() }),
          {
            minLength: 1,
            maxLength: 5,
          },
        ),
        async (spec) => {
          const base: Arende[] = spec.map(() => ({
            ...sampleFields({ manaderAv12: 9 }),
            id: crypto.randomUUID(),
            forbundId: FORBUND,
            code: generatePseudonymCode('NOR', (k) => crypto.getRandomValues(new Uint32Array(k))),
            createdAt: AT,
            updatedAt: AT,
            version: 1,
          }));
          // The server's next versions: another field changed by another device; some come twice.
          const next = base.map((r) => ({ ...r, sgi: 'har' as const, version: 2 }));
          const changes = next.flatMap((r, i) =>
            spec[i]?.twice ? [{ ...r, sgi: 'nollplacerad' as const }, r] : [r],
          );
          const [ahead, atStore] = [await device(base), await device(base)];
          for (const db of [ahead, atStore]) {
            for (const [i, s] of spec.entries())
              if (s.when === 'before') await saveLocal(db, base[i]?.id ?? '', s.local);
          }
          const sealed = sealPage(ahead, page(changes, '2'));
          for (const db of [ahead, atStore]) {
            for (const [i, s] of spec.entries())
              if (s.when === 'between') await saveLocal(db, base[i]?.id ?? '', s.local);
          }
          await applyPulledPage(ahead, page(changes, '2'), '1', sealed);
          await applyPulledPage(atStore, page(changes, '2'), '1');
          const [got, want] = [await state(ahead), await state(atStore)];
          expect(got.arenden).toEqual(want.arenden);
          expect(got.outbox.map((e) => e.recordId)).toEqual(want.outbox.map((e) => e.recordId));
          // A saved edit is never lost: the device shows it over the server's version.
          for (const [i, s] of spec.entries()) {
            const shown = await getArende(ahead, base[i]?.id ?? '');
            if (s.local.kind === 'edit')
              expect(shown).toMatchObject({ manaderAv12: s.local.manaderAv12, sgi: 'har' });
            if (s.local.kind === 'none')
              expect(shown).toMatchObject({ manaderAv12: 9, sgi: 'har', version: 2 });
          }
        },
      ),
      { numRuns: 25 },
    );
  }, 120_000);
});
