/**
 * Conformance cases for async checkpointing (checkpoint.ts), run over both transports by conformance-suite.ts with
 * checkpointing on (the default). `calls` are the executor's SDK calls (ember_exec.attempts) in order, each as the
 * ops it answered; `<step>@<n>` is a step body that ran with n of its run's steps recorded.
 */
import { expect, it } from 'vitest';
import { hashStepId } from '../ids.ts';
import { key, type ConformanceTools } from './conformance-suite.ts';

export function checkpointCases(t: ConformanceTools): void {
  const calls = async (runId: string) => (await t.h().sql<{ outcome: string }[]>`select outcome from ember_exec.attempts where run_id = ${runId} order by id`).map((r) => r.outcome);
  const memoOrder = async (runId: string) => (await t.h().sql<{ stepId: string }[]>`select step_id as "stepId" from ember_exec.steps where run_id = ${runId} order by seq`).map((r) => r.stepId);
  const counters = async (runId: string) => (await t.h().sql<{ n: number; ok: number }[]>`select step_attempts as n, step_attempts_ok as ok from ember_exec.runs where id = ${runId}`)[0];
  const run = async (name: string, slug: string) => {
    const k = key(slug);
    const [id] = await t.h().send([{ name, data: { key: k } }]);
    return { k, run: await t.finished(id!, `conformance-${slug}`) };
  };

  // follows SDK components/execution/engine.js (AsyncCheckpointing "steps-found") and inngest apiv1 CheckpointAsyncSteps
  it('checkpointing: consecutive steps run in one call, each recorded before the next one runs, in order', async () => {
    const { k, run: r } = await run('conf/cp-chain', 'cp-chain');
    expect(r).toMatchObject({ status: 'completed', output: ['a@0', 'b@1', 'c@2', 'd@4'] });
    // One call ran a, b and c and answered the sleep; after it, one call ran d and answered the run's end.
    expect(await calls(r.id)).toEqual(['Sleep', 'RunComplete']);
    expect(await memoOrder(r.id)).toEqual(['a', 'b', 'c', 'nap', 'd'].map(hashStepId));
    expect((await t.steps(k)).map((s) => s.step)).toEqual(['a@0', 'b@1', 'c@2', 'd@4']);
    // Attempts as the observe middleware counts them: one per step executed.
    expect(await counters(r.id)).toEqual({ n: 4, ok: 4 });
  });

  // follows SDK engine.js: a step error flushes the buffer and answers StepError; a retry (attempt > 0) answers its
  // step at once; disable_immediate_execution (after parallel steps) turns checkpointing off for the run
  it('checkpointing falls back to a call per step where the SDK does: a failing step, its retry, parallel steps and what follows', async () => {
    const { k, run: r } = await run('conf/cp-fallback', 'cp-fallback');
    expect(r).toMatchObject({ status: 'completed', output: { flaky: 'steady', both: ['left', 'right'], last: 'last@4' } });
    expect(await calls(r.id)).toEqual(['StepError', 'StepRun', 'StepPlanned,StepPlanned', 'StepRun', 'StepRun', 'StepPlanned', 'StepRun', 'completed']);
    expect((await t.steps(k)).map((s) => s.step).filter((s) => !/left|right/.test(s))).toEqual(['first@0', 'flaky-0@1', 'flaky-1@1', 'last@4']);
    expect(await memoOrder(r.id).then((ids) => ids.slice(0, 2))).toEqual(['first', 'flaky'].map(hashStepId));
    expect(await counters(r.id)).toEqual({ n: 9, ok: 8 });
  });

  // follows SDK engine.js attemptCheckpointAndResume (bufferedSteps) and the "function-resolved" handler (buffered
  // steps come back with RunComplete)
  it('checkpointing honours bufferedSteps: two steps per checkpoint, the rest with the answer', async () => {
    const { run: r } = await run('conf/cp-buffered', 'cp-buffered');
    expect(r).toMatchObject({ status: 'completed', output: ['a@0', 'b@0', 'c@2'] });
    expect(await calls(r.id)).toEqual(['StepRun,RunComplete']);
    expect(await memoOrder(r.id)).toEqual(['a', 'b', 'c'].map(hashStepId));
    expect(await counters(r.id)).toEqual({ n: 3, ok: 3 });
  });

  // follows SDK engine.js initializeCheckpointRuntimeTimer ("checkpointing-buffer-interval-reached")
  it('checkpointing honours maxInterval: a buffer that is not full is checkpointed once the interval has passed', async () => {
    const { run: r } = await run('conf/cp-interval', 'cp-interval');
    expect(r.status).toBe('completed');
    // One call ran all three; without the interval, c would have run with nothing recorded (a buffer of 10).
    expect(await calls(r.id)).toHaveLength(1);
    expect((r.output as string[])[2]).toBe('c@2');
    expect(await memoOrder(r.id)).toEqual(['a', 'b', 'c'].map(hashStepId));
  });

  // follows SDK engine.js "checkpointing-runtime-reached": the next new step is returned (planned), not run
  it('checkpointing honours maxRuntime: past it, the next step comes back planned and runs in a call of its own', async () => {
    const { run: r } = await run('conf/cp-runtime', 'cp-runtime');
    expect(r).toMatchObject({ status: 'completed', output: ['a@0', 'b@1', 'c@2'] });
    expect(await calls(r.id)).toEqual(['StepPlanned', 'StepRun', 'RunComplete']);
    expect(await counters(r.id)).toEqual({ n: 3, ok: 3 });
  });
}
