// Async checkpointing (checkpoint.ts) under SIGKILL, with aimed kills rather than random ones: a worker process
// (testing/crash-worker.ts, checkpointing on) runs crash-straight (four steps in a row, each value feeding the next,
// so all four run in one SDK call) and holds one step's checkpoint (CRASH_CHECKPOINT_HOLD), and the test kills it
// there:
//   - before: the step body ran, its checkpoint never reached the executor. Nothing was recorded, so the step runs
//     again after the restart (at-least-once);
//   - after: the executor recorded the checkpoint and answered, the SDK never heard. The step never runs again.
// Other runs of the same worker are cut wherever they are at that moment. Then a last worker drains everything.
// The first held call is left hanging for twice the lease term first: the heartbeat keeps its lease meanwhile.
// Asserted from the database: every run completed with the output its input implies, no step body ran once its memo
// existed, each run's memos are in step order, and each held step ran exactly as often as its aim implies.
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { connect } from '../db/client.ts';
import { sleep } from '../db/embedded-postgres-stale.ts';
import { cloneDatabase, dbTargets } from '../testing/db.ts';
import { Executor } from './executor.ts';
import { hashStepId } from './ids.ts';
import { CRASH_EFFECTS_TABLE, STRAIGHT_STEPS, buildCrashApp, straightOutput } from './testing/crash-worker.ts';
import { WorkerProcess } from './testing/worker-process.ts';
import { inProcessTransport } from './transport.ts';

/** Each kill's aim: where the worker holds, and on which step. */
const AIMS = [
  { when: 'before', step: 't2' },
  { when: 'after', step: 't2' },
  { when: 'before', step: 't4' },
  { when: 'after', step: 't3' },
] as const;
/** Runs sent per cycle: the first to reach the aimed step is held, the others are cut wherever they are. */
const RUNS_PER_CYCLE = 4;

// One target is enough for aimed kills: the server when TEST_DATABASE_URL is set, else the embedded one.
const target = dbTargets().find((t) => t.name === 'server') ?? dbTargets()[0]!;

describe(`async checkpointing survives SIGKILL on ${target.name} postgres`, () => {
  it(`${AIMS.length} kills, each between a step body and its checkpoint's answer or just after it: no recorded step runs again, no run is lost`, async () => {
    const clone = await cloneDatabase(target);
    const sql = postgres(clone.url, { max: 4, onnotice: () => {} });
    await sql.unsafe(CRASH_EFFECTS_TABLE);
    // Events are sent by an executor that is synced but never started, so nothing here processes queue items.
    const parentDb = connect(clone.url, { max: 4 });
    const app = buildCrashApp({ databaseUrl: clone.url, worker: 'parent' });
    const sender = new Executor({ sql: parentDb.sql, transport: inProcessTransport({ client: app.inngest, functions: app.functions }), listen: false });
    await sender.sync();
    const memoOf = async (runId: string, step: string) => (await sql`select 1 from ember_exec.steps where run_id = ${runId} and step_id = ${hashStepId(step)}`).length > 0;

    /**
     * A call that runs long (here: stuck in a checkpoint) keeps its lease: once twice the worker's lease term (2 s)
     * has passed by the database clock, the item is still leased to it and the step has not run anywhere else.
     */
    const leaseOutlivesItsTerm = async (runId: string, step: string, worker: string) => {
      const [{ from }] = (await sql`select clock_timestamp() as from`) as unknown as [{ from: Date }];
      while ((await sql`select 1 where clock_timestamp() < ${from}::timestamptz + interval '4500 milliseconds'`).length) await sleep(100);
      const [item] = await sql`select lease_owner as owner, lease_until > clock_timestamp() as live from ember_exec.queue where run_id = ${runId} and kind = 'discover'`;
      expect(item, 'the held call still holds its lease').toEqual({ owner: worker, live: true });
      expect((await sql`select worker from crash_effects where run_id = ${runId} and step = ${step}`).map((r) => r.worker)).toEqual([worker]);
    };

    const held: { when: 'before' | 'after'; runId: string; step: string; worker: string; killedAt: Date }[] = [];
    let n = 0;
    let current: WorkerProcess | null = null;
    try {
      for (const [i, aim] of AIMS.entries()) {
        current = await new WorkerProcess(clone.url, `held-${i}`, { CRASH_CHECKPOINT_HOLD: `${aim.when}:${aim.step}` }).start();
        await sender.send(Array.from({ length: RUNS_PER_CYCLE }, () => ({ name: 'crash/straight', data: { key: `k${n}`, n: n++ } })));
        const [, when, runId, step] = await current.line(/HELD (before|after) (\S+) (\S+)\n/, 30_000);
        // The aim landed: recorded or not, as intended, at the moment of the kill.
        expect(await memoOf(runId!, step!), `memo of ${step} when held ${when}`).toBe(when === 'after');
        if (i === 0) await leaseOutlivesItsTerm(runId!, step!, current.name);
        await current.kill();
        const [{ now }] = (await sql`select clock_timestamp() as now`) as unknown as [{ now: Date }];
        held.push({ when: when as 'before' | 'after', runId: runId!, step: step!, worker: current.name, killedAt: now });
      }
      current = await new WorkerProcess(clone.url, 'final').start();
      const deadline = Date.now() + 60_000;
      while ((await sql`select 1 from ember_exec.runs where status = 'running'`).length > 0) {
        expect(Date.now() < deadline, 'runs still running a minute after the last restart').toBe(true);
        await sleep(100); // polling the database for the drain, bounded
      }
      await current.terminate();

      // Every run completed, with exactly the output its input implies.
      const runs = await sql<{ id: string; status: string; output: unknown; n: number }[]>`
        select id, status, output, (event->'data'->>'n')::int as n from ember_exec.runs where function_slug like '%crash-straight'`;
      expect(runs).toHaveLength(n);
      expect(runs.filter((r) => r.status !== 'completed' || JSON.stringify(r.output) !== JSON.stringify(straightOutput(r.n))).map((r) => [r.n, r.status, r.output])).toEqual([]);
      // Memos in step order (the SDK's stack), none missing.
      const order = await sql<{ runId: string; steps: string[] }[]>`
        select run_id as "runId", array_agg(step_id order by seq) as steps from ember_exec.steps group by run_id`;
      const want = STRAIGHT_STEPS.map(hashStepId);
      expect(order.filter((o) => JSON.stringify(o.steps) !== JSON.stringify(want)).map((o) => o.runId), 'runs whose memos are not t1..t4 in order').toEqual([]);
      expect(order).toHaveLength(n);
      // No step body ran once its result was recorded; the aimed steps ran as often as their aim implies.
      const execs = await sql<{ runId: string; step: string; worker: string; memoExisted: boolean; at: Date }[]>`
        select run_id as "runId", step, worker, memo_existed as "memoExisted", at from crash_effects order by id`;
      expect(execs.filter((e) => e.memoExisted).map((e) => `${e.runId}/${e.step} by ${e.worker}`), 'step bodies run after their result was recorded').toEqual([]);
      // (An earlier kill may have cut the same step short before: a held call can be the re-run of another.)
      for (const h of held) {
        const ran = execs.filter((e) => e.runId === h.runId && e.step === h.step);
        const mine = ran.filter((e) => e.worker === h.worker);
        const later = ran.filter((e) => e.at.getTime() > h.killedAt.getTime()).map((e) => e.worker);
        expect(mine, `${h.step} of ${h.runId} ran in the held call`).toHaveLength(1);
        if (h.when === 'after') expect(later, `${h.step} of ${h.runId}, acknowledged then killed, ran again`).toEqual([]);
        // Once, unless a later kill cut that re-run short too (each execution still before any memo, checked above).
        else expect(later.length, `${h.step} of ${h.runId}, killed before its checkpoint, ran again after the restart`).toBeGreaterThanOrEqual(1);
      }
      // A step ran twice only where a kill cut a call short (every step of every run ran at least once).
      const perStep = new Map<string, number>();
      for (const e of execs) perStep.set(`${e.runId}/${e.step}`, (perStep.get(`${e.runId}/${e.step}`) ?? 0) + 1);
      expect(perStep.size).toBe(n * STRAIGHT_STEPS.length);
      const twice = [...perStep.values()].filter((c) => c > 1).length;
      console.log(`checkpoint crash suite (${target.name}): ${held.length} aimed SIGKILLs (${held.map((h) => `${h.when} ${h.step}`).join(', ')}), ${n} runs all completed correctly; ${execs.length} step executions, ${twice} steps ran twice`);
    } finally {
      await current?.terminate();
      await app.close();
      await parentDb.close();
      await sql.end({ timeout: 5 });
      await clone.drop();
    }
  }, 180_000);
});
