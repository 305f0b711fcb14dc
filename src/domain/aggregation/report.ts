/**
 * The coordinator's releases as they travel from server to device (GET /api/aggregates/…) and are
 * kept on the device: only published figures (a protected number, too few, or withheld), category
 * keys and enhet names. Nothing here can hold an ärende id, a code or a single response. Every
 * release is for a fixed reference period and never changes once made.
 */
import { z } from '../zod';
import { Figure } from './cell-key';
import { LikertFigures } from './likert-release';
import { Halvar, Manad } from './periods';

export const LikertFiguresSchema = LikertFigures;

const IsoInstant = z.string().regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/);

/**
 * One answer slot: per group (a case-linked form, `respondent|occasion`, or a half-year respondent
 * group) and per enhet; `overall` for half-year slots only, where every respondent answers one
 * form. Case-linked enhet figures are per group and enhet (`group` set), half-year ones per enhet.
 */
export const SlotReport = z.strictObject({
  slot: z.string(),
  overall: LikertFigures.nullable(),
  groups: z.array(z.strictObject({ key: z.string(), figures: LikertFigures })),
  byEnhet: z.array(
    z.strictObject({ enhet: z.string(), group: z.string().nullable(), figures: LikertFigures }),
  ),
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

const Release = { publishedAt: IsoInstant };

export const KarnindikatorReport = z.strictObject({
  ...Release,
  period: Halvar,
  /** Case-linked forms (deltagare and personal), submitted in the halvår. */
  caseSlots: z.array(SlotReport),
  /** Half-year forms of the halvår's round (empty without a round). */
  halvarSlots: z.array(SlotReport),
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
  ...Release,
  period: Manad,
  /** The reference date: the month's last day. */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  enheter: z.array(EnhetRef),
  behovsgrupper: z.array(z.strictObject({ code: z.string(), label: z.string() })),
  /** Active ärenden per enhet. */
  enhet: CountTableSchema,
  /** Each dimension: the förbund's one-way table and enhet × category, one release. */
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
  ...Release,
  period: Halvar,
  /** Ärenden measured up to the halvår's end, by whether the latest M14 or M15 is above the first. */
  arenden: CountTableSchema,
  /** Published "med" over published "measured at least twice". */
  share: Figure.nullable(),
  /** M14 and M15 per month of the halvår (groups are ÅÅÅÅ-MM), each ärende's latest of the month. */
  overTime: z.array(SlotReport),
});
export type ProgressionReport = z.infer<typeof ProgressionReport>;

export const SIP_DAY_BANDS = ['0-7', '8-14', '15-30', '31-60', '61-', 'ej_angivet'] as const;

export const SipReport = z.strictObject({
  ...Release,
  period: Halvar,
  /** Ärenden with a plan by the halvår's end, by enhet (rows, ids) and the status of their latest. */
  statusByEnhet: TwoWayReport,
  /** Per checklist item 1–10 (not 3, the samtycke, which is checked when the plan is upprättad). */
  completeness: z.array(z.strictObject({ item: z.int(), table: CountTableSchema })),
  /** Plans whose items 1–10 are all met. */
  complete: CountTableSchema,
  daysToStart: z.strictObject({ bands: CountTableSchema }),
  enheter: z.array(EnhetRef),
});
export type SipReport = z.infer<typeof SipReport>;

export const MotenReport = z.strictObject({
  ...Release,
  period: Halvar,
  /** Ärenden with at least one meeting, by month of the halvår (rows, ÅÅÅÅ-MM) and type (columns). */
  byMonth: TwoWayReport,
  /** The same by enhet (rows, enhet ids) and type; type totals and the total are the same figures. */
  byEnhet: TwoWayReport,
  enheter: z.array(EnhetRef),
});
export type MotenReport = z.infer<typeof MotenReport>;

export const AGGREGATE_AREAS = ['karnindikatorer', 'kartlaggning', 'progression', 'sip', 'moten'] as const;
export type AggregateArea = (typeof AGGREGATE_AREAS)[number];

/** The periods whose releases can be read: closed halvår and months, newest first. */
export const ReleasePeriods = z.strictObject({
  halvar: z.array(Halvar),
  manader: z.array(Manad),
});
export type ReleasePeriods = z.infer<typeof ReleasePeriods>;

export const AggregatesBundle = z.strictObject({
  karnindikatorer: KarnindikatorReport,
  kartlaggning: KartlaggningReport,
  progression: ProgressionReport,
  sip: SipReport,
  moten: MotenReport,
});
export type AggregatesBundle = z.infer<typeof AggregatesBundle>;

/** What the device keeps: the last fetched releases, when, for which periods, and what exists. */
export const StoredAggregates = z.strictObject({
  fetchedAt: IsoInstant,
  period: Halvar,
  month: Manad,
  periods: ReleasePeriods,
  data: AggregatesBundle,
});
export type StoredAggregates = z.infer<typeof StoredAggregates>;
