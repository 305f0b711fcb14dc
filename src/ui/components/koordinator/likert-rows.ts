/** Rows of Likert figures: n, mean, share 4–5 and the distribution, as table cells. */
import type { LikertFigures } from '../../../domain/aggregation/likert-release';
import { t } from '../../i18n/koordinator';
import type { TypedCell } from './figures';

/** The column headings, built when rendering so they follow the chosen language. */
export const likertColumns = () => [
  t.koordinator.ki.n,
  t.koordinator.ki.mean,
  t.koordinator.ki.share,
  ...[1, 2, 3, 4, 5].map(t.koordinator.ki.answer),
];

export function likertCells(f: LikertFigures): TypedCell[] {
  return [
    { value: f.n },
    { value: f.mean, kind: 'mean' },
    { value: f.shareJakande, kind: 'percent' },
    ...f.distribution.map((value) => ({ value })),
  ];
}

export const groupLabel = (key: string) => t.koordinator.groupLabel[key] ?? key;
