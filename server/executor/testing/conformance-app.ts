/**
 * Real Inngest v4 functions exercising every op the executor must honour. Each step appends to `conf_log`, so a
 * test (in this process or against a separate app process) can assert results and step order from the database.
 * Used by the in-process conformance suite and served over HTTP by conformance-server.ts.
 */
import { Inngest, NonRetriableError, RetryAfterError, cron, eventType, invoke, referenceFunction } from 'inngest';
import postgres from 'postgres';
import { z } from 'zod';
import { checkpointFunctions } from './conformance-checkpoint-app.ts';
import { flowControlFunctions } from './conformance-flow-app.ts';
import { opsFunctions } from './conformance-ops-app.ts';

/** Appends one step to conf_log; the cases read the log back. */
export type ConfLog = (key: string, step: string, attempt?: number) => Promise<string>;

export const CONFORMANCE_TABLE = `create table if not exists conf_log (seq bigserial primary key, key text not null, step text not null, attempt int not null default 0, at timestamptz not null default clock_timestamp())`;

export const validated = eventType('conf/validated', { schema: z.object({ orderId: z.string(), qty: z.number().int() }) });

export function buildConformanceApp(opts: { databaseUrl: string; baseUrl?: string; fetch?: typeof fetch }) {
  const sql = postgres(opts.databaseUrl, { max: 4, onnotice: () => {} });
  const log = async (key: string, step: string, attempt = 0) => {
    await sql`insert into conf_log (key, step, attempt) values (${key}, ${step}, ${attempt})`;
    return step;
  };
  const inngest = new Inngest({
    id: 'conformance',
    isDev: true,
    ...(opts.baseUrl ? { baseUrl: opts.baseUrl } : {}),
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
    logger: { info() {}, warn() {}, error() {}, debug() {} },
  });

  const child = inngest.createFunction({ id: 'child', triggers: [invoke(z.object({ n: z.number(), slow: z.boolean().optional() }))] }, async ({ event, step }) => {
    if (event.data.slow) await step.sleep('linger', '3s');
    return step.run('double', () => event.data.n * 2);
  });

  const fns = [
    child,
    inngest.createFunction({ id: 'basics', triggers: [{ event: 'conf/basics' }] }, async ({ event, step }) => {
      const k = String(event.data.key);
      const a = await step.run('a', () => log(k, 'a'));
      await step.sleep('nap', '200ms');
      await step.sleepUntil('until', new Date(Date.now() + 200));
      const b = await step.run('b', () => log(k, 'b'));
      return { a, b };
    }),
    inngest.createFunction({ id: 'waits', triggers: [{ event: 'conf/wait' }] }, async ({ event, step }) => {
      const k = String(event.data.key);
      const matched = await step.waitForEvent('by-match', { event: 'conf/approve', match: 'data.key', timeout: '10s' });
      const byIf = await step.waitForEvent('by-if', { event: 'conf/approve', if: `async.data.key == '${k}' && async.data.level > 1`, timeout: '10s' });
      const timedOut = await step.waitForEvent('never', { event: 'conf/never', timeout: '300ms' });
      await step.run('done', () => log(k, 'done'));
      return { matched: matched?.data.level ?? null, byIf: byIf?.data.level ?? null, timedOut };
    }),
    inngest.createFunction({ id: 'flaky', retries: 3, triggers: [{ event: 'conf/flaky' }] }, async ({ event, step }) => {
      const k = String(event.data.key);
      return step.run('wobble', async () => {
        const [row] = await sql<{ n: number }[]>`select count(*)::int n from conf_log where key = ${k} and step = 'wobble-try'`;
        const n = row!.n;
        await log(k, 'wobble-try', n);
        if (n < 2) throw new Error(`flake ${n}`);
        return `ok after ${n}`;
      });
    }),
    inngest.createFunction({ id: 'retry-after', retries: 2, triggers: [{ event: 'conf/retry-after' }] }, async ({ event, step }) => {
      const k = String(event.data.key);
      return step.run('polite', async () => {
        const [row] = await sql<{ n: number }[]>`select count(*)::int n from conf_log where key = ${k}`;
        const n = row!.n;
        await log(k, `polite-${n}`);
        if (n === 0) throw new RetryAfterError('busy', 1000);
        return 'served';
      });
    }),
    inngest.createFunction(
      {
        id: 'doomed',
        triggers: [{ event: 'conf/doomed' }],
        onFailure: async ({ event, error, step }) => {
          await step.run('on-failure', () => log(String(event.data.event.data.key), `on-failure:${error.message}`));
        },
      },
      async ({ event, step }) => {
        await step.run('fatal', async () => {
          await log(String(event.data.key), 'fatal');
          throw new NonRetriableError('cannot recover');
        });
      },
    ),
    inngest.createFunction({ id: 'fanout', triggers: [{ event: 'conf/fanout' }] }, async ({ event, step }) => {
      const k = String(event.data.key);
      const parts = await Promise.all([1, 2, 3].map((i) => step.run('part', () => log(k, `part-${i}`))));
      const [x, y] = await Promise.all([step.run('x', () => log(k, 'x')), step.run('y', () => log(k, 'y'))]);
      await step.run('after', () => log(k, 'after'));
      return { parts: parts.sort(), x, y };
    }),
    // Many children invoked at once and finishing together: each locks this run to hand back its result.
    inngest.createFunction({ id: 'fan-invoker', triggers: [{ event: 'conf/fan-invoke' }] }, async ({ step }) => {
      const results = await Promise.all(Array.from({ length: 12 }, (_, i) => step.invoke(`child-${i}`, { function: child, data: { n: i } })));
      return { results };
    }),
    inngest.createFunction({ id: 'invoker', triggers: [{ event: 'conf/invoke' }] }, async ({ event, step }) => {
      const doubled = await step.invoke('call-child', { function: child, data: { n: Number(event.data.n) } });
      let timedOut = false;
      try {
        await step.invoke('call-slow', { function: child, data: { n: 1, slow: true }, timeout: '300ms' });
      } catch {
        timedOut = true;
      }
      return { doubled, timedOut };
    }),
    // Inngest fails the invoking step (not the run) when the function does not exist; user code may catch it.
    inngest.createFunction({ id: 'invoke-missing', triggers: [{ event: 'conf/invoke-missing' }] }, async ({ step }) => {
      try {
        await step.invoke('call-nobody', { function: referenceFunction({ functionId: 'nobody-home' }), data: {} });
        return { caught: null };
      } catch (err) {
        return { caught: (err as Error).message };
      }
    }),
    inngest.createFunction({ id: 'sender', triggers: [{ event: 'conf/send' }] }, async ({ event, step }) => {
      await step.sendEvent('emit', { name: 'conf/sent', data: { key: event.data.key } });
      return 'sent';
    }),
    inngest.createFunction({ id: 'receiver', triggers: [{ event: 'conf/sent' }] }, async ({ event, step }) => step.run('got', () => log(String(event.data.key), 'received'))),
    inngest.createFunction({ id: 'cancellable', triggers: [{ event: 'conf/cancellable' }], cancelOn: [{ event: 'conf/cancel', match: 'data.key' }] }, async ({ event, step }) => {
      await step.run('before', () => log(String(event.data.key), 'before'));
      await step.sleep('long', '30s');
      await step.run('after', () => log(String(event.data.key), 'after'));
    }),
    inngest.createFunction({ id: 'ticker', triggers: [cron('TZ=Europe/Paris * * * * *')] }, async ({ step }) => step.run('tick', () => log('cron', 'tick'))),
    inngest.createFunction({ id: 'limited', concurrency: { limit: 1, key: 'event.data.group' }, triggers: [{ event: 'conf/limited' }] }, async ({ event, step }) => {
      const k = String(event.data.key);
      await step.run('enter', () => log(String(event.data.group), `enter-${k}`));
      await step.run('hold', () => new Promise((r) => setTimeout(r, 150)));
      await step.run('leave', () => log(String(event.data.group), `leave-${k}`));
    }),
    inngest.createFunction({ id: 'once', idempotency: 'event.data.orderId', triggers: [{ event: 'conf/once' }] }, async ({ event, step }) => step.run('charge', () => log(String(event.data.orderId), 'charge'))),
    inngest.createFunction({ id: 'settle', debounce: { period: '1s', key: 'event.data.key' }, triggers: [{ event: 'conf/debounce' }] }, async ({ event, step }) => step.run('final', () => log(String(event.data.key), `final-${event.data.v}`))),
    inngest.createFunction({ id: 'throttled', rateLimit: { limit: 2, period: '1m', key: 'event.data.key' }, triggers: [{ event: 'conf/rate' }] }, async ({ event, step }) => step.run('hit', () => log(String(event.data.key), `hit-${event.data.v}`))),
    inngest.createFunction({ id: 'strict', triggers: [validated] }, async ({ event, step }) => step.run('use', () => log(event.data.orderId, `qty-${event.data.qty}`))),
    ...flowControlFunctions(inngest, log),
    ...opsFunctions(inngest, log),
    ...checkpointFunctions(inngest, log, sql),
  ];
  return { inngest, functions: fns, close: () => sql.end({ timeout: 1 }) };
}
