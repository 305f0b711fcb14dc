import { describe, expect, it } from 'vitest';
import { CASEWORK_ENTITY_NAMES } from '../../../../src/domain/casework-entities';
import { ENTITIES, ENTITY_NAMES } from '../../../../src/domain/entities';
import { belongsToArende, isAppendOnly } from '../../../../src/domain/entity-names';
import { mergeChanges } from '../../../../src/domain/merge';
import { validateEntityFields } from '../../../../src/domain/record-validation';

const ARENDE = '00000000-0000-4000-8000-0000000000c1';
const MOTE = '00000000-0000-4000-8000-0000000000c2';
const atgard = (status: string) => ({
  moteId: MOTE,
  arendeId: ARENDE,
  part: 'af',
  vad: 'Boka gemensam kartläggning',
  ansvarigRoll: 'Arbetsförmedlare',
  senast: '2026-03-31',
  status,
});

describe('case-work entities in the sync registry', () => {
  it('scopes every case-work kind through its ärende and fixes arendeId at creation', () => {
    for (const name of CASEWORK_ENTITY_NAMES) {
      expect(ENTITIES[name].parent).toBe('arende');
      expect(ENTITIES[name].createOnly).toContain('arendeId');
      expect(Object.keys(ENTITIES[name].fields.shape)).toContain('arendeId');
    }
    expect(ENTITIES.atgard.createOnly).toContain('moteId');
    expect(ENTITIES.stegmatning.createOnly).toEqual(expect.arrayContaining(['item', 'value', 'date']));
  });

  it('agrees with the light lookups that code outside the sync round uses (entity-names.ts)', () => {
    for (const name of ENTITY_NAMES) {
      expect(belongsToArende(name)).toBe(ENTITIES[name].parent === 'arende');
      expect(isAppendOnly(name)).toBe(ENTITIES[name].appendOnly === true);
    }
  });

  it('lets åtgärd status only climb when merged, in either order, without a conflict', () => {
    const resolvers = ENTITIES.atgard.mergeField;
    const merge = (current: string, local: string) =>
      mergeChanges({
        current: atgard(current),
        fieldVersions: { status: 5 },
        baseVersion: 1,
        changes: { status: local },
        resolvers,
      });
    expect(merge('klar', 'installd')).toMatchObject({ changed: [], conflicts: [], next: { status: 'klar' } });
    expect(merge('installd', 'klar')).toMatchObject({
      changed: ['status'],
      conflicts: [],
      next: { status: 'klar' },
    });
    expect(merge('pagar', 'planerad')).toMatchObject({
      changed: [],
      conflicts: [],
      next: { status: 'pagar' },
    });
  });

  it('still reports a conflict for a field without a resolver', () => {
    const out = mergeChanges({
      current: atgard('planerad'),
      fieldVersions: { vad: 3 },
      baseVersion: 1,
      changes: { vad: 'Något annat' },
      resolvers: ENTITIES.atgard.mergeField,
    });
    expect(out.conflicts).toEqual([
      { field: 'vad', local: 'Något annat', server: 'Boka gemensam kartläggning' },
    ]);
  });
});

describe('validateEntityFields', () => {
  it('accepts valid fields and names each invalid one in Swedish', () => {
    expect(validateEntityFields('atgard', atgard('planerad'))).toBeNull();
    const errors = validateEntityFields('atgard', { ...atgard('planerad'), vad: ' ', senast: '31/3' });
    expect(errors).toMatchObject({
      vad: 'Beskriv vad som ska göras.',
      senast: expect.stringMatching(/datum/),
    });
  });

  it('applies the cross-field rules of the kind', () => {
    const errors = validateEntityFields('overlamning', {
      arendeId: ARENDE,
      franHandlaggareId: MOTE,
      tillHandlaggareId: MOTE,
      datum: '2026-03-20',
    });
    expect(errors?.tillHandlaggareId).toMatch(/annan handläggare/);
  });
});
