/**
 * A hash router: the app is served as one file from the service worker's cache, so hash routes
 * work offline without the server knowing any client path.
 *   #/                 the ärende list
 *   #/arenden/nytt     a new ärende
 *   #/arenden/<id>     edit an ärende
 *   #/logga-in         log in again while a session is kept (e.g. after it expired on the server)
 *   #/arenden/<id>/formular/<formId>   a personal form (F-P-*) for an ärende
 *   #/halvar           half-year survey rounds (koordinator)
 *   #/upplasningskod   change the unlock secret of the device's encrypted store
 *   #/arenden/<id>/oversikt                  an ärende's case work (samtycken, möten, SIP …)
 *   #/arenden/<id>/moten/nytt                record a meeting
 *   #/arenden/<id>/moten/<moteId>            correct a recorded meeting (and settle its conflicts)
 *   #/arenden/<id>/sip/<sipId>[/utskrift]    a SIP, or its printable A4 document
 *   #/konsultation[/nytt|/statistik|/<id>]   konsultationsteam meetings, a new one, statistics, one meeting (koordinator)
 *   #/admin[/anvandare/ny | /anvandare/<id> | /enheter | /apparater | /installningar | /behovsgrupper
 *          | /gallring | /logg]   administration (admin)
 *   #/gallring          what is due for gallring and when (koordinator)
 *   #/resultat[/<område>]   the koordinator's results (kärnindikatorer, kartläggning, …)
 * Other hashes (the skip link's #main) are in-page anchors and leave the route as it is. A path with
 * a malformed escape (#/arenden/%E0) is the 'notFound' route: parsing never throws.
 */
import { useEffect, useState } from 'preact/hooks';

export type Route =
  | { name: 'list' }
  | { name: 'new' }
  | { name: 'edit'; id: string }
  | { name: 'login' }
  | { name: 'staffForm'; id: string; formId: string }
  | { name: 'rounds' }
  | { name: 'changeSecret' }
  | { name: 'overview'; id: string }
  | { name: 'newMote'; id: string }
  | { name: 'mote'; id: string; moteId: string }
  | { name: 'sip'; id: string; sipId: string }
  | { name: 'sipPrint'; id: string; sipId: string }
  | { name: 'konsultation' }
  | { name: 'konsultationNew' }
  | { name: 'konsultationStats' }
  | { name: 'konsultationMote'; id: string }
  | { name: 'admin'; section: AdminSection; id?: string }
  | { name: 'results'; area: ResultArea }
  | { name: 'gallring' }
  | { name: 'notFound' };

/** The areas of the koordinator's results (domain/aggregation/report.ts AGGREGATE_AREAS). */
export const RESULT_AREAS = ['karnindikatorer', 'kartlaggning', 'progression', 'sip', 'moten'] as const;
export type ResultArea = (typeof RESULT_AREAS)[number];

export type AdminSection =
  | 'users'
  | 'newUser'
  | 'user'
  | 'enheter'
  | 'devices'
  | 'settings'
  | 'behovsgrupper'
  | 'gallring'
  | 'audit';

export const paths = {
  list: '#/',
  newArende: '#/arenden/nytt',
  login: '#/logga-in',
  arende: (id: string) => `#/arenden/${encodeURIComponent(id)}`,
  staffForm: (id: string, formId: string) =>
    `#/arenden/${encodeURIComponent(id)}/formular/${encodeURIComponent(formId)}`,
  rounds: '#/halvar',
  changeSecret: '#/upplasningskod',
  overview: (id: string) => `#/arenden/${encodeURIComponent(id)}/oversikt`,
  newMote: (id: string) => `#/arenden/${encodeURIComponent(id)}/moten/nytt`,
  mote: (id: string, moteId: string) =>
    `#/arenden/${encodeURIComponent(id)}/moten/${encodeURIComponent(moteId)}`,
  sip: (id: string, sipId: string) => `#/arenden/${encodeURIComponent(id)}/sip/${encodeURIComponent(sipId)}`,
  results: (area: ResultArea = 'karnindikatorer') => `#/resultat/${area}`,
  sipPrint: (id: string, sipId: string) =>
    `#/arenden/${encodeURIComponent(id)}/sip/${encodeURIComponent(sipId)}/utskrift`,
  konsultation: '#/konsultation',
  gallring: '#/gallring',
  konsultationNew: '#/konsultation/nytt',
  konsultationStats: '#/konsultation/statistik',
  konsultationMote: (id: string) => `#/konsultation/${encodeURIComponent(id)}`,
  /** The admin's screens; the paths of the sections are in components/admin/admin-paths.ts. */
  admin: '#/admin',
};

const ADMIN_ROUTE =
  /^\/admin(?:\/(enheter|apparater|installningar|behovsgrupper|gallring|logg|anvandare\/ny)|\/anvandare\/([^/]+))?$/;
const ADMIN_SECTIONS = {
  enheter: 'enheter',
  apparater: 'devices',
  installningar: 'settings',
  behovsgrupper: 'behovsgrupper',
  gallring: 'gallring',
  logg: 'audit',
  'anvandare/ny': 'newUser',
} as const;

/** The route of a hash; a malformed percent-escape anywhere in it is 'notFound', never a throw. */
export function parseRoute(hash: string): Route {
  try {
    return parsePath(hash.replace(/^#/, ''));
  } catch (e) {
    if (e instanceof URIError) return { name: 'notFound' };
    throw e;
  }
}

function parsePath(path: string): Route {
  if (path === '/arenden/nytt') return { name: 'new' };
  if (path === '/logga-in') return { name: 'login' };
  if (path === '/halvar') return { name: 'rounds' };
  if (path === '/gallring') return { name: 'gallring' };
  if (path === '/konsultation') return { name: 'konsultation' };
  if (path === '/konsultation/nytt') return { name: 'konsultationNew' };
  if (path === '/konsultation/statistik') return { name: 'konsultationStats' };
  const k = /^\/konsultation\/([^/]+)$/.exec(path);
  if (k?.[1]) return { name: 'konsultationMote', id: decodeURIComponent(k[1]) };
  const admin = ADMIN_ROUTE.exec(path);
  if (admin?.[2]) return { name: 'admin', section: 'user', id: decodeURIComponent(admin[2]) };
  if (admin)
    return { name: 'admin', section: ADMIN_SECTIONS[admin[1] as keyof typeof ADMIN_SECTIONS] ?? 'users' };
  if (path === '/upplasningskod') return { name: 'changeSecret' };
  const results = /^\/resultat(?:\/([a-z]+))?$/.exec(path);
  if (results) {
    const area = (RESULT_AREAS as readonly string[]).includes(results[1] ?? '')
      ? results[1]
      : 'karnindikatorer';
    return { name: 'results', area: area as ResultArea };
  }
  const form = /^\/arenden\/([^/]+)\/formular\/([^/]+)$/.exec(path);
  if (form?.[1] && form[2])
    return { name: 'staffForm', id: decodeURIComponent(form[1]), formId: decodeURIComponent(form[2]) };
  const casework = parseCaseworkRoute(path);
  if (casework) return casework;
  const m = /^\/arenden\/([^/]+)$/.exec(path);
  if (m?.[1]) return { name: 'edit', id: decodeURIComponent(m[1]) };
  return { name: 'list' };
}

function parseCaseworkRoute(path: string): Route | null {
  const parts = path.split('/').slice(1).map(decodeURIComponent);
  const [root, id, a, b, c] = parts;
  if (root !== 'arenden' || !id) return null;
  if (parts.length === 3 && a === 'oversikt') return { name: 'overview', id };
  if (parts.length === 4 && a === 'moten' && b === 'nytt') return { name: 'newMote', id };
  if (parts.length === 4 && a === 'moten' && b) return { name: 'mote', id, moteId: b };
  if (a === 'sip' && b && parts.length === 4) return { name: 'sip', id, sipId: b };
  if (a === 'sip' && b && parts.length === 5 && c === 'utskrift') return { name: 'sipPrint', id, sipId: b };
  return null;
}

export function navigate(hash: string): void {
  if (window.location.hash === hash) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else window.location.hash = hash;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => {
      const hash = window.location.hash;
      if (hash === '' || hash.startsWith('#/')) setRoute(parseRoute(hash));
    };
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
