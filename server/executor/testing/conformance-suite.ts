/**
 * The conformance suite, written once and run over both transports: each case sends events through the event
 * API the app's own client would use, waits for the runs through the executor, and asserts results and step order.
 */
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Executor } from '../executor.ts';
import { hashStepId } from '../ids.ts';
import { fireDueSchedules } from '../scheduler.ts';
import { checkpointCases } from './conformance-checkpoint-cases.ts';
import { flowControlCases } from './conformance-flow-cases.ts';
import { opsCases } from './conformance-ops-cases.ts';

export interface ConformanceHarness {
  executor: Executor;
  /** Sends events the way the app does (its Inngest client → event API). */
  send: (events: { name: string; data: Record<string, unknown>; id?: string }[]) => Promise<string[]>;
  /** What the executor logged, when the harness collects it. */
  logs?: string[];
  sql: postgres.Sql;
  close: () => Promise<void>;
}

let seq = 0;
export const key = (p: string) => `${p}-${process.pid}-${++seq}-${Date.now()}`;

/** What a group of conformance cases is handed: the harness (once set up) and the lookups every case uses. */
export interface ConformanceTools {
  h: () => ConformanceHarness;
  steps: (k: string) => Promise<{ step: string; attempt: number; at: Date }[]>;
  runOf: (eventId: string, slug: string) => Promise<Awaited<ReturnType<Executor['runsForEvent']>>[number]>;
  finished: (eventId: string, slug: string) => ReturnType<Executor['waitForRun']>;
  pauseExists: (runId: string, stepName: string) => Promise<void>;
}

/** Case groups kept in their own files (flow control, ops, checkpointing), registered here so both transports run them. */
const GROUPS: ((t: ConformanceTools) => void)[] = [flowControlCases, opsCases, checkpointCases];

export function conformanceSuite(label: string, setup: () => Promise<ConformanceHarness>) {
  describe(label, () => {
    let h: ConformanceHarness;
    beforeAll(async () => {
      h = await setup();
    });
    afterAll(async () => {
      await h?.close();
    });

    const steps = async (k: string) =>
      (await h.sql<{ step: string; attempt: number; at: string }[]>`select step, attempt, at from conf_log where key = ${k} order by seq`).map((r) => ({ ...r, at: new Date(r.at) }));
    const runOf = async (eventId: string, slug: string) => {
      const deadline = Date.now() + 10_000;
      for (;;) {
        const run = (await h.executor.runsForEvent(eventId)).find((r) => r.functionSlug === slug);
        if (run) return run;
        if (Date.now() > deadline) throw new Error(`no ${slug} run for event ${eventId}`);
        await new Promise((r) => setTimeout(r, 20)); // polling for a condition, bounded
      }
    };
    const finished = async (eventId: string, slug: string) => h.executor.waitForRun((await runOf(eventId, slug)).id, 20_000);
    const pauseExists = async (runId: string, stepName: string) => {
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline) {
        const [row] = await h.sql`select 1 from ember_exec.pauses where run_id = ${runId} and step_id = ${hashStepId(stepName)}`;
        if (row) return;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error(`run ${runId} never waited on ${stepName}`);
    };

    it('step.run, sleep and sleepUntil, in order', async () => {
      const k = key('basics');
      const [id] = await h.send([{ name: 'conf/basics', data: { key: k } }]);
      const run = await finished(id!, 'conformance-basics');
      expect(run).toMatchObject({ status: 'completed', output: { a: 'a', b: 'b' } });
      const log = await steps(k);
      expect(log.map((s) => s.step)).toEqual(['a', 'b']);
      expect(log[1]!.at.getTime() - log[0]!.at.getTime()).toBeGreaterThanOrEqual(380);
    });

    it('waitForEvent with match, with if, and with a timeout', async () => {
      const k = key('wait');
      const [id] = await h.send([{ name: 'conf/wait', data: { key: k } }]);
      const run = await runOf(id!, 'conformance-waits');
      await pauseExists(run.id, 'by-match');
      await h.send([{ name: 'conf/approve', data: { key: `${k}-other`, level: 9 } }, { name: 'conf/approve', data: { key: k, level: 1 } }]);
      await pauseExists(run.id, 'by-if');
      await h.send([{ name: 'conf/approve', data: { key: k, level: 1 } }, { name: 'conf/approve', data: { key: k, level: 3 } }]);
      expect(await h.executor.waitForRun(run.id, 20_000)).toMatchObject({ status: 'completed', output: { matched: 1, byIf: 3, timedOut: null } });
      expect((await steps(k)).map((s) => s.step)).toEqual(['done']);
    });

    it('a step that fails, is retried with the attempt number, then succeeds', async () => {
      const k = key('flaky');
      const [id] = await h.send([{ name: 'conf/flaky', data: { key: k } }]);
      expect(await finished(id!, 'conformance-flaky')).toMatchObject({ status: 'completed', output: 'ok after 2' });
      expect((await steps(k)).map((s) => [s.step, s.attempt])).toEqual([['wobble-try', 0], ['wobble-try', 1], ['wobble-try', 2]]);
    });

    it('RetryAfterError is honoured over the backoff', async () => {
      const k = key('retry-after');
      const [id] = await h.send([{ name: 'conf/retry-after', data: { key: k } }]);
      expect(await finished(id!, 'conformance-retry-after')).toMatchObject({ status: 'completed', output: 'served' });
      const log = await steps(k);
      expect(log.map((s) => s.step)).toEqual(['polite-0', 'polite-1']);
      expect(log[1]!.at.getTime() - log[0]!.at.getTime()).toBeGreaterThanOrEqual(900);
    });

    it('NonRetriableError fails the run at once and runs onFailure', async () => {
      const k = key('doomed');
      const [id] = await h.send([{ name: 'conf/doomed', data: { key: k } }]);
      const run = await finished(id!, 'conformance-doomed');
      expect(run).toMatchObject({ status: 'failed', error: expect.objectContaining({ message: 'cannot recover' }) });
      const [failed] = await h.sql`select r.id from ember_exec.runs r where r.function_slug = 'conformance-doomed-failure' and r.event->'data'->>'run_id' = ${run.id}`;
      expect(await h.executor.waitForRun(failed!.id as string, 20_000)).toMatchObject({ status: 'completed' });
      expect((await steps(k)).map((s) => s.step)).toEqual(['fatal', 'on-failure:cannot recover']);
    });

    it('Promise.all fan-out, including several steps with the same id', async () => {
      const k = key('fanout');
      const [id] = await h.send([{ name: 'conf/fanout', data: { key: k } }]);
      expect(await finished(id!, 'conformance-fanout')).toMatchObject({ status: 'completed', output: { parts: ['part-1', 'part-2', 'part-3'], x: 'x', y: 'y' } });
      const log = (await steps(k)).map((s) => s.step);
      expect(log.slice(0, 3).sort()).toEqual(['part-1', 'part-2', 'part-3']);
      expect(log.slice(3, 5).sort()).toEqual(['x', 'y']);
      expect(log[5]).toBe('after');
    });

    it('step.invoke returns the child output, and an invoke timeout throws', async () => {
      const [id] = await h.send([{ name: 'conf/invoke', data: { n: 21 } }]);
      expect(await finished(id!, 'conformance-invoker')).toMatchObject({ status: 'completed', output: { doubled: 42, timedOut: true } });
    });

    // inngest/pkg/execution/executor: an invoke of an unknown function fails the step with
    // "could not find function with ID: <id>", which the SDK throws at step.invoke.
    it('invoking a function that does not exist fails the invoking step, and user code can catch it', async () => {
      const [id] = await h.send([{ name: 'conf/invoke-missing', data: {} }]);
      const run = await finished(id!, 'conformance-invoke-missing');
      expect(run).toMatchObject({ status: 'completed' });
      expect((run.output as { caught: string }).caught).toMatch(/could not find function with ID: conformance-nobody-home/);
    });

    it('twelve children invoked in parallel hand back their results without a deadlock', async () => {
      const [id] = await h.send([{ name: 'conf/fan-invoke', data: {} }]);
      expect(await finished(id!, 'conformance-fan-invoker')).toMatchObject({ status: 'completed', output: { results: Array.from({ length: 12 }, (_, i) => i * 2) } });
      expect((h.logs ?? []).filter((l) => /deadlock/i.test(l))).toEqual([]);
    });

    it('step.sendEvent triggers another function', async () => {
      const k = key('send');
      const [id] = await h.send([{ name: 'conf/send', data: { key: k } }]);
      expect(await finished(id!, 'conformance-sender')).toMatchObject({ status: 'completed', output: 'sent' });
      const [recv] = await h.sql`select r.id from ember_exec.runs r where r.function_slug = 'conformance-receiver' and r.event->'data'->>'key' = ${k}`;
      expect(await h.executor.waitForRun(recv!.id as string)).toMatchObject({ status: 'completed', output: 'received' });
    });

    it('cancelOn cancels a sleeping run, which never resumes', async () => {
      const k = key('cancel');
      const [id] = await h.send([{ name: 'conf/cancellable', data: { key: k } }]);
      const run = await runOf(id!, 'conformance-cancellable');
      const deadline = Date.now() + 10_000;
      while (!(await h.sql`select 1 from ember_exec.queue where run_id = ${run.id} and kind = 'sleep'`).length) {
        if (Date.now() > deadline) throw new Error('never slept');
        await new Promise((r) => setTimeout(r, 20));
      }
      await h.send([{ name: 'conf/cancel', data: { key: `${k}-not-me` } }]);
      expect((await h.executor.getRun(run.id))!.status).toBe('running');
      await h.send([{ name: 'conf/cancel', data: { key: k } }]);
      expect(await h.executor.waitForRun(run.id)).toMatchObject({ status: 'cancelled' });
      expect(await h.sql`select * from ember_exec.queue where run_id = ${run.id}`).toHaveLength(0);
      expect((await steps(k)).map((s) => s.step)).toEqual(['before']);
    });

    it('a cron slot fires exactly once, even when two schedulers race for it', async () => {
      // Make the current slot due (the executor's own scheduler may also be firing it right now: a third racer).
      await h.sql`update ember_exec.schedules set next_at = date_trunc('minute', now()) where function_slug = 'conformance-ticker'`;
      const ctx = { registry: h.executor.registry, now: () => Date.now(), log: () => {} };
      await Promise.all([fireDueSchedules(h.sql, ctx), fireDueSchedules(h.sql, ctx)]);
      h.executor['worker'].wake();
      const perSlot = await h.sql<{ id: string; runs: number; run_id: string }[]>`
        select e.id, count(r.id)::int as runs, min(r.id) as run_id from ember_exec.events e join ember_exec.runs r on r.event_internal_id = e.internal_id
        where e.id like 'cron:conformance-ticker:%' group by e.id order by e.id`;
      expect(perSlot.length).toBeGreaterThan(0);
      expect(perSlot.filter((s) => s.runs !== 1)).toEqual([]);
      const current = perSlot.at(-1)!;
      expect(await h.executor.waitForRun(current.run_id)).toMatchObject({ status: 'completed', output: 'tick' });
      const [next] = await h.sql`select next_at from ember_exec.schedules where function_slug = 'conformance-ticker'`;
      expect(new Date(next!.next_at as string).getTime()).toBeGreaterThan(Date.now());
    });

    it('a concurrency key admits one step at a time per key', async () => {
      const group = key('grp');
      const ids = await h.send([1, 2, 3].map((i) => ({ name: 'conf/limited', data: { key: `${group}-${i}`, group } })));
      for (const id of ids) expect(await finished(id, 'conformance-limited')).toMatchObject({ status: 'completed' });
      const log = (await steps(group)).map((s) => s.step);
      expect(log).toHaveLength(6);
      // With limit 1 per key no two steps of the group ran at once, so every "enter" was logged on its own.
      const leases = await h.sql`select count(*)::int n from ember_exec.queue where concurrency_key like ${'conformance-limited:%'}`;
      expect(leases[0]!.n).toBe(0);
    });

    it('idempotency: one run per key', async () => {
      const order = key('order');
      const ids = await h.send([{ name: 'conf/once', data: { orderId: order } }, { name: 'conf/once', data: { orderId: order } }]);
      await finished(ids[0]!, 'conformance-once');
      expect(await h.executor.runsForEvent(ids[1]!)).toEqual([]);
      expect((await steps(order)).map((s) => s.step)).toEqual(['charge']);
    });

    it('debounce: one run, with the last event of the burst', async () => {
      const k = key('debounce');
      const t0 = Date.now();
      const ids = await h.send([1, 2, 3].map((v) => ({ name: 'conf/debounce', data: { key: k, v } })));
      const run = await finished(ids[2]!, 'conformance-settle');
      expect(run).toMatchObject({ status: 'completed', output: 'final-3' });
      expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
      expect(await h.sql`select id from ember_exec.runs where function_slug = 'conformance-settle' and event->'data'->>'key' = ${k}`).toHaveLength(1);
    });

    it('rate limit: events over the limit start nothing', async () => {
      const k = key('rate');
      const ids = await h.send([1, 2, 3].map((v) => ({ name: 'conf/rate', data: { key: k, v } })));
      await finished(ids[0]!, 'conformance-throttled');
      await finished(ids[1]!, 'conformance-throttled');
      expect(await h.executor.runsForEvent(ids[2]!)).toEqual([]);
      expect((await steps(k)).map((s) => s.step).sort()).toEqual(['hit-1', 'hit-2']);
    });

    it('an event with an invalid payload fails its run permanently, showing the validation error', async () => {
      const [id] = await h.send([{ name: 'conf/validated', data: { orderId: 'o-1', qty: 'three' } }]);
      const run = await finished(id!, 'conformance-strict');
      expect(run.status).toBe('failed');
      expect(JSON.stringify(run.error)).toMatch(/qty/);
      const attempts = await h.sql`select count(*)::int n from ember_exec.attempts where run_id = ${run.id}`;
      expect(attempts[0]!.n).toBe(1);
    });

    it('an event id seen before starts nothing again', async () => {
      const k = key('dupe');
      const eventId = `evt-${k}`;
      await h.send([{ name: 'conf/basics', data: { key: k }, id: eventId }]);
      await h.send([{ name: 'conf/basics', data: { key: k }, id: eventId }]);
      await finished(eventId, 'conformance-basics');
      expect(await h.sql`select id from ember_exec.runs where function_slug = 'conformance-basics' and event->'data'->>'key' = ${k}`).toHaveLength(1);
    });

    const tools: ConformanceTools = { h: () => h, steps, runOf, finished, pauseExists };
    for (const group of GROUPS) group(tools);
  });
}
