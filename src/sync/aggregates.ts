/**
 * Fetches the coordinator's aggregates (GET /api/aggregates/…) for a period and a date and keeps
 * them on the device. Online only; a failure keeps what was fetched before and says why.
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

export async function fetchAggregates(
  db: FaltsamDb,
  opts: { fetch: FetchLike; baseUrl?: string; period: string; date: string; now?: () => Date },
): Promise<FetchAggregatesOutcome> {
  const session = await getMeta(db, 'session');
  if (!session) return { ok: false, kind: 'auth', message: 'Logga in för att hämta uppgifterna.' };
  const query = (area: string) =>
    area === 'karnindikatorer'
      ? `?period=${encodeURIComponent(opts.period)}`
      : area === 'kartlaggning'
        ? `?datum=${encodeURIComponent(opts.date)}`
        : '';
  const data: Partial<Record<string, unknown>> = {};
  for (const area of AGGREGATE_AREAS) {
    let res: Response;
    try {
      res = await opts.fetch(`${opts.baseUrl ?? ''}/api/aggregates/${area}${query(area)}`, {
        headers: { accept: 'application/json', authorization: `Bearer ${session.token}` },
      });
    } catch {
      return { ok: false, kind: 'offline', message: OFFLINE_MESSAGE };
    }
    const json: unknown = await res.json().catch(() => undefined);
    if (!res.ok) {
      // The server's error shape ({ error: { message } }), read without loading the sync schemas.
      const said = (json as { error?: { message?: unknown } } | undefined)?.error?.message;
      const message = typeof said === 'string' ? said : SERVER_MESSAGE;
      return {
        ok: false,
        kind: res.status === 401 ? 'auth' : res.status >= 500 ? 'server' : 'refused',
        message,
      };
    }
    const parsed = SCHEMAS[area].safeParse(json);
    if (!parsed.success) return { ok: false, kind: 'server', message: SERVER_MESSAGE };
    data[area] = parsed.data;
  }
  const stored: StoredAggregates = {
    fetchedAt: (opts.now?.() ?? new Date()).toISOString(),
    period: opts.period,
    date: opts.date,
    data: data as AggregatesBundle,
  };
  await storeAggregates(db, stored);
  return { ok: true, stored };
}

export { getAggregates };
