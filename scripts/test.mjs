#!/usr/bin/env node
/**
 * The whole test suite: unit, database (embedded Postgres, plus TEST_DATABASE_URL when set), crash, and browser.
 * Installs Debian's chromium first when it is missing (root only; otherwise says how), and ends with one line
 * `N passed, N failed` summed over every vitest project.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
process.chdir(root);

if (!fs.existsSync('/usr/bin/chromium')) {
  if (process.getuid?.() === 0) {
    console.log('Installing Debian chromium for the browser tests…');
    const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    const install = update.status === 0 && spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (!install || install.status !== 0) console.error('Could not install chromium; the browser tests will fail.');
  } else {
    console.error('chromium is missing: run `sudo apt-get install -y chromium`; the browser tests will fail without it.');
  }
}

// The typecheck is a test too: the event catalog's compile-time guarantees (shared/events/catalog.typetest.ts) and
// every contract's types are only proven by tsc. Skipped when a subset of the tests is asked for.
// The house rules (.dependency-cruiser.cjs) likewise: a wrong-way import fails the run with the rule's name.
const whole = process.argv.length <= 2;
const checks = whole
  ? [
      ['typecheck', spawnSync('npx', ['tsc', '--noEmit', '-p', '.'], { stdio: 'inherit', env: process.env })],
      ['house rules', spawnSync('npx', ['depcruise', 'client', 'server', 'shared', 'drizzle', '--config', '.dependency-cruiser.cjs', '--output-type', 'err'], { stdio: 'inherit', env: process.env })],
    ]
  : [];
for (const [name, r] of checks) console.log(`${name}: ${r.status === 0 ? 'passed' : 'failed'}`);

const report = path.join(root, 'test-results', 'vitest.json');
fs.mkdirSync(path.dirname(report), { recursive: true });
fs.rmSync(report, { force: true });
const args = ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)];
const run = spawnSync('npx', args, { stdio: 'inherit', env: process.env });

let passed = 0;
let failed = 0;
if (fs.existsSync(report)) {
  const json = JSON.parse(fs.readFileSync(report, 'utf8'));
  passed = json.numPassedTests ?? 0;
  failed = (json.numFailedTests ?? 0) + (json.numTotalTestSuites === 0 ? 1 : 0);
  // A file that failed to load has no tests but still failed.
  failed += (json.testResults ?? []).filter((r) => r.status === 'failed' && (r.assertionResults ?? []).length === 0).length;
} else {
  failed = 1;
}
for (const [, r] of checks) r.status === 0 ? passed++ : failed++;
console.log(`${passed} passed, ${failed} failed`);
process.exit(run.status === 0 && failed === 0 ? 0 : 1);
