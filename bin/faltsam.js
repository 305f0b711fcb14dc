#!/usr/bin/env node
// `npx faltsam …` in a clone after `npm ci`: runs the TypeScript command through tsx, as `npm
// start` runs the server. The command itself is src/server/cli/main.ts.
import { register } from 'tsx/esm/api';

register();
await import('../src/server/cli/bin.ts');
