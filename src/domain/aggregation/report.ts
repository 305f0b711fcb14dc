/**
 * The coordinator's aggregates as they travel from server to device (GET /api/aggregates/…) and
 * are kept on the device: only published figures (a number or the suppressed marker), category
 * keys and enhet names. Nothing here can hold an ärende id, a code or a single response.
 */
import { z } from 'zod';
import { Figure } from './disclosure';
import { Halvar } from './periods';

const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const LikertFiguresSchema = z.strictObject({
  n: Figure,
  mean: Figure.nullable(),
  shareJakande: Figure.nullable(),
  distribution: z.array(Figure).length(5),
});

/** One answer slot: its overall figures and a breakdown whose groups partition the respondents. */
export const SlotReport = z.strictObject({
  slot: z.string(),
  overall: LikertFiguresSchema,
  groups: z.array(z.strictObject({ key: z.string(), figures: LikertFiguresSchema })),
});
export type SlotReport = z.infer<typeof SlotReport>;

export const CountTableSchema = z.strictObject({
  categories: z.array(z.string()),
  cells: z.array(Figure),
  total: Figure,
});
export type CountTableReport = z.infer<typeof CountTableSchema>;

export const TwoWayReport = z.strictObject({
  rows: z.array(z.string()),
  cols: z.array(z.string()),
  cells: z.array(z.array(Figure)),
  rowTotals: z.array(Figure),
  colTotals: z.array(Figure),
  total: Figure,
});
export type TwoWayReport = z.infer<typeof TwoWayReport>;

export const EnhetRef = z.strictObject({ id: z.string(), namn: z.string() });
export type EnhetRef = z.infer<typeof EnhetRef>;

export const KarnindikatorReport = z.strictObject({
  period: Halvar,
  /** Case-linked forms (deltagare and personal): groups are `respondent|occasion`. */
  bySvarsgrupp: z.array(SlotReport),
  /** The same slots broken down by enhet id. */
  byEnhet: z.array(SlotReport),
  /** Half-year forms of the period's round: groups are respondent groups. */
  halvarByGroup: z.array(SlotReport),
  halvarByEnhet: z.array(SlotReport),
  enheter: z.array(EnhetRef),
});
export type KarnindikatorReport = z.infer<typeof KarnindikatorReport>;

export const KARTLAGGNING_TABLES = [
  'behovsgrupp',
  'forsorjningshinder',
  'langvarigt',
  'mycketLangvarigt',
  'kon',
  'aldersgrupp',
] as const;
export type KartlaggningTable = (typeof KARTLAGGNING_TABLES)[number];

export const KartlaggningReport = z.strictObject({
  date: IsoDay,
  enheter: z.array(EnhetRef),
  behovsgrupper: z.array(z.strictObject({ code: z.string(), label: z.string() })),
  /** Active ärenden per enhet. */
  enhet: CountTableSchema,
  /** Each dimension: the förbund's one-way table and enhet × category with linked margins. */
  tables: z.array(
    z.strictObject({
      dimension: z.enum(KARTLAGGNING_TABLES),
      total: CountTableSchema,
      perEnhet: TwoWayReport,
    }),
  ),
});
export type KartlaggningReport = z.infer<typeof KartlaggningReport>;

export const PROGRESSION_CATEGORIES = ['med_forflyttning', 'utan_forflyttning', 'en_matning'] as const;

export const ProgressionReport = z.strictObject({
  /** Ärenden by whether the latest measurement of M14 or M15 is above the first. */
  arenden: CountTableSchema,
  /** Share with a stegförflyttning among ärenden measured at least twice; null when suppressed or none. */
  share: Figure.nullable(),
  /** M14 and M15 per month (groups are ÅÅÅÅ-MM). */
  overTime: z.array(SlotReport),
});
export type ProgressionReport = z.infer<typeof ProgressionReport>;

export const SIP_DAY_BANDS = ['0-7', '8-14', '15-30', '31-60', '61-', 'ej_angivet'] as const;

export const SipReport = z.strictObject({
  /** Ärenden with a SIP, by enhet (rows, enhet ids) and the status of their latest SIP (columns). */
  statusByEnhet: TwoWayReport,
  /** Per checklist item 1–10 (not 3, the samtycke, which is checked when the plan is upprättad). */
  completeness: z.array(z.strictObject({ item: z.int(), table: CountTableSchema })),
  /** Plans whose items 1–10 are all met. */
  complete: CountTableSchema,
  daysToStart: z.strictObject({ bands: CountTableSchema, mean: Figure.nullable() }),
  enheter: z.array(EnhetRef),
});
export type SipReport = z.infer<typeof SipReport>;

export const MotenReport = z.strictObject({
  /** Meetings by month (rows, ÅÅÅÅ-MM) and type (columns). */
  byMonth: TwoWayReport,
  /** Meetings by enhet (rows, enhet ids) and type; the type margin is the same as in byMonth. */
  byEnhet: TwoWayReport,
  enheter: z.array(EnhetRef),
});
export type MotenReport = z.infer<typeof MotenReport>;

export const AGGREGATE_AREAS = ['karnindikatorer', 'kartlaggning', 'progression', 'sip', 'moten'] as const;
export type AggregateArea = (typeof AGGREGATE_AREAS)[number];

export const AggregatesBundle = z.strictObject({
  karnindikatorer: KarnindikatorReport,
  kartlaggning: KartlaggningReport,
  progression: ProgressionReport,
  sip: SipReport,
  moten: MotenReport,
});
export type AggregatesBundle = z.infer<typeof AggregatesBundle>;

/** What the device keeps: the last fetched aggregates, when, and for which period and date. */
export const StoredAggregates = z.strictObject({
  fetchedAt: z.string().regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/),
  period: Halvar,
  date: IsoDay,
  data: AggregatesBundle,
});
export type StoredAggregates = z.infer<typeof StoredAggregates>;
