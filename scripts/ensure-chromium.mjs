#!/usr/bin/env node
// Makes sure Debian's Chromium is at /usr/bin/chromium before the end-to-end tests run
// (playwright-core drives that binary; no browser is downloaded). Installs it with apt-get when
// running as root (CI containers), otherwise explains how to install it and exits with 1.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = '/usr/bin/chromium';

if (existsSync(CHROMIUM)) {
  process.exit(0);
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

if (!isRoot) {
  console.error(
    [
      `Chromium was not found at ${CHROMIUM}; the end-to-end tests need it.`,
      'Install it (Debian/Ubuntu) and run the tests again:',
      '  sudo apt-get update && sudo apt-get install -y chromium',
      '',
      `Chromium hittades inte på ${CHROMIUM}; end-to-end-testerna behöver den.`,
      'Installera den (Debian/Ubuntu) och kör testerna igen:',
      '  sudo apt-get update && sudo apt-get install -y chromium',
    ].join('\n'),
  );
  process.exit(1);
}

/** Runs an apt-get command with its output streamed and no prompts (CI has no stdin). */
function aptGet(args) {
  console.log(`$ apt-get ${args.join(' ')}`);
  const result = spawnSync('apt-get', args, {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.error) {
    console.error(`Could not run apt-get / Kunde inte köra apt-get: ${result.error.message}`);
    process.exit(1);
  }
  if (result.status !== 0) {
    console.error(`apt-get ${args[0]} failed with exit code ${result.status} / misslyckades.`);
    process.exit(result.status ?? 1);
  }
}

console.log(`Chromium missing at ${CHROMIUM}; installing it with apt-get.`);
aptGet(['update']);
aptGet(['install', '-y', 'chromium']);

if (!existsSync(CHROMIUM)) {
  console.error(`apt-get finished but ${CHROMIUM} still does not exist / finns fortfarande inte.`);
  process.exit(1);
}
console.log(`Chromium installed at ${CHROMIUM}.`);
