import { defineConfig } from 'vitest/config';

// End-to-end tests: the built app (dist/, built by `vite build` before this runs) served by the real
// server, driven in Debian's Chromium through playwright-core. One file at a time, because each
// file owns a server and a browser; no retries, so a flaky test is a failing test.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    retry: 0,
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    teardownTimeout: 120_000,
  },
});
