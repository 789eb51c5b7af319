/**
 * Conformance cases: flow control, run over both transports by conformance-suite.ts. Timing assertions are lower
 * bounds measured on the database clock (an event's `received_at` against a step's `clock_timestamp()`), so a
 * loaded machine can only make them pass later, never fail early; upper bounds are only "it finished".
 */
import { expect, it } from 'vitest';
import { key, type ConformanceTools } from './conformance-suite.ts';

/** Bounded polling for a condition (not a sleep standing in for one). */
async function until(what: string, fn: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await fn())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export function flowControlCases(t: ConformanceTools): void {
  const receivedAt = async (eventId: string) => {
    const [row] = await t.h().sql<{ at: string }[]>`select received_at as at from ember_exec.events where id = ${eventId}`;
    return new Date(row!.at).getTime();
  };
  const cancelledEvents = async (runId: string) =>
    (await t.h().sql`select 1 from ember_exec.events where name = 'inngest/function.cancelled' and data->>'run_id' = ${runId}`).length;

  // docs: durable-execution/flow-control/throttling ("limit + burst runs start at once, then one every period ÷
  // limit; none are dropped")
  it('throttle: limit + burst start at once, the rest one per period / limit, in order, none dropped', async () => {
    const k = key('paced');
    const ids = await t.h().send([1, 2, 3, 4].map((v) => ({ name: 'conf/paced', data: { key: k, v } })));
    for (const id of ids) expect(await t.finished(id, 'conformance-paced')).toMatchObject({ status: 'completed' });
    const t0 = await receivedAt(ids[0]!);
    const log = await t.steps(k);
    expect(log.map((s) => s.step).slice(2)).toEqual(['hit-3', 'hit-4']);
    expect(log.map((s) => s.step).slice(0, 2).sort()).toEqual(['hit-1', 'hit-2']);
    // limit 1 per 1 s with a burst of 1: two now, the third no earlier than 1 s later, the fourth 2 s.
    expect(log[2]!.at.getTime() - t0).toBeGreaterThanOrEqual(995);
    expect(log[3]!.at.getTime() - t0).toBeGreaterThanOrEqual(1995);
  });

  // docs: durable-execution/flow-control/batching ("starts one run when the batch reaches maxSize or its timeout
  // expires"; `if`: only matching events are batched)
  it('batchEvents: a full batch starts at once, a partial one at its timeout, an event failing `if` runs alone', async () => {
    const k = key('batch');
    const ids = await t.h().send([1, 2, 3, 4, 5].map((v) => ({ name: 'conf/batched', data: { key: k, v, kind: 'batch' } })));
    const [solo] = await t.h().send([{ name: 'conf/batched', data: { key: k, v: 9, kind: 'urgent' } }]);
    expect(await t.finished(ids[0]!, 'conformance-batched')).toMatchObject({ status: 'completed', output: [1, 2, 3] });
    expect(await t.finished(solo!, 'conformance-batched')).toMatchObject({ status: 'completed', output: [9] });
    expect(await t.finished(ids[3]!, 'conformance-batched')).toMatchObject({ status: 'completed', output: [4, 5] });
    const runs = await t.h().sql`select id from ember_exec.runs where function_slug = 'conformance-batched' and event->'data'->>'key' = ${k}`;
    expect(runs).toHaveLength(3);
    const partial = (await t.steps(k)).find((s) => s.step === 'batch-4+5')!;
    expect(partial.at.getTime() - (await receivedAt(ids[3]!))).toBeGreaterThanOrEqual(995);
  });

  // docs: durable-execution/flow-control/priority ("a higher value starts as if enqueued that much earlier")
  it('priority: with the one slot busy, the run with the higher factor starts first', async () => {
    const k = key('prio');
    await t.h().send([{ name: 'conf/prioritised', data: { key: k, name: 'holder', p: 0, holdMs: 1500 } }]);
    await until('the holder has the slot', async () => (await t.steps(k)).some((s) => s.step === 'enter-holder'));
    const [low] = await t.h().send([{ name: 'conf/prioritised', data: { key: k, name: 'low', p: 0 } }]);
    const [high] = await t.h().send([{ name: 'conf/prioritised', data: { key: k, name: 'high', p: 300 } }]);
    expect(await t.finished(low!, 'conformance-prioritised')).toMatchObject({ status: 'completed' });
    expect(await t.finished(high!, 'conformance-prioritised')).toMatchObject({ status: 'completed' });
    expect((await t.steps(k)).map((s) => s.step)).toEqual(['enter-holder', 'enter-high', 'enter-low']);
  });

  // docs: durable-execution/flow-control/singleton (mode skip)
  it('singleton skip: a second event while a run for its key is running starts nothing', async () => {
    const k = key('skip');
    const [a] = await t.h().send([{ name: 'conf/single-skip', data: { key: k, v: 1 } }]);
    const runA = await t.runOf(a!, 'conformance-single-skip');
    const [b] = await t.h().send([{ name: 'conf/single-skip', data: { key: k, v: 2 } }]);
    expect(await t.h().executor.runsForEvent(b!)).toEqual([]);
    expect(await t.h().executor.waitForRun(runA.id, 20_000)).toMatchObject({ status: 'completed', output: 1 });
    const [c] = await t.h().send([{ name: 'conf/single-skip', data: { key: k, v: 3 } }]);
    expect(await t.finished(c!, 'conformance-single-skip')).toMatchObject({ status: 'completed', output: 3 });
    expect((await t.steps(k)).map((s) => s.step)).toEqual(['first-1', 'first-3']);
  });

  // docs: changelog 2025-06-23 singleton cancel mode ("new runs cancel any existing run with the same key")
  it('singleton cancel: a second event cancels the running run, which never resumes, and starts its own', async () => {
    const k = key('replace');
    const [a] = await t.h().send([{ name: 'conf/single-cancel', data: { key: k, v: 1, linger: '30s' } }]);
    const runA = await t.runOf(a!, 'conformance-single-cancel');
    await until('run 1 is sleeping', async () => (await t.steps(k)).some((s) => s.step === 'first-1'));
    const [b] = await t.h().send([{ name: 'conf/single-cancel', data: { key: k, v: 2, linger: '100ms' } }]);
    expect(await t.finished(b!, 'conformance-single-cancel')).toMatchObject({ status: 'completed', output: 2 });
    expect(await t.h().executor.getRun(runA.id)).toMatchObject({ status: 'cancelled' });
    expect(await cancelledEvents(runA.id)).toBe(1);
    expect((await t.steps(k)).map((s) => s.step)).toEqual(['first-1', 'first-2', 'last-2']);
  });

  // docs: reference/typescript/v4/functions/timeouts (`start`: the run is cancelled if it does not start in time)
  it('timeouts.start: a run stuck behind concurrency 1 past its start timeout is cancelled and never runs', async () => {
    const k = key('start-by');
    const [holder] = await t.h().send([{ name: 'conf/start-by', data: { key: k, v: 1, holdMs: 2500 } }]);
    await until('the holder has the slot', async () => (await t.steps(k)).some((s) => s.step === 'work-1'));
    const [late] = await t.h().send([{ name: 'conf/start-by', data: { key: k, v: 2 } }]);
    const lateRun = await t.finished(late!, 'conformance-start-by');
    expect(lateRun).toMatchObject({ status: 'cancelled' });
    expect(JSON.stringify(lateRun.error)).toMatch(/timeouts\.start/);
    expect(await cancelledEvents(lateRun.id)).toBe(1);
    expect(await t.finished(holder!, 'conformance-start-by')).toMatchObject({ status: 'completed', output: 1 });
    expect((await t.steps(k)).map((s) => s.step)).toEqual(['work-1']);
  });

  // docs: reference/typescript/v4/functions/timeouts (`finish`: cancelled once running longer than this)
  it('timeouts.finish: a run past its finish timeout is cancelled between steps; its later step never runs', async () => {
    const k = key('finish-by');
    const [id] = await t.h().send([{ name: 'conf/finish-by', data: { key: k } }]);
    const run = await t.finished(id!, 'conformance-finish-by');
    expect(run).toMatchObject({ status: 'cancelled' });
    expect(JSON.stringify(run.error)).toMatch(/timeouts\.finish/);
    expect(await cancelledEvents(run.id)).toBe(1);
    expect((await t.steps(k)).map((s) => s.step)).toEqual(['early']);
    const [ended] = await t.h().sql<{ ms: number }[]>`select extract(epoch from ended_at - first_step_at) * 1000 as ms from ember_exec.runs where id = ${run.id}`;
    expect(Number(ended!.ms)).toBeGreaterThanOrEqual(995);
  });

  // docs: guides/concurrency ("scope: env — the limit is shared by all functions using the key"; up to two limits)
  it('concurrency scope env: two functions sharing a key never execute steps of it at the same time', async () => {
    const group = key('shared');
    const ids = await t.h().send(
      (['left', 'right'] as const).flatMap((side) => [1, 2].map((v) => ({ name: `conf/shared-${side}`, data: { group, v } }))),
    );
    for (const [i, id] of ids.entries()) expect(await t.finished(id, i < 2 ? 'conformance-shared-left' : 'conformance-shared-right')).toMatchObject({ status: 'completed' });
    const log = (await t.steps(group)).map((s) => s.step);
    expect(log).toHaveLength(8);
    // Every enter is followed by its own leave: no step of one function ran inside the other's.
    for (let i = 0; i < log.length; i += 2) expect(log[i + 1]).toBe(log[i]!.replace('enter-', 'leave-'));
    expect(new Set(log.map((s) => s.split('-')[1]))).toEqual(new Set(['left', 'right']));
  });
}
