/**
 * A hash router: the app is served as one file from the service worker's cache, so hash routes
 * work offline without the server knowing any client path.
 *   #/                 the ärende list
 *   #/arenden/nytt     a new ärende
 *   #/arenden/<id>     edit an ärende
 *   #/logga-in         log in again while a session is kept (e.g. after it expired on the server)
 * Other hashes (the skip link's #main) are in-page anchors and leave the route as it is.
 */
import { useEffect, useState } from 'preact/hooks';

export type Route = { name: 'list' } | { name: 'new' } | { name: 'edit'; id: string } | { name: 'login' };

export const paths = {
  list: '#/',
  newArende: '#/arenden/nytt',
  login: '#/logga-in',
  arende: (id: string) => `#/arenden/${encodeURIComponent(id)}`,
};

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '');
  if (path === '/arenden/nytt') return { name: 'new' };
  if (path === '/logga-in') return { name: 'login' };
  const m = /^\/arenden\/([^/]+)$/.exec(path);
  if (m?.[1]) return { name: 'edit', id: decodeURIComponent(m[1]) };
  return { name: 'list' };
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
