/**
 * Conformance functions: flow control (throttle, batching, priority, singleton, timeouts, concurrency scopes).
 * Each names the Inngest document it follows; the cases are in conformance-flow-cases.ts.
 */
import type { Inngest } from 'inngest';
import type { ConfLog } from './conformance-app.ts';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms)); // the work a step does, not synchronisation

export function flowControlFunctions(inngest: Inngest.Any, log: ConfLog) {
  return [
    // docs: durable-execution/flow-control/throttling — limit + burst start at once, then one per period/limit.
    inngest.createFunction({ id: 'paced', throttle: { limit: 1, period: '1s', burst: 1, key: 'event.data.key' }, triggers: [{ event: 'conf/paced' }] }, async ({ event, step }) =>
      step.run('hit', () => log(String(event.data.key), `hit-${event.data.v}`)),
    ),
    // docs: durable-execution/flow-control/batching — one run receives `events`; full at maxSize or after timeout;
    // events failing `if` run unbatched.
    inngest.createFunction(
      { id: 'batched', batchEvents: { maxSize: 3, timeout: '1s', key: 'event.data.key', if: 'event.data.kind == "batch"' }, triggers: [{ event: 'conf/batched' }] },
      async ({ events, step }) => {
        const vs = events.map((e) => Number(e.data.v));
        await step.run('record', () => log(String(events[0]!.data.key), `batch-${vs.join('+')}`));
        return vs;
      },
    ),
    // docs: durable-execution/flow-control/priority — with the one slot busy, the higher factor starts first.
    inngest.createFunction({ id: 'prioritised', concurrency: 1, priority: { run: 'event.data.p' }, triggers: [{ event: 'conf/prioritised' }] }, async ({ event, step }) =>
      step.run('work', async () => {
        await log(String(event.data.key), `enter-${event.data.name}`);
        await pause(Number(event.data.holdMs ?? 0));
        return String(event.data.name);
      }),
    ),
    // docs: durable-execution/flow-control/singleton — one running run per key; skip the newcomer, or cancel the old.
    inngest.createFunction({ id: 'single-skip', singleton: { key: 'event.data.key', mode: 'skip' }, triggers: [{ event: 'conf/single-skip' }] }, async ({ event, step }) => {
      await step.run('first', () => log(String(event.data.key), `first-${event.data.v}`));
      await step.sleep('linger', '400ms');
      return Number(event.data.v);
    }),
    inngest.createFunction({ id: 'single-cancel', singleton: { key: 'event.data.key', mode: 'cancel' }, triggers: [{ event: 'conf/single-cancel' }] }, async ({ event, step }) => {
      await step.run('first', () => log(String(event.data.key), `first-${event.data.v}`));
      await step.sleep('linger', String(event.data.linger ?? '400ms'));
      await step.run('last', () => log(String(event.data.key), `last-${event.data.v}`));
      return Number(event.data.v);
    }),
    // docs: reference/typescript/v4/functions/timeouts — `start`: cancelled when its first step waited too long
    // (here behind concurrency 1).
    inngest.createFunction({ id: 'start-by', concurrency: 1, timeouts: { start: '1s' }, triggers: [{ event: 'conf/start-by' }] }, async ({ event, step }) =>
      step.run('work', async () => {
        await log(String(event.data.key), `work-${event.data.v}`);
        await pause(Number(event.data.holdMs ?? 0));
        return Number(event.data.v);
      }),
    ),
    // `finish`: cancelled once the time is up; the step after the sleep never runs.
    inngest.createFunction({ id: 'finish-by', timeouts: { finish: '1s' }, triggers: [{ event: 'conf/finish-by' }] }, async ({ event, step }) => {
      await step.run('early', () => log(String(event.data.key), 'early'));
      await step.sleep('too-long', '2s');
      await step.run('late', () => log(String(event.data.key), 'late'));
    }),
    // docs: guides/concurrency#scope — an `env`-scoped key is shared by every function declaring it; a second,
    // function-level limit applies at the same time.
    ...(['left', 'right'] as const).map((side) =>
      inngest.createFunction(
        { id: `shared-${side}`, concurrency: [{ scope: 'env', key: 'event.data.group', limit: 1 }, { limit: 5 }], triggers: [{ event: `conf/shared-${side}` }] },
        async ({ event, step }) =>
          step.run('critical', async () => {
            await log(String(event.data.group), `enter-${side}-${event.data.v}`);
            await pause(120);
            await log(String(event.data.group), `leave-${side}-${event.data.v}`);
          }),
      ),
    ),
  ];
}
