/**
 * The app and process the executor crash suite SIGKILLs (executor.crash.db.test.ts).
 *
 *   node --import tsx server/executor/testing/crash-worker.ts <databaseUrl> <workerName>
 *
 * Starts an Executor (in-process transport, async checkpointing on unless EMBER_EXEC_CHECKPOINTING=off) on the
 * database with leaseMs 2000 and prints `READY` once it is dispatching; SIGTERM drains and exits 0. The parent test
 * sends events itself (see buildCrashApp's note).
 *
 * CRASH_CHECKPOINT_HOLD=<before|after>:<step> aims a kill (checkpoint.crash.db.test.ts): the first checkpoint that
 * carries that step is held forever, either before it reaches the executor (the step ran, nothing is recorded) or
 * after the executor answered it (recorded, but the SDK never hears so), and the worker prints
 * `HELD <before|after> <runId> <step>` for the parent to SIGKILL it there.
 *
 * `crash-chain` (triggered by `crash/start`, data {key, n, sleepMs, workMs}) has six effectful steps, a sleep, a
 * wait for `crash/go` (matched on data.key) and a wait that always times out. Every time a step body executes it
 * inserts a row into crash_effects, and records whether the step's memo (ember_exec.steps) was already there: a
 * body executing although its result had been recorded is the bug the suite looks for. Each step's value feeds
 * the next, so a lost memo shows up as a wrong final output.
 */
import { pathToFileURL } from 'node:url';
import { Inngest } from 'inngest';
import postgres from 'postgres';
import { connect } from '../../db/client.ts';
import { eventApiFetch } from '../event-api.ts';
import { Executor } from '../executor.ts';
import { hashStepId } from '../ids.ts';
import { inProcessTransport } from '../transport.ts';

export const CRASH_EFFECTS_TABLE = `create table if not exists crash_effects (
  id bigserial primary key,
  run_key text not null,
  run_id text not null,
  step text not null,
  n bigint not null,
  worker text not null,
  memo_existed boolean not null,
  at timestamptz not null default clock_timestamp(),
  ended_at timestamptz
)`;

export interface CrashInput {
  key: string;
  n: number;
  sleepMs: number;
  workMs: number;
}

/** What a run of crash-chain must return, given its input and the `v` of the crash/go event that resumed it. */
export function expectedOutput(input: CrashInput, go: number) {
  const s1 = input.n + 1;
  const s2 = s1 * 2;
  const p1 = s2 + 3;
  const p2 = s2 * 5;
  const s3 = p1 + p2 + go;
  const s4 = s3 * 3 + 1; // +1: the `never` wait timed out (null)
  return { key: input.key, s1, s2, p1, p2, s3, s4 };
}

/** crash-paced's throttle: 10 at once, then one per 50 ms. */
export const PACED = { limit: 20, period: '1s', burst: 9 } as const;
/** crash-batched's batches. */
export const BATCH = { maxSize: 7, timeout: '1s' } as const;

/** The value the parent puts in the crash/go event for a key. */
export const goValue = (n: number) => n * 7 + 11;

/** crash-straight's steps (userland ids), run one after another in one call when checkpointing. */
export const STRAIGHT_STEPS = ['t1', 't2', 't3', 't4'] as const;

/** What a run of crash-straight must return for its `n`. */
export function straightOutput(n: number) {
  const t1 = n + 1;
  const t2 = t1 * 2;
  const t3 = t2 + 3;
  return { t1, t2, t3, t4: t3 * 5 };
}

/** Effectful step ids (userland), in order. */
export const EFFECT_STEPS = ['s1', 's2', 'p1', 'p2', 's3', 's4'] as const;
/** Every memoised op of a completed run. */
export const ALL_STEPS = ['s1', 's2', 'nap', 'p1', 'p2', 'go', 'never', 's3', 's4'] as const;

/**
 * The parent test builds this app too, only to `sync()` an Executor it never starts: that fills the registry
 * `send()` routes events with, so the parent can send (and resume waits) while no worker process is alive.
 */
export function buildCrashApp(opts: { databaseUrl: string; worker: string; fetch?: typeof fetch }) {
  const sql = postgres(opts.databaseUrl, { max: 6, onnotice: () => {}, connection: { application_name: `crash-app-${opts.worker}` } });
  const inngest = new Inngest({
    id: 'crash',
    isDev: true,
    baseUrl: 'http://executor.internal',
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
    logger: { info() {}, warn() {}, error() {}, debug() {} },
  });

  /** A step body: record the execution (and whether its memo already existed), do some "work", return `value`. */
  const effect = (runId: string, key: string, step: string, value: number, workMs: number) => async () => {
    const [row] = await sql<{ id: string }[]>`
      insert into crash_effects (run_key, run_id, step, n, worker, memo_existed)
      values (${key}, ${runId}, ${step}, ${value}, ${opts.worker},
              exists(select 1 from ember_exec.steps where run_id = ${runId} and step_id = ${hashStepId(step)}))
      returning id`;
    if (workMs > 0) await new Promise((r) => setTimeout(r, workMs));
    await sql`update crash_effects set ended_at = clock_timestamp() where id = ${row!.id}`;
    return value;
  };

  const chain = inngest.createFunction({ id: 'crash-chain', retries: 5, triggers: [{ event: 'crash/start' }] }, async ({ event, step, runId }) => {
    const { key, n, sleepMs, workMs } = event.data as CrashInput;
    const s1 = await step.run('s1', effect(runId, key, 's1', n + 1, workMs));
    const s2 = await step.run('s2', effect(runId, key, 's2', s1 * 2, workMs));
    await step.sleep('nap', `${sleepMs}ms`);
    const [p1, p2] = await Promise.all([step.run('p1', effect(runId, key, 'p1', s2 + 3, workMs)), step.run('p2', effect(runId, key, 'p2', s2 * 5, workMs))]);
    const go = await step.waitForEvent('go', { event: 'crash/go', match: 'data.key', timeout: '10m' });
    const never = await step.waitForEvent('never', { event: 'crash/never', timeout: '400ms' });
    const goV = go ? Number((go.data as { v: number }).v) : -1_000_000;
    const s3 = await step.run('s3', effect(runId, key, 's3', p1 + p2 + goV, workMs));
    const s4 = await step.run('s4', effect(runId, key, 's4', s3 * 3 + (never === null ? 1 : 0), workMs));
    return { key, s1, s2, p1, p2, s3, s4 };
  });

  // Flow control under SIGKILL (flow-control.crash.db.test.ts): a throttled function and a batched one, each with
  // one effectful step recording the keys it served.
  const paced = inngest.createFunction({ id: 'crash-paced', retries: 5, throttle: { limit: PACED.limit, period: PACED.period, burst: PACED.burst }, triggers: [{ event: 'crash/paced' }] }, async ({ event, step, runId }) => {
    const key = String(event.data.key);
    return step.run('hit', effect(runId, key, 'hit', 1, 0));
  });
  const batched = inngest.createFunction({ id: 'crash-batched', retries: 5, batchEvents: { maxSize: BATCH.maxSize, timeout: BATCH.timeout }, triggers: [{ event: 'crash/batched' }] }, async ({ events, step, runId }) => {
    const keys = events.map((e) => String(e.data.key));
    await step.run('take', effect(runId, keys.join(','), 'take', keys.length, 0));
    return keys;
  });

  // Async checkpointing under SIGKILL (checkpoint.crash.db.test.ts): four steps in a row, each value feeding the next.
  const straight = inngest.createFunction({ id: 'crash-straight', retries: 5, triggers: [{ event: 'crash/straight' }] }, async ({ event, step, runId }) => {
    const key = String(event.data.key);
    const t1 = await step.run('t1', effect(runId, key, 't1', Number(event.data.n) + 1, 0));
    const t2 = await step.run('t2', effect(runId, key, 't2', t1 * 2, 0));
    const t3 = await step.run('t3', effect(runId, key, 't3', t2 + 3, 0));
    const t4 = await step.run('t4', effect(runId, key, 't4', t3 * 5, 0));
    return { t1, t2, t3, t4 };
  });

  return { inngest, functions: [chain, paced, batched, straight], close: () => sql.end({ timeout: 1 }) };
}

/**
 * The app's API `fetch`, holding the first checkpoint that carries `step` forever (before or after the executor
 * records it) and saying so on stdout: the parent's cue to SIGKILL this process at that very point.
 */
function holdingCheckpoint(api: typeof fetch, hold: string): typeof fetch {
  const [when, step] = hold.split(':');
  if ((when !== 'before' && when !== 'after') || !step) throw new Error(`CRASH_CHECKPOINT_HOLD=${hold}: want before|after:<step>`);
  let held = false;
  return async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const body = typeof init?.body === 'string' ? init.body : '';
    if (held || !/\/v1\/checkpoint\/[^/]+\/async/.test(url) || !body) return api(input, init);
    const req = JSON.parse(body) as { run_id: string; steps: { userland?: { id?: string } }[] };
    if (!req.steps.some((s) => s.userland?.id === step)) return api(input, init);
    held = true;
    if (when === 'after') {
      const res = await api(input, init);
      if (res.status !== 200) throw new Error(`the held checkpoint was refused: ${res.status} ${await res.text()}`);
    }
    process.stdout.write(`HELD ${when} ${req.run_id} ${step}\n`);
    return new Promise<Response>(() => {});
  };
}

async function main() {
  const [databaseUrl, worker] = process.argv.slice(2);
  if (!databaseUrl || !worker) throw new Error('usage: crash-worker.ts <databaseUrl> <workerName>');
  const log = (line: string) => process.stderr.write(`[${worker}] ${line}\n`);
  let executor: Executor | null = null;
  const api: typeof fetch = (i, init) => eventApiFetch(executor!)(i, init);
  const hold = process.env.CRASH_CHECKPOINT_HOLD;
  const app = buildCrashApp({ databaseUrl, worker, fetch: hold ? holdingCheckpoint(api, hold) : api });
  // The executor on the project's client (drizzle's (de)serialisers installed), as the app runs it.
  const db = connect(databaseUrl, { max: 8 });
  executor = new Executor({
    sql: db.sql,
    transport: inProcessTransport({ client: app.inngest, functions: app.functions }),
    workerId: worker,
    leaseMs: 2000,
    backoffBaseMs: 20,
    pollMs: 200,
    concurrency: 16,
    log,
    checkpointing: process.env.EMBER_EXEC_CHECKPOINTING !== 'off',
  });
  await executor.start();
  process.stdout.write('READY\n');
  process.once('SIGTERM', () => {
    void executor!
      .stop()
      .then(() => Promise.all([app.close(), db.close()]))
      .then(() => process.exit(0));
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    process.stderr.write(`crash-worker: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  });
}
