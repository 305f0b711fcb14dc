import { describe, expect, it } from 'vitest';
import { isSuppressed, SUPPRESSED } from '../../../../src/domain/aggregation/disclosure';
import {
  compareOccasions,
  compareRespondents,
  type LikertAnswer,
  LikertResponse,
  likertStats,
  NO_ANSWERS,
  summarizeLikert,
  tallyLikert,
} from '../../../../src/domain/aggregation/likert';
import { protectLikert, protectLikertBreakdown } from '../../../../src/domain/aggregation/likert-disclosure';
import { halvar } from '../../../../src/domain/aggregation/periods';

interface Answer extends LikertResponse {
  occasion: 'under' | 'vid_avslut';
  group: 'deltagare' | 'personal';
  date: string;
  enhet: string;
}

/** `count` responses answering `value` to each of `slots`. Synthetic, no real person. */
function answers(count: number, slots: Record<string, LikertAnswer>, meta: Partial<Answer> = {}): Answer[] {
  return Array.from({ length: count }, () => ({
    slots: { ...slots },
    occasion: 'under',
    group: 'deltagare',
    date: '2026-03-01',
    enhet: 'norsjo',
    ...meta,
  }));
}

describe('LikertResponse', () => {
  it('accepts answers 1–5 and skipped slots, and refuses anything else', () => {
    expect(LikertResponse.safeParse({ slots: { M05: 4, 'M16.1': 1 } }).success).toBe(true);
    expect(LikertResponse.safeParse({ slots: {} }).success).toBe(true);
    expect(LikertResponse.safeParse({ slots: { M05: 6 } }).success).toBe(false);
    expect(LikertResponse.safeParse({ slots: { M05: null } }).success).toBe(false);
  });
});

describe('tallyLikert', () => {
  it('counts each answer per slot and group, leaving skipped slots out', () => {
    const tally = tallyLikert(
      [{ slots: { M05: 4, M07: 2 } }, { slots: { M05: 4 } }, { slots: { M05: 1, 'M16.1': 5 } }],
      () => 'alla',
    );
    expect(tally.get('M05')?.get('alla')).toEqual([1, 0, 0, 2, 0]);
    expect(tally.get('M07')?.get('alla')).toEqual([0, 1, 0, 0, 0]);
    expect(tally.get('M16.1')?.get('alla')).toEqual([0, 0, 0, 0, 1]);
  });

  it('refuses an answer outside 1–5 that slipped past parsing', () => {
    expect(() => tallyLikert([{ slots: { M05: 0 as LikertAnswer } }], () => '')).toThrow(RangeError);
  });
});

describe('likertStats', () => {
  it('gives n, the mean and the share answering 4 or 5', () => {
    expect(likertStats([1, 1, 0, 1, 1])).toEqual({ n: 4, mean: 3, shareJakande: 0.5 });
  });

  it('gives no mean or share without answers', () => {
    expect(likertStats([0, 0, 0, 0, 0])).toEqual({ n: 0, mean: null, shareJakande: null });
  });
});

describe('summarizeLikert', () => {
  it('publishes each slot overall, sorted by slot id, with the figures of the disclosure rules', () => {
    const responses = [...answers(6, { M05: 5, 'M16.1': 3 }), ...answers(5, { M05: 2 })];
    const result = summarizeLikert(responses);
    expect(result.map((s) => s.slot)).toEqual(['M05', 'M16.1']);
    expect(result[0]?.overall).toEqual(protectLikert([0, 5, 0, 0, 6]));
    expect(result[0]?.overall.shareJakande).toBe(6 / 11);
    expect(result[1]?.overall).toEqual({ n: 6, mean: 3, shareJakande: 0, distribution: [0, 0, 6, 0, 0] });
    expect(summarizeLikert(answers(4, { M05: 5 }))[0]?.overall.n).toEqual(SUPPRESSED);
  });

  it('breaks down by any key, listing asked-for groups first even without answers', () => {
    const responses = [
      ...answers(6, { M14: 4 }, { date: '2026-02-10' }),
      ...answers(7, { M14: 5 }, { date: '2026-09-01' }),
    ];
    const [m14] = summarizeLikert(responses, { groupOf: (r) => halvar(r.date), groups: ['2025H2'] });
    expect(Object.keys(m14?.groups ?? {})).toEqual(['2025H2', '2026H1', '2026H2']);
    expect(m14?.groups['2025H2']).toEqual(NO_ANSWERS);
    expect(m14?.groups['2026H1']).toEqual({ n: 6, mean: 4, shareJakande: 1, distribution: [0, 0, 0, 6, 0] });
    expect(m14?.groups['2026H2']?.n).toBe(7);
  });

  it('protects a breakdown as a whole, so a small group cannot be found as the overall minus the rest', () => {
    const responses = [
      ...answers(3, { M05: 2 }, { enhet: 'norsjo' }),
      ...answers(20, { M05: 4 }, { enhet: 'skelleftea' }),
    ];
    const [m05] = summarizeLikert(responses, { groupOf: (r) => r.enhet });
    expect(m05?.overall.n).toBe(23);
    expect(isSuppressed(m05?.groups.norsjo?.n)).toBe(true);
    expect(isSuppressed(m05?.groups.skelleftea?.n)).toBe(true);
    expect(m05?.groups).toEqual({
      norsjo: protectLikertBreakdown([
        [0, 3, 0, 0, 0],
        [0, 0, 0, 20, 0],
      ]).groups[0],
      skelleftea: protectLikertBreakdown([
        [0, 3, 0, 0, 0],
        [0, 0, 0, 20, 0],
      ]).groups[1],
    });
  });

  it('reports only the slots asked for, in that order', () => {
    const result = summarizeLikert(answers(5, { M01: 3, M03: 4 }), { slots: ['M03', 'M99'] });
    expect(result.map((s) => [s.slot, s.overall.n])).toEqual([
      ['M03', 5],
      ['M99', 0],
    ]);
  });
});

describe('compareOccasions', () => {
  it('sets "under" against "vid avslut" for a statement worded the same at both', () => {
    const responses = [
      ...answers(6, { M14: 2 }, { occasion: 'under' }),
      ...answers(6, { M14: 4 }, { occasion: 'vid_avslut' }),
    ];
    const { under, vidAvslut } = compareOccasions(
      summarizeLikert(responses, { groupOf: (r) => r.occasion }),
      'M14',
    );
    expect([under.mean, vidAvslut.mean]).toEqual([2, 4]);
    expect([under.shareJakande, vidAvslut.shareJakande]).toEqual([0, 1]);
  });

  it('pairs the two wordings of an indicator, such as M01 under and M02 vid avslut', () => {
    const responses = [
      ...answers(5, { M01: 3 }, { occasion: 'under' }),
      ...answers(8, { M02: 5 }, { occasion: 'vid_avslut' }),
    ];
    const { under, vidAvslut } = compareOccasions(
      summarizeLikert(responses, { groupOf: (r) => r.occasion }),
      'M01',
      'M02',
    );
    expect([under.n, vidAvslut.n]).toEqual([5, 8]);
  });
});

describe('compareRespondents', () => {
  it('sets deltagare against personal for the same statement', () => {
    const responses = [
      ...answers(9, { M12: 5 }, { group: 'deltagare' }),
      ...answers(5, { M12: 3 }, { group: 'personal' }),
    ];
    const { deltagare, personal } = compareRespondents(
      summarizeLikert(responses, { groupOf: (r) => r.group }),
      'M12',
    );
    expect([deltagare.mean, personal.mean]).toEqual([5, 3]);
  });

  it('gives an empty summary for a group or slot that has no answers', () => {
    const { personal } = compareRespondents(
      summarizeLikert(answers(5, { M12: 4 }), { groupOf: (r) => r.group }),
      'M12',
    );
    expect(personal).toEqual(NO_ANSWERS);
  });
});
