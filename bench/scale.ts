/**
 * `npm run bench:scale`: what waiting costs. BENCH_PAUSED (default 10,000) runs of one function wait in
 * `step.waitForEvent('w', {event: 'scale/resume', if: 'async.data.k == event.data.k'})` on the machine's server
 * (BENCH_TARGETS=embedded for the embedded Postgres instead). Measured:
 *   - rss_growth_mb: the executor process's resident memory after GC with every run waiting, minus before;
 *   - idle_cpu_pct: the process's CPU over 5 s with everything waiting and nothing arriving;
 *   - resume_one_ms_at_10k: median of 50 single resume events (send → its transaction committed) with the rest
 *     still waiting;
 *   - resolve_all_s: resume events for all the others, in batches of 500 sent 4 at a time, until every run ended.
 * Last line: {"server":{"paused_runs","rss_growth_mb","idle_cpu_pct","resolve_all_s","resume_one_ms_at_10k"}}
 */
import { Inngest } from 'inngest';
import postgres from 'postgres';
import { eventApiFetch } from '../server/executor/event-api.ts';
import { Executor } from '../server/executor/executor.ts';
import { inProcessTransport } from '../server/executor/transport.ts';
import { percentile } from './stats.ts';
import { embeddedTarget, serverTarget, type BenchDb } from './targets.ts';

const PAUSED = Math.max(1000, Number(process.env.BENCH_PAUSED ?? 10_000));
const SINGLES = 50;

const gc = () => (globalThis as { gc?: () => void }).gc?.();
const rssMb = () => {
  gc();
  return process.memoryUsage().rss / 1024 / 1024;
};

async function until(what: string, fn: () => Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await fn())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function measure(target: BenchDb) {
  const log = (line: string) => console.log(`[${target.name}] ${line}`);
  const sql = postgres(target.url, { max: 10, onnotice: () => {} });
  let executor: Executor | null = null;
  const inngest = new Inngest({ id: 'scale', isDev: true, baseUrl: 'http://executor.internal', fetch: (i, init) => eventApiFetch(executor!)(i, init), logger: { info() {}, warn() {}, error() {}, debug() {} } });
  const waiter = inngest.createFunction({ id: 'waiter', triggers: [{ event: 'scale/start' }] }, async ({ step }) => {
    const got = await step.waitForEvent('w', { event: 'scale/resume', if: 'async.data.k == event.data.k', timeout: '1h' });
    return got ? 'resumed' : 'timed out';
  });
  executor = new Executor({ sql, transport: inProcessTransport({ client: inngest, functions: [waiter] }) });
  await executor.start();
  const ex = executor;
  const count = async (q: string) => Number((await sql.unsafe(q))[0]!.n);
  try {
    const before = rssMb();
    for (let i = 0; i < PAUSED; i += 500) {
      await ex.send(Array.from({ length: Math.min(500, PAUSED - i) }, (_, j) => ({ name: 'scale/start', data: { k: `k${i + j}` } })));
    }
    await until(`${PAUSED} runs wait`, async () => (await count(`select count(*)::int n from ember_exec.pauses`)) >= PAUSED, 600_000);
    const rssGrowth = rssMb() - before;
    log(`${PAUSED} runs waiting; RSS growth after GC ${rssGrowth.toFixed(1)} MB`);

    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, 5000)); // the idle window being measured
    const cpu = process.cpuUsage(cpu0);
    const idleCpu = ((cpu.user + cpu.system) / 1000 / (performance.now() - t0)) * 100;
    log(`idle CPU over 5 s: ${idleCpu.toFixed(2)} % of a core`);

    const singles: number[] = [];
    for (let i = 0; i < SINGLES; i++) {
      const s = performance.now();
      await ex.send({ name: 'scale/resume', data: { k: `k${i}` } });
      singles.push(performance.now() - s);
    }
    log(`one resume with ${PAUSED - SINGLES}+ waiting: p50 ${percentile(singles, 50)} ms, p99 ${percentile(singles, 99)} ms`);

    const r0 = performance.now();
    const batches: number[][] = [];
    for (let i = SINGLES; i < PAUSED; i += 500) batches.push(Array.from({ length: Math.min(500, PAUSED - i) }, (_, j) => i + j));
    for (let b = 0; b < batches.length; b += 4) {
      await Promise.all(batches.slice(b, b + 4).map((batch) => ex.send(batch.map((i) => ({ name: 'scale/resume', data: { k: `k${i}` } })))));
    }
    await until('every run ended', async () => (await count(`select count(*)::int n from ember_exec.runs where status = 'running'`)) === 0, 900_000);
    const resolveAll = (performance.now() - r0) / 1000;
    const resumed = await count(`select count(*)::int n from ember_exec.runs where output = '"resumed"'::jsonb`);
    if (resumed !== PAUSED) throw new Error(`${resumed} of ${PAUSED} runs were resumed by their event`);
    log(`all ${PAUSED - SINGLES} others resumed and ended in ${resolveAll.toFixed(1)} s`);
    return {
      paused_runs: PAUSED,
      rss_growth_mb: Math.round(rssGrowth * 10) / 10,
      idle_cpu_pct: Math.round(idleCpu * 100) / 100,
      resolve_all_s: Math.round(resolveAll * 10) / 10,
      resume_one_ms_at_10k: percentile(singles, 50),
    };
  } finally {
    await ex.stop();
    await sql.end({ timeout: 5 });
  }
}

const only = process.env.BENCH_TARGETS?.split(',') ?? ['server'];
const result: Record<string, unknown> = {};
for (const make of [serverTarget, embeddedTarget]) {
  const target = await make();
  if (!target || !only.includes(target.name)) {
    await target?.dispose();
    continue;
  }
  try {
    result[target.name] = await measure(target);
  } finally {
    await target.dispose();
  }
}
console.log(JSON.stringify(result));
