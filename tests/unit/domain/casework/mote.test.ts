import { describe, expect, it } from 'vitest';
import {
  emptyMoteFields,
  Mote,
  type MoteFields,
  moteCrossFieldIssues,
  trepartssamtalTemplate,
  ValidMoteFields,
} from '../../../../src/domain/mote';

const fields = (over: Partial<MoteFields> = {}): MoteFields => ({
  ...emptyMoteFields('2026-03-10'),
  ...over,
});

describe('trepartssamtalTemplate', () => {
  it('pre-fills the deltagare, Arbetsförmedlingen and socialtjänsten', () => {
    const t = trepartssamtalTemplate();
    expect(t.type).toBe('trepartssamtal');
    expect(t.participants.map((p) => p.part)).toEqual(['deltagare', 'af', 'socialtjanst']);
    expect(t.deltagareDeltog).toBe(true);
  });

  it('gives fields that pass validation once a date is set', () => {
    expect(ValidMoteFields.safeParse(fields()).success).toBe(true);
  });

  it('returns fresh participant lists, so editing one meeting never changes the next', () => {
    const a = trepartssamtalTemplate();
    a.participants.pop();
    expect(trepartssamtalTemplate().participants).toHaveLength(3);
  });
});

describe('emptyMoteFields', () => {
  it('starts other meeting types with no participants', () => {
    const m = emptyMoteFields('2026-03-10', 'arendegenomgang');
    expect(m.participants).toEqual([]);
    expect(m.deltagareDeltog).toBe(false);
    expect(ValidMoteFields.safeParse(m).success).toBe(true);
  });
});

describe('MoteFields', () => {
  it('refuses a next meeting dated before this one', () => {
    expect(moteCrossFieldIssues(fields({ nextMeetingDate: '2026-03-09' })).map((i) => i.path)).toEqual([
      'nextMeetingDate',
    ]);
  });

  it('accepts a next meeting on the same day', () => {
    expect(moteCrossFieldIssues(fields({ nextMeetingDate: '2026-03-10' }))).toEqual([]);
  });

  it('flags a deltagare listed among participants but marked absent', () => {
    const issues = moteCrossFieldIssues(fields({ deltagareDeltog: false }));
    expect(issues.map((i) => i.path)).toEqual(['deltagareDeltog']);
  });

  it('records participation by video or telephone', () => {
    const m = fields({
      type: 'flerpartssamtal',
      participants: [
        { roll: 'Handläggare', part: 'fk', mode: 'video' },
        { roll: 'Koordinator', part: 'psykiatri', mode: 'telefon' },
      ],
      deltagareDeltog: false,
    });
    expect(ValidMoteFields.safeParse(m).success).toBe(true);
  });

  it('refuses notes that contain a telephone number, saying what was found', () => {
    const r = ValidMoteFields.safeParse(fields({ anteckningar: 'Ring 070-123 45 67 efter mötet.' }));
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toContain('telefonnummer');
  });

  it('refuses a participant without a role', () => {
    const r = ValidMoteFields.safeParse(
      fields({ participants: [{ roll: '  ', part: 'af', mode: 'pa_plats' }] }),
    );
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe('Ange en roll.');
  });

  it('refuses an unknown meeting type', () => {
    expect(ValidMoteFields.safeParse({ ...fields(), type: 'konsultationsteam' }).success).toBe(false);
  });

  it('parses a stored record with its ids and version', () => {
    const record = {
      ...fields(),
      id: '00000000-0000-4000-8000-0000000000a2',
      forbundId: '00000000-0000-4000-8000-0000000000f1',
      arendeId: '00000000-0000-4000-8000-0000000000e1',
      createdAt: '2026-03-10T09:00:00.000Z',
      updatedAt: '2026-03-10T09:00:00.000Z',
      version: 3,
    };
    expect(Mote.parse(record)).toEqual(record);
  });
});
