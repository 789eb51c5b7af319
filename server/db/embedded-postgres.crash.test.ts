// SIGKILL crash suite: a child commits numbered rows through the supervisor and is killed at a random moment,
// including in the middle of its first initdb. After every kill: no postgres survives it, the next start
// succeeds, every acknowledged commit is there and every two-statement transaction is all-or-nothing.
// Reproduce a run with CRASH_SEED=<seed>; CRASH_CYCLES changes the cycle count (default 20, to keep CI within its time).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { afterAll, expect, it } from 'vitest';
import { startEmbeddedPostgres } from './embedded-postgres.ts';
import { processesUsing, sleep, waitFor } from './embedded-postgres-stale.ts';
import { prng } from '../../shared/random/prng.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const root = path.join(repoRoot, '.data', 'test-tmp', `crash-${randomBytes(4).toString('hex')}`);
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const CYCLES = Number(process.env.CRASH_CYCLES ?? 20);
const INITDB_CYCLES = 5;
const seed = Number(process.env.CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));


interface Run { reported: number[]; ready: boolean; initdbKill: boolean; stderr: string }

/** Spawns the child and SIGKILLs it `delayMs` after spawn, or after it begins initdb when `duringInitdb`. */
async function runAndKill(dataDir: string, delayMs: number, duringInitdb: boolean): Promise<Run> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'server/db/crash-child.ts'), dataDir], {
    cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const run: Run = { reported: [], ready: false, initdbKill: false, stderr: '' };
  let out = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d;
    const lines = out.split('\n');
    out = lines.pop()!;
    for (const l of lines) {
      if (l.startsWith('C ')) run.reported.push(Number(l.slice(2)));
      else if (l.startsWith('READY')) run.ready = true;
    }
  });
  child.stderr.on('data', (d: Buffer) => { run.stderr += d; });
  let exited = false;
  const exitP = new Promise<void>((r) => child.once('exit', () => { exited = true; r(); }));
  if (duringInitdb) {
    const initdbBegan = () => run.stderr.includes('initializing a new PostgreSQL cluster');
    await waitFor(() => initdbBegan() || exited, 15_000, 2);
    expect(exited, `child died before initdb:\n${run.stderr}`).toBe(false);
  }
  // The sleeps here pick the kill moment; they are not standing in for synchronization.
  await Promise.race([sleep(delayMs), exitP]);
  expect(exited, `child exited on its own:\n${run.stderr.slice(-3000)}`).toBe(false);
  run.initdbKill = duringInitdb && !run.stderr.includes('ready on 127.0.0.1');
  child.kill('SIGKILL');
  await exitP;
  return run;
}

interface Verified { rows: number; maxN: number }

async function verify(dataDir: string, reported: number[]): Promise<Verified> {
  const pg = await startEmbeddedPostgres({ dataDir });
  const sql = postgres(pg.url, { max: 1, onnotice: () => {} });
  try {
    const [{ exists } = { exists: false }] = await sql<{ exists: boolean }[]>`select to_regclass('state') is not null as exists`;
    if (!exists) {
      expect(reported).toEqual([]);
      return { rows: 0, maxN: 0 };
    }
    const ns = (await sql<{ n: number }[]>`select n from events order by n`).map((r) => r.n);
    const have = new Set(ns);
    const missing = reported.filter((n) => !have.has(n));
    expect(missing, 'acknowledged commits lost').toEqual([]);
    const maxN = ns.at(-1) ?? 0;
    expect(ns.length, 'numbers are contiguous').toBe(maxN);
    const [state] = await sql<{ last: number }[]>`select last from state where id = 1`;
    expect(state?.last, 'insert and update committed together').toBe(maxN);
    // At most the one commit in flight at the kill may be durable without having been printed.
    expect(maxN - (reported.at(-1) ?? maxN)).toBeLessThanOrEqual(1);
    return { rows: ns.length, maxN };
  } finally {
    await sql.end();
    await pg.stop();
  }
}

/** The kernel's parent-death signal must stop postgres once its Node parent is gone; backends follow the postmaster. */
async function expectNoSurvivors(dataDir: string, cycle: number): Promise<void> {
  await waitFor(() => processesUsing(dataDir).length === 0, 5_000, 50);
  expect(processesUsing(dataDir), `cycle ${cycle}: processes outlived the killed child`).toEqual([]);
}

it(`survives ${CYCLES} SIGKILL cycles without losing commits (seed ${seed})`, async () => {
  console.log(`crash suite seed=${seed} cycles=${CYCLES} (rerun with CRASH_SEED=${seed})`);
  const rand = prng(seed);
  const t0 = Date.now();
  let acknowledged = 0, beforeReady = 0, initdbKills = 0, abandonedInits = 0, rows = 0;
  for (let cycle = 1; cycle <= CYCLES; cycle++) {
    const inInitdb = cycle <= INITDB_CYCLES;
    // Each initdb cycle gets a fresh dir so the kill can land in a first init; the rest share one long-lived dir.
    const dataDir = path.join(root, inInitdb ? `initdb-${cycle}` : 'main');
    const delay = Math.round(rand() * (inInitdb ? 400 : 1500));
    const run = await runAndKill(dataDir, delay, inInitdb);
    await expectNoSurvivors(dataDir, cycle);
    if (inInitdb) {
      // Atomic init: `pg` is either absent or a complete cluster, whatever the moment of the kill.
      const cluster = path.join(dataDir, 'pg');
      if (fs.existsSync(cluster)) expect(fs.existsSync(path.join(cluster, 'global', 'pg_control'))).toBe(true);
      if (fs.readdirSync(dataDir).some((n) => n.startsWith('pg.init-'))) abandonedInits++;
      if (run.initdbKill) initdbKills++;
    }
    const v = await verify(dataDir, run.reported);
    expect(fs.readdirSync(dataDir).filter((n) => n.startsWith('pg.init-'))).toEqual([]);
    await expectNoSurvivors(dataDir, cycle);
    acknowledged += run.reported.length;
    if (!run.ready) beforeReady++;
    if (!inInitdb) rows = v.rows;
  }
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  console.log(`crash suite: ${CYCLES} cycles in ${seconds} s; ${acknowledged} acknowledged commits all present (${rows} rows in the shared dir); ` +
    `${beforeReady} kills before READY; ${initdbKills}/${INITDB_CYCLES} kills during initdb left ${abandonedInits} abandoned init dirs, all cleaned up`);
  expect(initdbKills).toBeGreaterThan(0);
}, 300_000);
