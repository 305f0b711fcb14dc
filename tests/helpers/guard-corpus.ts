/**
 * The guard's own corpus: synthetic identifiers of every named format in case-note contexts, and
 * ordinary number-bearing case-note sentences, sampled with a fixed seed so every run measures the
 * same texts. `measureCorpus` gives recall per format and the false-positive rate; the unit test
 * holds them to the targets and `npm run guard:corpus` prints them.
 */
import fc from 'fast-check';
import { findIdentifyingData } from '../../src/domain/guard';
import { type InContext, inContext, ordinarySentence } from './case-sentences';
import { EMAIL_FORMATS, emailIn, PHONE_KINDS, phoneIn } from './synthetic-contacts';
import { anyIdFormat, type Generated, ID_FORMATS, idNumber } from './synthetic-identifiers';

export const CORPUS_SEED = 20_261_205;

export interface FormatResult {
  format: string;
  kind: Generated['kind'];
  samples: number;
  found: number;
  /** Found and reported as the right kind (personnummer and samordningsnummer kept apart). */
  rightKind: number;
  /** A few texts that were missed, to debug with (synthetic, so safe to print). */
  missed: string[];
}

export interface CorpusResult {
  formats: FormatResult[];
  ordinary: { samples: number; refused: number; examples: string[] };
}

/** Every named format with its generator. */
export function corpusFormats(): { name: string; arb: fc.Arbitrary<Generated> }[] {
  const ids = (['personnummer', 'samordningsnummer'] as const).flatMap((kind) => [
    ...ID_FORMATS.map((f) => ({
      name: `${kind}: ${f.name}`,
      arb: idNumber(fc.constant(f), kind === 'samordningsnummer'),
    })),
    { name: `${kind}: blandade avskiljare`, arb: idNumber(anyIdFormat, kind === 'samordningsnummer') },
  ]);
  const phones = PHONE_KINDS.flatMap((k) =>
    k.templates.map((t) => ({ name: `telefon ${k.name}: ${t}`, arb: phoneIn(k, t) })),
  );
  const emails = EMAIL_FORMATS.map((f) => ({ name: `e-post: ${f}`, arb: emailIn(f) }));
  return [...ids, ...phones, ...emails];
}

function measureFormat(name: string, samples: readonly InContext[]): FormatResult {
  const result: FormatResult = {
    format: name,
    kind: samples[0]?.kind ?? 'epost',
    samples: 0,
    found: 0,
    rightKind: 0,
    missed: [],
  };
  for (const s of samples) {
    result.samples++;
    const end = s.index + s.value.length;
    const hit = findIdentifyingData(s.text).find((f) => f.index < end && s.index < f.index + f.length);
    if (!hit) {
      if (result.missed.length < 5) result.missed.push(s.text);
      continue;
    }
    result.found++;
    if (hit.kind === s.kind) result.rightKind++;
  }
  return result;
}

/** Recall per format (`perFormat` samples each) and false positives over `ordinary` sentences. */
export function measureCorpus(perFormat = 400, ordinary = 20_000): CorpusResult {
  const formats = corpusFormats().map(({ name, arb }, i) =>
    measureFormat(name, fc.sample(inContext(arb), { seed: CORPUS_SEED + i, numRuns: perFormat })),
  );
  const sentences = fc.sample(ordinarySentence, { seed: CORPUS_SEED, numRuns: ordinary });
  const refusedTexts = sentences.filter((t) => findIdentifyingData(t).length > 0);
  return {
    formats,
    ordinary: {
      samples: sentences.length,
      refused: refusedTexts.length,
      examples: refusedTexts.slice(0, 20),
    },
  };
}

export const pct = (part: number, whole: number) => (whole === 0 ? 0 : (100 * part) / whole);
