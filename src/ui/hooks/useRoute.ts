/**
 * A hash router: the app is served as one file from the service worker's cache, so hash routes
 * work offline without the server knowing any client path.
 *   #/                 the ärende list
 *   #/arenden/nytt     a new ärende
 *   #/arenden/<id>     edit an ärende
 *   #/logga-in         log in again while a session is kept (e.g. after it expired on the server)
 *   #/arenden/<id>/formular/<formId>   a personal form (F-P-*) for an ärende
 *   #/halvar           half-year survey rounds (koordinator)
 *   #/arenden/<id>/oversikt                  an ärende's case work (samtycken, möten, SIP …)
 *   #/arenden/<id>/moten/nytt                record a meeting
 *   #/arenden/<id>/sip/<sipId>[/utskrift]    a SIP, or its printable A4 document
 *   #/resultat[/<område>]   the koordinator's results (kärnindikatorer, kartläggning, …)
 * Other hashes (the skip link's #main) are in-page anchors and leave the route as it is.
 */
import { useEffect, useState } from 'preact/hooks';

export type Route =
  | { name: 'list' }
  | { name: 'new' }
  | { name: 'edit'; id: string }
  | { name: 'login' }
  | { name: 'staffForm'; id: string; formId: string }
  | { name: 'rounds' }
  | { name: 'overview'; id: string }
  | { name: 'newMote'; id: string }
  | { name: 'sip'; id: string; sipId: string }
  | { name: 'sipPrint'; id: string; sipId: string }
  | { name: 'results'; area: ResultArea };

/** The areas of the koordinator's results (domain/aggregation/report.ts AGGREGATE_AREAS). */
export const RESULT_AREAS = ['karnindikatorer', 'kartlaggning', 'progression', 'sip', 'moten'] as const;
export type ResultArea = (typeof RESULT_AREAS)[number];

export const paths = {
  list: '#/',
  newArende: '#/arenden/nytt',
  login: '#/logga-in',
  arende: (id: string) => `#/arenden/${encodeURIComponent(id)}`,
  staffForm: (id: string, formId: string) =>
    `#/arenden/${encodeURIComponent(id)}/formular/${encodeURIComponent(formId)}`,
  rounds: '#/halvar',
  overview: (id: string) => `#/arenden/${encodeURIComponent(id)}/oversikt`,
  newMote: (id: string) => `#/arenden/${encodeURIComponent(id)}/moten/nytt`,
  sip: (id: string, sipId: string) => `#/arenden/${encodeURIComponent(id)}/sip/${encodeURIComponent(sipId)}`,
  results: (area: ResultArea = 'karnindikatorer') => `#/resultat/${area}`,
  sipPrint: (id: string, sipId: string) =>
    `#/arenden/${encodeURIComponent(id)}/sip/${encodeURIComponent(sipId)}/utskrift`,
};

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '');
  if (path === '/arenden/nytt') return { name: 'new' };
  if (path === '/logga-in') return { name: 'login' };
  if (path === '/halvar') return { name: 'rounds' };
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
  let parts: string[];
  try {
    parts = path.split('/').slice(1).map(decodeURIComponent);
  } catch {
    return null; // a malformed escape: not one of ours
  }
  const [root, id, a, b, c] = parts;
  if (root !== 'arenden' || !id) return null;
  if (parts.length === 3 && a === 'oversikt') return { name: 'overview', id };
  if (parts.length === 4 && a === 'moten' && b === 'nytt') return { name: 'newMote', id };
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
