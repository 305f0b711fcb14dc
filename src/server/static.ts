/**
 * The built app (vite output) and the SPA fallback. Hashed files under /assets/ never change, so
 * they are cached for a year; everything else — index.html, sw.js, the manifest — is revalidated
 * every time, so a new version reaches the device on its next visit.
 *
 * The build writes a brotli (.br) and a gzip (.gz) copy beside every text file (vite.config.ts,
 * precompress); the one the browser accepts is sent with Content-Encoding, and every answer says
 * `Vary: Accept-Encoding` so no cache hands a brotli body to a client that cannot read it.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';
import type { AppEnv } from './context';
import { notFoundResponse } from './errors';

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

/** Adds static serving to `app` when `dir` holds a build (index.html); returns whether it did. */
export function serveBuiltApp(app: Hono<AppEnv>, dir: string): boolean {
  if (!existsSync(join(dir, 'index.html'))) return false;
  const files = serveStatic<AppEnv>({ root: dir, precompressed: true });
  const indexHtml = serveStatic<AppEnv>({ root: dir, path: 'index.html', precompressed: true });
  const noop = async () => {};

  app.get('*', async (c, next) => {
    const path = c.req.path;
    if (path === '/api' || path.startsWith('/api/')) return next();
    c.header('Cache-Control', path.startsWith('/assets/') ? IMMUTABLE : REVALIDATE);
    const file = await files(c, noop);
    if (file) return varyOnEncoding(file);
    // A missing asset or file (anything with an extension) is a 404, not the app's HTML page:
    // HTML served as a script or an image would only hide the broken link.
    if (path.startsWith('/assets/') || /\.[A-Za-z0-9]+$/.test(path)) {
      c.header('Cache-Control', 'no-store');
      return notFoundResponse(c);
    }
    c.header('Cache-Control', REVALIDATE);
    const html = await indexHtml(c, noop);
    return html ? varyOnEncoding(html) : notFoundResponse(c);
  });
  return true;
}

/** Set once, whichever encoding was chosen (serveStatic adds it only when it sends a .br/.gz). */
function varyOnEncoding(res: Response): Response {
  res.headers.set('Vary', 'Accept-Encoding');
  return res;
}
