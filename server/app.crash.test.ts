// SIGKILL the whole app process (embedded Postgres + migrations + seed + HTTP) at random moments, the first
// kills landing inside its very first start. After each: no postgres outlives it, the next start succeeds, and
// every workflow the server acknowledged over HTTP is in the database. Reproduce with APP_CRASH_SEED=<seed>.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, expect, it } from 'vitest';
import { startEmbeddedPostgres } from './db/embedded-postgres.ts';
import { processesUsing, sleep, waitFor } from './db/embedded-postgres-stale.ts';
import { prng } from '../shared/random/prng.ts';

const repoRoot = path.resolve(import.meta.dirname, '..');
const root = path.join(repoRoot, '.data', 'test-tmp', `app-crash-${randomBytes(4).toString('hex')}`);
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const CYCLES = Number(process.env.APP_CRASH_CYCLES ?? 16);
const seed = Number(process.env.APP_CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));


/** Kills `delayMs` after spawn, or — with `afterReady` — that long after the app said READY. */
async function runAndKill(dataDir: string, delayMs: number, from: number, afterReady = false) {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'server/app-crash-child.ts'), dataDir, String(from)], {
    cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const acked: number[] = [];
  let ready = false;
  let onReady: (() => void) | null = null;
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d;
    const lines = out.split('\n');
    out = lines.pop()!;
    for (const l of lines) {
      if (l.startsWith('C ')) acked.push(Number(l.slice(2)));
      else if (l === 'READY') {
        ready = true;
        onReady?.();
      }
    }
  });
  child.stderr.on('data', (d: Buffer) => { err += d; });
  let exited = false;
  const exitP = new Promise<void>((r) => child.once('exit', () => { exited = true; r(); }));
  if (afterReady && !ready) await Promise.race([new Promise<void>((r) => (onReady = r)), exitP]);
  // The sleep picks the kill moment; it is not standing in for synchronisation.
  await Promise.race([sleep(delayMs), exitP]);
  expect(exited, `the app exited on its own:\n${err.slice(-3000)}`).toBe(false);
  child.kill('SIGKILL');
  await exitP;
  return { acked, ready };
}

async function acknowledgedPresent(dataDir: string, acked: number[]): Promise<number> {
  const pg = await startEmbeddedPostgres({ dataDir });
  const sql = postgres(pg.url, { max: 1, onnotice: () => {} });
  try {
    const exists = (await sql<{ e: boolean }[]>`select to_regclass('workflows') is not null as e`)[0]!.e;
    if (!exists) {
      expect(acked).toEqual([]);
      return 0;
    }
    const names = new Set((await sql<{ name: string }[]>`select name from workflows where name like 'crash-%'`).map((r) => r.name));
    expect(acked.filter((n) => !names.has(`crash-${n}`)), 'acknowledged workflows lost').toEqual([]);
    return names.size;
  } finally {
    await sql.end();
    await pg.stop();
  }
}

it(`the app survives ${CYCLES} SIGKILLs at random moments, from its very first start (seed ${seed})`, async () => {
  const rand = prng(seed);
  const dataDir = path.join(root, 'data');
  let acknowledged = 0, beforeReady = 0, next = 0, stored = 0;
  for (let cycle = 1; cycle <= CYCLES; cycle++) {
    // Early kills hit the first start (initdb, migrations, seed); later ones land anywhere in a start (one in
    // three) or among the writes (two in three, timed from READY so a slow start on a busy machine still writes).
    const duringStart = cycle <= 5 || rand() < 1 / 3;
    const delay = Math.round(duringStart ? rand() * (cycle <= 5 ? 1200 : 3000) : rand() * 1500);
    const run = await runAndKill(dataDir, delay, next, !duringStart);
    await waitFor(() => processesUsing(dataDir).length === 0, 5_000, 50);
    expect(processesUsing(dataDir), `cycle ${cycle}: postgres outlived the app`).toEqual([]);
    stored = await acknowledgedPresent(dataDir, run.acked);
    acknowledged += run.acked.length;
    if (!run.ready) beforeReady++;
    next = Math.max(next, ...run.acked) + 1000; // fresh names each cycle, so nothing is mistaken for an old row
  }
  console.log(`app crash suite seed=${seed}: ${CYCLES} kills, ${beforeReady} before the app was ready, ${acknowledged} acknowledged writes all present (${stored} stored)`);
  expect(beforeReady).toBeGreaterThan(0);
  expect(acknowledged).toBeGreaterThan(0);
}, 600_000);
