/**
 * Zod as every schema module imports it: with its JIT compiler off. Zod 4 compiles fast object
 * parsers with `new Function` and probes for eval before the first one; the app's strict CSP
 * (script-src 'self') refuses that, which the browser reports as a violation on every load even
 * though zod swallows the error. Jitless parsing is the same validation without generated code
 * (about 1.5× slower per object in Node: 28 → 44 µs for an ärende). Set here, in the one module
 * every schema imports, so it is in force before the first schema exists – in the page, the
 * service worker and the server alike (tests/unit/architecture.test.ts keeps it the only way in).
 */
import { z } from 'zod';

z.config({ jitless: true });

export { z };
