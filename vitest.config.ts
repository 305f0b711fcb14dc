import { defineConfig } from 'vitest/config';

// Unit and integration tests. The end-to-end suite has its own config (vitest.e2e.config.ts)
// because it needs a built app and a real browser.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          // A guard against hangs, not a speed check: the property tests with brute-force oracles
          // take half a second alone and several on a loaded shared machine.
          testTimeout: 30_000,
        },
      },
      {
        esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
        test: {
          name: 'ui',
          include: ['tests/unit/**/*.test.tsx'],
          environment: 'happy-dom',
          setupFiles: ['fake-indexeddb/auto'],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['fake-indexeddb/auto'],
          testTimeout: 30_000,
        },
      },
      {
        // The whole server suite again on a real PostgreSQL: a throwaway cluster started by the
        // global set-up (installed with apt-get first when missing and running as root), one
        // database per test server copied from a migrated template (tests/helpers/test-database.ts).
        test: {
          name: 'server-postgres',
          include: ['tests/integration/server/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['fake-indexeddb/auto'],
          globalSetup: ['tests/helpers/postgres-global-setup.ts'],
          testTimeout: 30_000,
        },
      },
    ],
  },
});
