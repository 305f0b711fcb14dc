// The targets of the guard, held on its own generated corpus (tests/helpers/guard-corpus.ts, the
// same one `npm run guard:corpus` prints): recall ≥ 99.5 % on every named format, and at most 1 %
// of ordinary number-bearing case-note sentences refused.
import { describe, expect, it } from 'vitest';
import { measureCorpus, pct } from '../../../helpers/guard-corpus';

const result = measureCorpus();

describe('the guard on its generated corpus', () => {
  it('covers every named format of personnummer, samordningsnummer, phone number and e-mail address', () => {
    const kinds = new Set(result.formats.map((f) => f.kind));
    expect([...kinds].sort()).toEqual(['epost', 'personnummer', 'samordningsnummer', 'telefon']);
    expect(result.formats.length).toBeGreaterThan(100);
  });

  it.each(result.formats.map((f) => [f.format, f] as const))('finds at least 99.5 %% of %s', (_, f) => {
    expect(pct(f.found, f.samples), `missed: ${f.missed.join(' | ')}`).toBeGreaterThanOrEqual(99.5);
  });

  it('refuses at most 1 % of ordinary sentences that contain numbers', () => {
    expect(
      pct(result.ordinary.refused, result.ordinary.samples),
      result.ordinary.examples.join(' | '),
    ).toBeLessThanOrEqual(1);
  });
});
