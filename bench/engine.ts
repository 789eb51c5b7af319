/**
 * `npm run bench:engine`: the embedded executor driving an in-process Inngest app, on the embedded Postgres and on
 * the server, with the executor's default options (concurrency 16, 30 s leases, 1 s poll) and async checkpointing on
 * (consecutive steps in one SDK call, server/executor/checkpoint.ts):
 *   (a) sustained steps per second with BENCH_RUNS (≥ 200) runs of 5 trivial steps in flight, all sent at once,
 *       counted from the send until the last run ended; then with a second executor process on the same database
 *       (engine-worker.ts); then with checkpointing off (a call per step);
 *   (b) one run at a time (BENCH_SAMPLES ≥ 50 runs): event → first step body start (from just before `send()`), and
 *       one step body's end → the next step body's start (4 gaps a run), timed inside the step bodies.
 * Before the result it prints where the time goes: SQL statements per step (counted with postgres.js' debug hook),
 * SDK calls per step and their in-process cost, the executor process's CPU per step, and a bare round trip.
 * BENCH_TARGETS=embedded|server limits the targets (e.g. for a --cpu-prof run).
 * Last line: {"embedded":{"steps_per_s","event_to_start_ms":{"p50","p99"},"step_to_step_ms":{"p50","p99"},"steps_per_s_no_checkpoint",
 *  "two_process_steps_per_s"},"server":{…}}
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { Executor } from '../server/executor/executor.ts';
import { inProcessTransport, type SdkTransport } from '../server/executor/transport.ts';
import { buildApp, STEPS, type Marks } from './engine-app.ts';
import { percentile, timeIt } from './stats.ts';
import { embeddedTarget, serverTarget, type BenchDb } from './targets.ts';

const RUNS = Math.max(200, Number(process.env.BENCH_RUNS ?? 250));
const SAMPLES = Math.max(50, Number(process.env.BENCH_SAMPLES ?? 60));
/** A transport that times every SDK call. */
function timed(inner: SdkTransport, stats: { calls: number; ms: number }): SdkTransport {
  return {
    url: inner.url,
    sync: () => inner.sync(),
    call: async (q, body, headers) => {
      const t0 = performance.now();
      try {
        return await inner.call(q, body, headers);
      } finally {
        stats.calls++;
        stats.ms += performance.now() - t0;
      }
    },
  };
}

async function measure(target: BenchDb) {
  let queries = 0;
  let byStatement: Map<string, number> | null = null;
  const statementKey = (q: string) => q.replace(/\s+/g, ' ').trim().slice(0, 60);
  // The project's client shape (drizzle installs its (de)serialisers on the pool), as the app runs the executor.
  const sql = postgres(target.url, {
    max: 10,
    onnotice: () => {},
    debug: (_conn, query) => {
      queries++;
      if (byStatement) byStatement.set(statementKey(query), (byStatement.get(statementKey(query)) ?? 0) + 1);
    },
  });
  drizzle(sql);
  let executor: Executor | null = null;
  const app = buildApp(() => executor!);
  const sdk = { calls: 0, ms: 0 };
  const transport = timed(inProcessTransport({ client: app.inngest, functions: app.functions }), sdk);
  executor = new Executor({ sql, transport, checkpointing: true });
  await executor.start();
  let ex = executor;
  const log = (line: string) => console.log(`[${target.name}] ${line}`);
  try {
    const rtt = await timeIt(50, () => sql`select 1`);

    /** One run, alone: resolves with its marks and when `send` was called. */
    const oneRun = async (key: string) => {
      const m: Marks = { start: [], end: [] };
      app.marks.set(key, m);
      const ended = new Promise<string>((resolve) => {
        const off = ex.onRunEnded((_id, status) => {
          off();
          resolve(status);
        });
      });
      const sentAt = performance.now();
      await ex.send({ name: 'bench/chain', data: { key } });
      const status = await ended;
      if (status !== 'completed' || m.start.length !== STEPS) throw new Error(`run ${key} ${status} with ${m.start.length} steps`);
      app.marks.delete(key);
      return { sentAt, m };
    };

    // Warm up (JIT, connection pool, plan caches), then latency one run at a time.
    for (let i = 0; i < 10; i++) await oneRun(`warm-${i}`);
    const toStart: number[] = [];
    const stepToStep: number[] = [];
    const q0 = queries;
    const c0 = sdk.calls;
    const s0 = sdk.ms;
    for (let i = 0; i < SAMPLES; i++) {
      const { sentAt, m } = await oneRun(`lat-${i}`);
      toStart.push(m.start[0]! - sentAt);
      for (let j = 1; j < STEPS; j++) stepToStep.push(m.start[j]! - m.end[j - 1]!);
    }
    const latSteps = SAMPLES * STEPS;
    log(`one run at a time: ${((queries - q0) / latSteps).toFixed(1)} SQL statements per step (incl. the event), ${((sdk.calls - c0) / latSteps).toFixed(2)} SDK calls per step at ${((sdk.ms - s0) / (sdk.calls - c0)).toFixed(2)} ms each; bare round trip p50 ${percentile(rtt, 50)} ms`);

    /** Sustained throughput: RUNS runs sent at once. */
    const throughput = async (label: string, prefix: string) => {
      let done = 0;
      let failed = 0;
      let allDone: () => void = () => {};
      const finished = new Promise<void>((r) => { allDone = r; });
      const off = ex.onRunEnded((_id, status) => {
        if (status !== 'completed') failed++;
        if (++done === RUNS) allDone();
      });
      const q1 = queries;
      byStatement = new Map();
      const c1 = sdk.calls;
      const ms1 = sdk.ms;
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      await ex.send(Array.from({ length: RUNS }, (_, i) => ({ name: 'bench/chain', data: { key: `${prefix}-${i}` } })));
      await finished;
      const wall = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      off();
      if (failed) throw new Error(`${failed} of ${RUNS} runs did not complete`);
      const [row] = await sql<{ n: number }[]>`select count(*)::int n from ember_exec.steps s join ember_exec.runs r on r.id = s.run_id where r.event->'data'->>'key' like ${`${prefix}-%`}`;
      if (row!.n !== RUNS * STEPS) throw new Error(`expected ${RUNS * STEPS} memoised steps, found ${row!.n}`);
      const steps = RUNS * STEPS;
      const stepsPerS = Math.round((steps / wall) * 1000 * 10) / 10;
      log(
        `${label}: ${RUNS} runs in flight: ${steps} steps in ${(wall / 1000).toFixed(2)} s = ${stepsPerS} steps/s; per step ${((queries - q1) / steps).toFixed(1)} SQL statements, ` +
          `${((sdk.calls - c1) / steps).toFixed(2)} SDK calls (${((sdk.ms - ms1) / (sdk.calls - c1)).toFixed(2)} ms each, wall, under load), ` +
          `executor process CPU ${((cpu.user + cpu.system) / 1000 / steps).toFixed(2)} ms (${Math.round(((cpu.user + cpu.system) / 1000 / wall) * 100)}% of a core)`,
      );
      const top = [...byStatement.entries()].sort((a, b) => b[1] - a[1]).map(([q, n]) => `${(n / steps).toFixed(2)}× ${q}`);
      byStatement = null;
      log(`${label}: SQL statements per step under load:\n    ${top.join('\n    ')}`);
      return stepsPerS;
    };
    const stepsPerS = await throughput('checkpointing on', 'tp');
    const twoProcess = await twoProcesses(sql, target.url, ex, log);

    // The same with checkpointing off: another executor on the same database and app, warmed up the same way.
    await ex.stop();
    executor = new Executor({ sql, transport, checkpointing: false });
    await executor.start();
    ex = executor;
    for (let i = 0; i < 10; i++) await oneRun(`warm-off-${i}`);
    const noCheckpoint = await throughput('checkpointing off', 'tq');
    return {
      steps_per_s: stepsPerS,
      event_to_start_ms: { p50: percentile(toStart, 50), p99: percentile(toStart, 99) },
      step_to_step_ms: { p50: percentile(stepToStep, 50), p99: percentile(stepToStep, 99) },
      steps_per_s_no_checkpoint: noCheckpoint,
      two_process_steps_per_s: twoProcess,
    };
  } finally {
    await ex.stop();
    await sql.end({ timeout: 5 });
  }
}

/**
 * Sustained steps/s with a second executor process (engine-worker.ts) on the same database beside this one: RUNS
 * runs sent at once, counted until the database says every one completed (either process may have run any of them).
 */
async function twoProcesses(sql: postgres.Sql, url: string, ex: Executor, log: (line: string) => void): Promise<number> {
  const worker = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'engine-worker.ts'), url], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    await new Promise<void>((resolve, reject) => {
      worker.once('exit', (code) => reject(new Error(`the second executor exited (${code}) before it was ready`)));
      worker.stdout!.on('data', (d: Buffer) => { if (d.toString().includes('ready')) resolve(); });
    });
    const completed = async (prefix: string) =>
      (await sql<{ n: number }[]>`select count(*)::int n from ember_exec.runs where status = 'completed' and event->'data'->>'key' like ${`${prefix}-%`}`)[0]!.n;
    const batch = async (prefix: string, n: number) => {
      const t0 = performance.now();
      await ex.send(Array.from({ length: n }, (_, i) => ({ name: 'bench/chain', data: { key: `${prefix}-${i}` } })));
      while ((await completed(prefix)) < n) await new Promise((r) => setTimeout(r, 10));
      return performance.now() - t0;
    };
    await batch('warm-2p', 20); // both processes warm (JIT, pools)
    const wall = await batch('t2', RUNS);
    const [row] = await sql<{ n: number }[]>`
      select count(*)::int n from ember_exec.steps s join ember_exec.runs r on r.id = s.run_id where r.event->'data'->>'key' like 't2-%'`;
    if (row!.n !== RUNS * STEPS) throw new Error(`expected ${RUNS * STEPS} memoised steps, found ${row!.n}`);
    const stepsPerS = Math.round(((RUNS * STEPS) / wall) * 1000 * 10) / 10;
    log(`two executor processes: ${RUNS} runs in flight: ${row!.n} steps in ${(wall / 1000).toFixed(2)} s = ${stepsPerS} steps/s`);
    return stepsPerS;
  } finally {
    worker.kill('SIGTERM');
    await new Promise((r) => (worker.exitCode !== null ? r(null) : worker.once('exit', r)));
  }
}

const only = process.env.BENCH_TARGETS?.split(',');
const result: Record<string, unknown> = {};
for (const make of [embeddedTarget, serverTarget]) {
  if (only && !only.includes(make === embeddedTarget ? 'embedded' : 'server')) continue;
  const target = await make();
  if (!target) continue;
  try {
    result[target.name] = await measure(target);
  } finally {
    await target.dispose();
  }
}
console.log(JSON.stringify(result));
