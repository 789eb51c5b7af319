// Flow control under SIGKILL: a throttled function and a batched one (testing/crash-worker.ts: crash-paced,
// crash-batched) are fed events while their only worker process is killed at random moments and restarted.
// Asserted from the database afterwards:
//   - throttle: every event started exactly one run, every run completed, and the starts kept to the throttle
//     (at most limit + burst at once, then one per period / limit) across the kills — no run dropped or doubled;
//   - batching: every event was delivered in exactly one completed batch, no batch over maxSize;
//   - no step body executed while its memo existed, and a body ran twice only where a killed process ran it.
// The kill moments come from a seeded PRNG (EXEC_CRASH_SEED=<seed> reproduces; the seed is in the test name).
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { connect } from '../db/client.ts';
import { sleep } from '../db/embedded-postgres-stale.ts';
import { prng, seedFrom } from '../../shared/random/prng.ts';
import { cloneDatabase, dbTargets } from '../testing/db.ts';
import { durationMs } from './durations.ts';
import { Executor } from './executor.ts';
import { BATCH, CRASH_EFFECTS_TABLE, PACED, buildCrashApp } from './testing/crash-worker.ts';
import { WorkerProcess } from './testing/worker-process.ts';
import { inProcessTransport } from './transport.ts';

const KILLS = Number(process.env.EXEC_FLOW_CRASH_KILLS ?? 4);
const PACED_EVENTS = 160;
const BATCHED_EVENTS = 200;
const seed = seedFrom(process.env.EXEC_CRASH_SEED);

// One target keeps the file near a minute on a 2-core machine: the server when TEST_DATABASE_URL is set.
const targets = dbTargets();
const target = targets.find((t) => t.name !== 'embedded') ?? targets[0]!;

describe(`flow control survives SIGKILL on ${target.name} postgres`, () => {
  it(`a throttled and a batched workload, their worker SIGKILLed ${KILLS} times (seed ${seed}): no run dropped or doubled`, async () => {
    const rand = prng(seed);
    const clone = await cloneDatabase(target);
    const sql = postgres(clone.url, { max: 4, onnotice: () => {} });
    await sql.unsafe(CRASH_EFFECTS_TABLE);
    // The parent only sends (a synced, never started executor routes events while no worker lives).
    const parentDb = connect(clone.url, { max: 4 });
    const app = buildCrashApp({ databaseUrl: clone.url, worker: 'parent' });
    const parent = new Executor({ sql: parentDb.sql, transport: inProcessTransport({ client: app.inngest, functions: app.functions }) });
    await parent.sync();
    const killed = new Set<string>();
    let current: WorkerProcess | null = null;

    // Events arrive in small bursts throughout, whether or not a worker is alive.
    let sentPaced = 0;
    let sentBatched = 0;
    const feeding = (async () => {
      const feed = prng(seed + 7);
      while (sentPaced < PACED_EVENTS || sentBatched < BATCHED_EVENTS) {
        const p = Math.min(PACED_EVENTS - sentPaced, 1 + Math.floor(feed() * 8));
        const b = Math.min(BATCHED_EVENTS - sentBatched, 1 + Math.floor(feed() * 10));
        await parent.send([
          ...Array.from({ length: p }, (_, i) => ({ name: 'crash/paced', data: { key: `p${sentPaced + i}` } })),
          ...Array.from({ length: b }, (_, i) => ({ name: 'crash/batched', data: { key: `b${sentBatched + i}` } })),
        ]);
        sentPaced += p;
        sentBatched += b;
        await sleep(20 + Math.floor(feed() * 40)); // the pace of the feed, not a synchronisation
      }
    })();

    try {
      for (let cycle = 1; cycle <= KILLS; cycle++) {
        current = await new WorkerProcess(clone.url, `flow-${cycle}`).start();
        await sleep(150 + Math.floor(rand() * 1200)); // picks the kill moment
        await current.kill();
        killed.add(current.name);
      }
      await feeding;
      current = await new WorkerProcess(clone.url, 'flow-final').start();
      // Bounded wait: every event started its run (batches that were open have timed out) and every run ended.
      const deadline = Date.now() + 120_000;
      for (;;) {
        const [state] = await sql<{ running: number; open: number; pending: number }[]>`
          select (select count(*)::int from ember_exec.runs where status = 'running') as running,
                 (select count(*)::int from ember_exec.keys where kind = 'batch') as open,
                 (select count(*)::int from ember_exec.queue) as pending`;
        if (state!.running === 0 && state!.open === 0 && state!.pending === 0) break;
        expect(current.exited, `worker exited on its own:\n${current.stderr}`).toBe(false);
        if (Date.now() > deadline) throw new Error(`not drained: ${JSON.stringify(state)}`);
        await sleep(200);
      }
      await current.terminate();

      // Throttle: one completed run per event.
      const paced = await sql<{ key: string; runs: number; completed: number }[]>`
        select event->'data'->>'key' as key, count(*)::int as runs, count(*) filter (where status = 'completed')::int as completed
        from ember_exec.runs where function_slug = 'crash-crash-paced' group by 1`;
      expect(paced.length).toBe(PACED_EVENTS);
      expect(paced.filter((r) => r.runs !== 1 || r.completed !== 1)).toEqual([]);

      // The starts kept to the throttle: in any stretch of the (first-attempt) start times, no more than the burst
      // plus one per interval. The throttle is charged at the lease and a start is stamped as its SDK call begins, a
      // few ms later and not always in lease order, so a stretch may show up to 3 over; without the throttle the
      // 160 runs would start within a second or two, over by a hundred.
      const starts = (
        await sql<{ at: Date }[]>`
          select min(a.started_at) as at from ember_exec.attempts a join ember_exec.runs r on r.id = a.run_id
          where r.function_slug = 'crash-crash-paced' group by a.run_id order by 1`
      ).map((r) => new Date(r.at).getTime());
      const interval = durationMs(PACED.period) / PACED.limit;
      const capacity = PACED.limit + PACED.burst;
      let worst = 0;
      for (let i = 0; i < starts.length; i++) {
        for (let j = i; j < starts.length && starts[j]! - starts[i]! < 2_000; j++) {
          worst = Math.max(worst, j - i + 1 - (capacity + Math.floor((starts[j]! - starts[i]!) / interval)));
        }
      }
      expect(worst, 'starts over the throttle in some stretch').toBeLessThanOrEqual(3);

      // Batching: every event in exactly one completed batch, none over maxSize.
      const batches = await sql<{ status: string; output: string[] | null; size: number }[]>`
        select status, output, jsonb_array_length(coalesce(events, jsonb_build_array(event))) as size
        from ember_exec.runs where function_slug = 'crash-crash-batched'`;
      expect(batches.filter((b) => b.status !== 'completed')).toEqual([]);
      expect(Math.max(...batches.map((b) => b.size))).toBeLessThanOrEqual(BATCH.maxSize);
      const delivered = batches.flatMap((b) => b.output ?? []);
      expect(delivered.length).toBe(BATCHED_EVENTS);
      expect(new Set(delivered).size).toBe(BATCHED_EVENTS);

      // Step bodies: never after their memo existed; twice only where a killed worker ran them (in the order they ran:
      // only the last execution of a step may be a living worker's).
      const effects = await sql<{ runId: string; step: string; worker: string; memoExisted: boolean }[]>`
        select run_id as "runId", step, worker, memo_existed as "memoExisted" from crash_effects order by id`;
      expect(effects.filter((e) => e.memoExisted)).toEqual([]);
      type Execution = (typeof effects)[number];
      const byStep = new Map<string, Execution[]>();
      for (const e of effects) byStep.set(`${e.runId}/${e.step}`, [...(byStep.get(`${e.runId}/${e.step}`) ?? []), e]);
      const rerunWithoutKill = [...byStep.values()].filter((list) => list.length > 1 && !list.slice(0, -1).every((e) => killed.has(e.worker)));
      expect(rerunWithoutKill).toEqual([]);
      const reruns = [...byStep.values()].filter((l) => l.length > 1).length;
      console.log(
        `flow-control crash (${target.name}, seed ${seed}): ${KILLS} SIGKILLs; ${PACED_EVENTS} throttled runs all completed once ` +
          `(worst stretch ${worst} over the throttle); ${BATCHED_EVENTS} events in ${batches.length} batches, each delivered once; ${reruns} step bodies re-ran after a kill`,
      );
    } finally {
      await feeding.catch(() => {});
      await current?.terminate();
      await app.close();
      await parentDb.close();
      await sql.end({ timeout: 5 });
      await clone.drop();
    }
  }, 300_000);
});
