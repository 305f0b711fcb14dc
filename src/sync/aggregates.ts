/**
 * Fetches the coordinator's releases (GET /api/aggregates/…) for a halvår and a month and keeps
 * them on the device, with the list of periods that have releases. Online only; a failure keeps
 * what was fetched before and says why. A release never changes, so what is kept stays true.
 */
import { getAggregates, storeAggregates } from '../db/aggregates-repo';
import type { FaltsamDb } from '../db/database';
import { getMeta } from '../db/meta';
import {
  AGGREGATE_AREAS,
  type AggregatesBundle,
  KarnindikatorReport,
  KartlaggningReport,
  MotenReport,
  ProgressionReport,
  ReleasePeriods,
  SipReport,
  type StoredAggregates,
} from '../domain/aggregation/report';
import type { FetchLike } from './api';

const SCHEMAS = {
  karnindikatorer: KarnindikatorReport,
  kartlaggning: KartlaggningReport,
  progression: ProgressionReport,
  sip: SipReport,
  moten: MotenReport,
} as const;

export type FetchAggregatesOutcome =
  | { ok: true; stored: StoredAggregates }
  | { ok: false; kind: 'offline' | 'auth' | 'refused' | 'server'; message: string };

export const OFFLINE_MESSAGE =
  'Ingen anslutning till servern. Uppgifterna som visas är de som hämtades senast.';
const SERVER_MESSAGE = 'Servern svarade inte som väntat. Försök igen om en stund.';
const NONE_MESSAGE = 'Det finns inga publicerade resultat ännu.';

type Got = { ok: true; json: unknown } | Extract<FetchAggregatesOutcome, { ok: false }>;

async function getJson(
  opts: { fetch: FetchLike; baseUrl?: string },
  token: string,
  path: string,
): Promise<Got> {
  let res: Response;
  try {
    res = await opts.fetch(`${opts.baseUrl ?? ''}/api/aggregates/${path}`, {
      headers: { accept: 'application/json', authorization: `Bearer ${token}` },
    });
  } catch {
    return { ok: false, kind: 'offline', message: OFFLINE_MESSAGE };
  }
  const json: unknown = await res.json().catch(() => undefined);
  if (res.ok) return { ok: true, json };
  // The server's error shape ({ error: { message } }), read without loading the sync schemas.
  const said = (json as { error?: { message?: unknown } } | undefined)?.error?.message;
  return {
    ok: false,
    kind: res.status === 401 ? 'auth' : res.status >= 500 ? 'server' : 'refused',
    message: typeof said === 'string' ? said : SERVER_MESSAGE,
  };
}

export async function fetchAggregates(
  db: FaltsamDb,
  opts: { fetch: FetchLike; baseUrl?: string; period?: string; month?: string; now?: () => Date },
): Promise<FetchAggregatesOutcome> {
  const session = await getMeta(db, 'session');
  if (!session) return { ok: false, kind: 'auth', message: 'Logga in för att hämta uppgifterna.' };
  const listed = await getJson(opts, session.token, 'releases');
  if (!listed.ok) return listed;
  const periods = ReleasePeriods.safeParse(listed.json);
  if (!periods.success) return { ok: false, kind: 'server', message: SERVER_MESSAGE };
  const period =
    opts.period && periods.data.halvar.includes(opts.period) ? opts.period : periods.data.halvar[0];
  const month =
    opts.month && periods.data.manader.includes(opts.month) ? opts.month : periods.data.manader[0];
  if (!period || !month) return { ok: false, kind: 'refused', message: NONE_MESSAGE };
  const data: Partial<Record<string, unknown>> = {};
  for (const area of AGGREGATE_AREAS) {
    const got = await getJson(
      opts,
      session.token,
      `${area}?period=${area === 'kartlaggning' ? month : period}`,
    );
    if (!got.ok) return got;
    const parsed = SCHEMAS[area].safeParse(got.json);
    if (!parsed.success) return { ok: false, kind: 'server', message: SERVER_MESSAGE };
    data[area] = parsed.data;
  }
  const stored: StoredAggregates = {
    fetchedAt: (opts.now?.() ?? new Date()).toISOString(),
    period,
    month,
    periods: periods.data,
    data: data as AggregatesBundle,
  };
  await storeAggregates(db, stored);
  return { ok: true, stored };
}

export { getAggregates };
