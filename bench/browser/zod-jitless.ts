/**
 * The app's page runs zod without eval: the server's CSP (script-src 'self') makes zod's eval
 * probe fail there. Code injected through DevTools passes that probe but may not eval later, so
 * the bench bundle turns the JIT off up front; validation then runs as it does in the app. Imported
 * first by entry.ts, because zod decides per schema when the schema is created.
 */
import { z } from 'zod';

z.config({ jitless: true });
