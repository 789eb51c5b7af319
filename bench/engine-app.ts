/**
 * The bench chain app of `bench:engine` (5 trivial steps a run, each timing its body), shared by the benchmark and the
 * second executor process it starts (engine-worker.ts).
 */
import { Inngest } from 'inngest';
import { eventApiFetch } from '../server/executor/event-api.ts';
import type { Executor } from '../server/executor/executor.ts';

export const STEPS = 5;

export interface Marks {
  start: number[];
  end: number[];
}

export function buildApp(getExecutor: () => Executor) {
  const marks = new Map<string, Marks>();
  const inngest = new Inngest({
    id: 'bench',
    isDev: true,
    baseUrl: 'http://executor.internal',
    fetch: (i, init) => eventApiFetch(getExecutor())(i, init),
    logger: { info() {}, warn() {}, error() {}, debug() {} },
  });
  const chain = inngest.createFunction({ id: 'chain', triggers: [{ event: 'bench/chain' }] }, async ({ event, step }) => {
    const key = String(event.data.key);
    let acc = 0;
    for (let i = 1; i <= STEPS; i++) {
      acc = await step.run(`s${i}`, () => {
        const m = marks.get(key);
        m?.start.push(performance.now());
        const v = acc + i;
        m?.end.push(performance.now());
        return v;
      });
    }
    return acc;
  });
  return { inngest, functions: [chain], marks };
}
