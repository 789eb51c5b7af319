/**
 * Conformance functions for async checkpointing (checkpoint.ts): consecutive steps in one call, and the places the
 * SDK falls back to a call per step. Each step logs how many of its run's steps were recorded when its body ran
 * (`<step>@<n>`), which shows what was checkpointed, and when. They follow the installed SDK's
 * components/execution/engine.js (AsyncCheckpointing handlers) and inngest pkg/api/apiv1/checkpoint.go.
 */
import type { Inngest } from 'inngest';
import type postgres from 'postgres';
import type { ConfLog } from './conformance-app.ts';

export function checkpointFunctions(inngest: Inngest.Any, log: ConfLog, sql: postgres.Sql) {
  const seen = async (k: string, runId: string, step: string) => {
    const [row] = await sql<{ n: number }[]>`select count(*)::int n from ember_exec.steps where run_id = ${runId}`;
    return log(k, `${step}@${row!.n}`);
  };
  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
  return [
    inngest.createFunction({ id: 'cp-chain', triggers: [{ event: 'conf/cp-chain' }] }, async ({ event, step, runId }) => {
      const k = String(event.data.key);
      const a = await step.run('a', () => seen(k, runId, 'a'));
      const b = await step.run('b', () => seen(k, runId, 'b'));
      const c = await step.run('c', () => seen(k, runId, 'c'));
      await step.sleep('nap', '100ms');
      const d = await step.run('d', () => seen(k, runId, 'd'));
      return [a, b, c, d];
    }),
    // A failing step, its retry, parallel steps and what follows them: each of these is a call of its own.
    inngest.createFunction({ id: 'cp-fallback', retries: 2, triggers: [{ event: 'conf/cp-fallback' }] }, async ({ event, step, runId }) => {
      const k = String(event.data.key);
      await step.run('first', () => seen(k, runId, 'first'));
      const flaky = await step.run('flaky', async () => {
        const [row] = await sql<{ n: number }[]>`select count(*)::int n from conf_log where key = ${k} and step like 'flaky-%'`;
        await seen(k, runId, `flaky-${row!.n}`);
        if (row!.n === 0) throw new Error('flaky once');
        return 'steady';
      });
      const both = await Promise.all([step.run('left', () => log(k, 'left')), step.run('right', () => log(k, 'right'))]);
      const last = await step.run('last', () => seen(k, runId, 'last'));
      return { flaky, both, last };
    }),
    // bufferedSteps: the SDK checkpoints two steps at a time; the odd one out comes back with the call's answer.
    inngest.createFunction({ id: 'cp-buffered', checkpointing: { bufferedSteps: 2 }, triggers: [{ event: 'conf/cp-buffered' }] }, async ({ event, step, runId }) => {
      const k = String(event.data.key);
      return [await step.run('a', () => seen(k, runId, 'a')), await step.run('b', () => seen(k, runId, 'b')), await step.run('c', () => seen(k, runId, 'c'))];
    }),
    // maxInterval: a buffer that is not full is checkpointed anyway once the interval has passed.
    inngest.createFunction({ id: 'cp-interval', checkpointing: { bufferedSteps: 10, maxInterval: '100ms' }, triggers: [{ event: 'conf/cp-interval' }] }, async ({ event, step, runId }) => {
      const k = String(event.data.key);
      const a = await step.run('a', () => seen(k, runId, 'a'));
      const b = await step.run('b', async () => (await pause(300), seen(k, runId, 'b')));
      return [a, b, await step.run('c', () => seen(k, runId, 'c'))];
    }),
    // maxRuntime: once the call has run that long, the next step comes back planned and runs in a call of its own.
    inngest.createFunction({ id: 'cp-runtime', checkpointing: { maxRuntime: '300ms' }, triggers: [{ event: 'conf/cp-runtime' }] }, async ({ event, step, runId }) => {
      const k = String(event.data.key);
      const a = await step.run('a', async () => (await pause(500), seen(k, runId, 'a')));
      return [a, await step.run('b', () => seen(k, runId, 'b')), await step.run('c', () => seen(k, runId, 'c'))];
    }),
  ];
}
