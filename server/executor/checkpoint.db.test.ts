/**
 * `POST /v1/checkpoint/:runId/async` (checkpoint.ts) at the API boundary, without an SDK: authentication, the lease
 * fence (a stale or wrong `qi_id` answers 409 and writes nothing), order, idempotency, and `timeouts.finish`.
 * The SDK's side (consecutive steps in one call, the fallbacks) is in the conformance suite; crashes in
 * checkpoint.crash.db.test.ts.
 */
import { Inngest } from 'inngest';
import { describe, expect, it } from 'vitest';
import { dbTargets, useTestDatabase } from '../testing/db.ts';
import { claimItems } from './claim.ts';
import { Effects } from './context.ts';
import { eventApiFetch, hashSigningKey } from './event-api.ts';
import { Executor } from './executor.ts';
import { FunctionConfigSchema } from './protocol.ts';
import { startRun } from './runs.ts';
import { queueItemRef } from './state.ts';
import { inProcessTransport, type SdkTransport } from './transport.ts';

const SIGNING_KEY = 'signkey-test-8ee2262a15e8d3c42d6a840db7af3de2aab08ef632b32a37a687f24b34dba3ff';
const plain = FunctionConfigSchema.parse({ id: 'app-plain', triggers: [{ event: 'cp/plain' }] });
const timed = FunctionConfigSchema.parse({ id: 'app-timed', triggers: [{ event: 'cp/timed' }], timeouts: { finish: '1s' } });

describe.each(dbTargets())('the async checkpoint API on $name postgres', (target) => {
  const t = useTestDatabase(target);

  const setup = async (config = plain) => {
    const sql = t.current.database.sql;
    const executor = new Executor({ sql, transport: { url: 'http://unused.invalid/api/inngest' } as SdkTransport, listen: false });
    executor.registry.replace([plain, timed]);
    const runId = await sql.begin((tx) => startRun(tx, new Effects(), config, { id: `e-${Math.random()}`, name: 'cp/x', data: {}, ts: Date.now() }));
    const [item] = (await claimItems(sql, 'w1', 50, 30_000)).filter((i) => i.runId === runId);
    const api = eventApiFetch(executor, { signingKey: SIGNING_KEY });
    const post = async (body: Record<string, unknown>, opts: { auth?: string | null; path?: string } = {}) => {
      const auth = opts.auth === undefined ? `Bearer ${hashSigningKey(SIGNING_KEY)}` : opts.auth;
      const res = await api(`http://executor.internal/v1/checkpoint/${opts.path ?? runId}/async`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
        body: JSON.stringify({ run_id: runId, fn_id: config.id, qi_id: queueItemRef(item!.id, 'w1'), ts: Date.now(), ...body }),
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const memos = async () => sql<{ stepId: string; memo: unknown; name: string | null }[]>`select step_id as "stepId", memo, name from ember_exec.steps where run_id = ${runId} order by seq`;
    const checkpointed = async () => (await sql<{ n: number | null }[]>`select (payload->>'checkpointed')::int as n from ember_exec.queue where id = ${item!.id}`)[0]?.n ?? null;
    return { sql, runId, item: item!, post, memos, checkpointed };
  };
  const stepRun = (id: string, data: unknown) => ({ id, op: 'StepRun', data, displayName: id, userland: { id } });

  it('records the steps of a leased call in order, once each, and counts them on the queue item', async () => {
    const s = await setup();
    expect(await s.post({ steps: [stepRun('s1', 1), stepRun('s2', { v: 2 })] })).toEqual({ status: 200, body: { data: { steps: 2 } } });
    expect(await s.memos()).toEqual([{ stepId: 's1', memo: { data: 1 }, name: 's1' }, { stepId: 's2', memo: { data: { v: 2 } }, name: 's2' }]);
    // The SDK retries a checkpoint whose answer it lost: the same steps again change nothing.
    expect(await s.post({ steps: [stepRun('s2', 'other'), stepRun('s3', null)] })).toEqual({ status: 200, body: { data: { steps: 1 } } });
    expect((await s.memos()).map((m) => [m.stepId, m.memo])).toEqual([['s1', { data: 1 }], ['s2', { data: { v: 2 } }], ['s3', { data: null }]]);
    expect(await s.checkpointed()).toBe(3);
  });

  it('answers 409 and writes nothing for a stale or wrong qi_id, or a run that ended', async () => {
    const s = await setup();
    const write = [stepRun('s1', 1)];
    expect((await s.post({ steps: write, qi_id: queueItemRef(s.item.id, 'w2') })).status).toBe(409);
    expect((await s.post({ steps: write, qi_id: queueItemRef(s.item.id + 100_000, 'w1') })).status).toBe(409);
    expect((await s.post({ steps: write, qi_id: 'not-a-ref' })).status).toBe(409);
    expect((await s.post({ steps: write, fn_id: 'app-other' })).status).toBe(409);
    // Another worker took the item over (the caller's lease ran out).
    await s.sql`update ember_exec.queue set lease_owner = 'w2' where id = ${s.item.id}`;
    expect((await s.post({ steps: write })).status).toBe(409);
    await s.sql`update ember_exec.queue set lease_owner = 'w1' where id = ${s.item.id}`;
    await s.sql`update ember_exec.runs set status = 'cancelled' where id = ${s.runId}`;
    expect((await s.post({ steps: write })).status).toBe(409);
    expect(await s.memos()).toEqual([]);
    expect(await s.checkpointed()).toBeNull();
  });

  it('refuses a missing or wrong API token (401), a body it cannot read and ops other than StepRun (400), writing nothing', async () => {
    const s = await setup();
    const write = [stepRun('s1', 1)];
    expect((await s.post({ steps: write }, { auth: null })).status).toBe(401);
    expect((await s.post({ steps: write }, { auth: `Bearer ${hashSigningKey(SIGNING_KEY.replace(/f$/, 'e'))}` })).status).toBe(401);
    expect((await s.post({ steps: write }, { path: 'another-run' })).status).toBe(400);
    expect((await s.post({ steps: 'nope' })).status).toBe(400);
    expect(await s.post({ steps: [stepRun('s1', 1), { id: 'nap', op: 'Sleep', name: '1s' }] })).toMatchObject({ status: 400, body: { error: 'cannot checkpoint opcode: Sleep' } });
    expect(await s.memos()).toEqual([]);
  });

  it('timeouts.finish: the first checkpoint starts the clock; one after it ran out cancels the run and answers 409', async () => {
    const s = await setup(timed);
    expect((await s.post({ steps: [stepRun('s1', 1)] })).status).toBe(200);
    const [timer] = await s.sql`select run_at > now() as later from ember_exec.queue where run_id = ${s.runId} and kind = 'finish_timeout'`;
    expect(timer).toEqual({ later: true });
    await s.sql`update ember_exec.runs set first_step_at = now() - interval '2 seconds' where id = ${s.runId}`;
    expect((await s.post({ steps: [stepRun('s2', 2)] })).status).toBe(409);
    expect((await s.memos()).map((m) => m.stepId)).toEqual(['s1']);
    const [run] = await s.sql`select status, error->>'name' as error from ember_exec.runs where id = ${s.runId}`;
    expect(run).toEqual({ status: 'cancelled', error: 'InngestTimeoutError' });
  });

  // follows SDK engine.js attemptCheckpointAndResume: when a checkpoint keeps failing (5 tries), the call answers
  // with the steps it buffered, which are applied like any answer: in order, and not taken for parallel steps.
  it('a checkpoint that keeps failing: the SDK answers its buffered steps and the run goes on from them', async () => {
    const sql = t.current.database.sql;
    let executor: Executor | null = null;
    let refused = 0;
    const inngest = new Inngest({
      id: 'cpfail',
      isDev: true,
      baseUrl: 'http://executor.internal',
      fetch: async (input, init) => {
        const url = input instanceof Request ? input.url : String(input);
        if (url.includes('/v1/checkpoint/')) return (refused++, Response.json({ error: 'unavailable' }, { status: 503 }));
        return eventApiFetch(executor!)(input, init);
      },
      logger: { info() {}, warn() {}, error() {}, debug() {} },
    });
    const fn = inngest.createFunction({ id: 'trio', checkpointing: { bufferedSteps: 2 }, triggers: [{ event: 'cp/trio' }] }, async ({ step }) => [
      await step.run('a', () => 'A'),
      await step.run('b', () => 'B'),
      await step.run('c', () => 'C'),
    ]);
    executor = new Executor({ sql, transport: inProcessTransport({ client: inngest, functions: [fn] }), listen: false, checkpointing: true, pollMs: 50 });
    await executor.start();
    try {
      const [id] = await executor.send({ name: 'cp/trio', data: {} });
      const [run] = await executor.runsForEvent(id!);
      expect(await executor.waitForRun(run!.id, 20_000)).toMatchObject({ status: 'completed', output: ['A', 'B', 'C'] });
      expect(refused).toBe(5);
      // a and b came back in the first answer; c, buffered alone, with the run's end.
      const calls = await sql<{ outcome: string }[]>`select outcome from ember_exec.attempts where run_id = ${run!.id} order by id`;
      expect(calls.map((c) => c.outcome)).toEqual(['StepRun,StepRun', 'StepRun,RunComplete']);
      const memos = await sql<{ name: string }[]>`select name from ember_exec.steps where run_id = ${run!.id} order by seq`;
      expect(memos.map((m) => m.name)).toEqual(['a', 'b', 'c']);
      expect((await sql`select disable_immediate as d from ember_exec.runs where id = ${run!.id}`)[0]).toEqual({ d: 0 });
    } finally {
      await executor.stop();
    }
  }, 30_000);

  // The SDK answers StaleDispatchError (400, no-retry) after a checkpoint was refused with 409. Where the lease is
  // still ours when the answer is applied, the refusal was not a takeover: the call is retried, the run not failed.
  it('an answer of StaleDispatchError while the lease is still ours is retried, not taken for the run failing', async () => {
    const sql = t.current.database.sql;
    const answers: Response[] = [
      Response.json({ name: 'StaleDispatchError', message: 'Stale dispatch: checkpoint returned 409' }, { status: 400, headers: { 'x-inngest-no-retry': 'true' } }),
      Response.json('done', { status: 200 }),
    ];
    const seen: { ctx: { qi_id?: string; fn_id?: string; attempt: number } }[] = [];
    const transport: SdkTransport = {
      url: 'http://scripted.invalid/api/inngest',
      sync: async () => ({ status: 200, headers: new Headers(), body: JSON.stringify({ functions: [{ id: 'app-scripted', triggers: [{ event: 'cp/scripted' }] }] }) }),
      call: async (_q, body) => {
        seen.push(body as (typeof seen)[number]);
        const res = answers.shift()!;
        return { status: res.status, headers: res.headers, body: await res.text() };
      },
    };
    const executor = new Executor({ sql, transport, listen: false, checkpointing: true, pollMs: 50, backoffBaseMs: 10, workerId: 'scripted' });
    await executor.start();
    try {
      const [id] = await executor.send({ name: 'cp/scripted', data: {} });
      const [run] = await executor.runsForEvent(id!);
      expect(await executor.waitForRun(run!.id, 10_000)).toMatchObject({ status: 'completed', output: 'done' });
      // Both calls carried the executor's lease; the second was the retry.
      expect(seen.map((b) => [b.ctx.fn_id, b.ctx.qi_id?.replace(/^\d+:/, ''), b.ctx.attempt])).toEqual([['app-scripted', 'scripted', 0], ['app-scripted', 'scripted', 1]]);
    } finally {
      await executor.stop();
    }
  });
});
