#!/usr/bin/env node
/**
 * The whole test suite: unit, database (embedded Postgres, plus TEST_DATABASE_URL when set), crash, and browser.
 * Installs Debian's chromium first when it is missing (root only; otherwise says how), and ends with one line
 * `N passed, N failed` summed over every vitest project.
 */
import { spawn, spawnSync } from 'node:child_process';
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
// Both run beside the vitest projects, at a lower priority (they only need spare CPU, and most of the suite waits on
// Postgres, timers and child processes), their output held and printed after the tests.
const whole = process.argv.length <= 2;
const runCheck = (name, cmd, args) =>
  new Promise((resolve) => {
    const child = spawn('nice', ['-n', '10', cmd, ...args], { env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', (err) => resolve({ name, status: 1, out: `${out}${err.message}\n` }));
    child.on('close', (status) => resolve({ name, status, out }));
  });
const checksP = whole
  ? Promise.all([
      runCheck('typecheck', 'npx', ['tsc', '--noEmit', '-p', '.']),
      runCheck('house rules', 'npx', ['depcruise', 'client', 'server', 'shared', 'drizzle', '--config', '.dependency-cruiser.cjs', '--output-type', 'err']),
    ])
  : Promise.resolve([]);

const report = path.join(root, 'test-results', 'vitest.json');
fs.mkdirSync(path.dirname(report), { recursive: true });
fs.rmSync(report, { force: true });
const args = ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)];
const run = await new Promise((resolve) => {
  const child = spawn('npx', args, { stdio: 'inherit', env: process.env });
  child.on('error', () => resolve({ status: 1 }));
  child.on('close', (status) => resolve({ status }));
});
const checks = await checksP;
for (const c of checks) {
  if (c.out.trim()) process.stdout.write(c.out);
  console.log(`${c.name}: ${c.status === 0 ? 'passed' : 'failed'}`);
}

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
for (const c of checks) c.status === 0 ? passed++ : failed++;
console.log(`${passed} passed, ${failed} failed`);
process.exit(run.status === 0 && failed === 0 ? 0 : 1);
