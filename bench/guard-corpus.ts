/**
 * Figures – the free-text guard on its own generated corpus (tests/helpers/guard-corpus.ts):
 *   guard_corpus_recall_min_pct      the lowest recall of any named format (target ≥ 99.5)
 *   guard_corpus_missed_max_pct      100 − that, so the budget reads as a ceiling (budget 0.5)
 *   guard_corpus_false_positive_pct  ordinary number-bearing sentences refused (budget 1)
 *   guard_corpus_kind_right_min_pct  of what was found, the share reported as the right kind
 * Method: every named format of personnummer and samordningsnummer (10/12 digits, every separator
 * inside the date and before the last four), Swedish phone numbers (mobile, 08, three- and
 * four-digit area codes, +46/0046 with and without (0), brackets) and e-mail addresses, 400
 * synthetic numbers each in case-note contexts (plain, labelled, in brackets, glued to words and
 * punctuation), and 20,000 ordinary sentences with times, ranges, dates, diarienummer, amounts,
 * postcodes, pseudonym codes and SIP items; sampled with a fixed seed, so every run measures the
 * same texts. A number counts as found when a finding overlaps it.
 * `npm run guard:corpus` runs this alone: the table per format goes to stderr, figures to stdout.
 */
import { type FormatResult, measureCorpus, pct } from '../tests/helpers/guard-corpus';
import { emit, note, round, runFigure } from './lib/report';

const SCOPE = 'guard-corpus';

function line(f: FormatResult): string {
  const recall = pct(f.found, f.samples).toFixed(2).padStart(6);
  const kind = pct(f.rightKind, f.found).toFixed(2).padStart(6);
  return `${recall} %  (rätt slag ${kind} %)  ${f.format}`;
}

async function main(): Promise<void> {
  const t = performance.now();
  const { formats, ordinary } = measureCorpus();
  note(SCOPE, `recall per format (${formats.length} formats, ${formats[0]?.samples ?? 0} texts each):`);
  for (const f of formats) process.stderr.write(`  ${line(f)}\n`);
  const byKind = new Map<string, { found: number; samples: number }>();
  for (const f of formats) {
    const k = byKind.get(f.kind) ?? { found: 0, samples: 0 };
    byKind.set(f.kind, { found: k.found + f.found, samples: k.samples + f.samples });
  }
  for (const [kind, k] of byKind)
    note(SCOPE, `${kind}: ${pct(k.found, k.samples).toFixed(2)} % of ${k.samples}`);
  const fp = pct(ordinary.refused, ordinary.samples);
  note(SCOPE, `ordinary sentences refused: ${ordinary.refused} of ${ordinary.samples}`);
  for (const example of ordinary.examples.slice(0, 5)) note(SCOPE, `  refused: ${example}`);
  note(SCOPE, `took ${round((performance.now() - t) / 1000, 1)} s`);
  const minRecall = Math.min(...formats.map((f) => pct(f.found, f.samples)));
  const minKind = Math.min(...formats.map((f) => pct(f.rightKind, f.found)));
  emit({ metric: 'guard_corpus_recall_min_pct', value: round(minRecall, 2), unit: '%', budget: null });
  emit({ metric: 'guard_corpus_missed_max_pct', value: round(100 - minRecall, 2), unit: '%', budget: 0.5 });
  emit({ metric: 'guard_corpus_false_positive_pct', value: round(fp, 3), unit: '%', budget: 1 });
  emit({ metric: 'guard_corpus_kind_right_min_pct', value: round(minKind, 2), unit: '%', budget: null });
}

runFigure(SCOPE, main);
