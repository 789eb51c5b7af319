/** Conformance cases: Ops the executor performs itself or routes (signals, step.fetch, step.ai.infer), run over both transports by conformance-suite.ts. */
import { Inngest } from 'inngest';
import { afterAll, expect, it } from 'vitest';
import { eventApiFetch } from '../event-api.ts';
import { hashStepId } from '../ids.ts';
import { closeOpsServers, FAKE_ANTHROPIC_KEY, opsServers } from './conformance-ops-servers.ts';
import { key, type ConformanceTools } from './conformance-suite.ts';

export function opsCases(t: ConformanceTools): void {
  afterAll(closeOpsServers);

  /** Bounded polling until the signal's one waiter is the given run. */
  const waitingOn = async (signal: string, runId: string) => {
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const [row] = await t.h().sql`select run_id from ember_exec.signals where signal = ${signal}`;
      if (row?.run_id === runId) return;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`run ${runId} never waited on signal ${signal}`);
  };
  const startWaiter = async (k: string, signal: string, extra: Record<string, unknown> = {}) => {
    const [id] = await t.h().send([{ name: 'conf/signal-wait', data: { key: k, signal, ...extra } }]);
    const run = await t.runOf(id!, 'conformance-signal-waiter');
    await waitingOn(signal, run.id);
    return run;
  };
  const post = async (signal: string, payload: unknown) => {
    const [id] = await t.h().send([{ name: 'conf/signal-post', data: { signal, payload } }]);
    return t.finished(id!, 'conformance-signal-poster');
  };

  // follows inngest docs: reference/typescript/v4/functions/step-wait-for-signal; SDK api/api.js sendSignal ({data:{run_id}})
  it('waitForSignal: resumed by POST /v1/signals, which answers the run id; the step returns {signal, data}', async () => {
    const k = key('sig-post');
    const signal = `approval/${k}`;
    const waiter = await startWaiter(k, signal);
    const poster = await post(signal, { n: 7 });
    expect(poster).toMatchObject({ status: 'completed', output: { runId: waiter.id } });
    expect(await t.h().executor.waitForRun(waiter.id)).toMatchObject({ status: 'completed', output: { got: { signal, data: { n: 7 } } } });
    expect((await t.steps(k)).map((s) => s.step)).toEqual(['signalled-7']);
    expect(await t.h().sql`select 1 from ember_exec.signals where signal = ${signal}`).toHaveLength(0);
    expect(await t.h().sql`select 1 from ember_exec.queue where run_id = ${waiter.id}`).toHaveLength(0);
  });

  // follows inngest docs: reference/typescript/v4/functions/step-send-signal
  it('step.sendSignal resumes the waiting run; the send is a memoized step, made once', async () => {
    const k = key('sig-step');
    const signal = `handoff/${k}`;
    const waiter = await startWaiter(k, signal);
    const [id] = await t.h().send([{ name: 'conf/signal-send', data: { key: `${k}-sender`, signal, payload: { n: 3 } } }]);
    const sender = await t.finished(id!, 'conformance-signal-sender');
    expect(sender).toMatchObject({ status: 'completed', output: { runId: waiter.id } });
    expect(await t.h().executor.waitForRun(waiter.id)).toMatchObject({ status: 'completed', output: { got: { signal, data: { n: 3 } } } });
    const [memo] = await t.h().sql`select memo from ember_exec.steps where run_id = ${sender.id} and step_id = ${hashStepId('send-signal')}`;
    expect(memo!.memo).toEqual({ data: { runId: waiter.id } });
    expect((await t.steps(`${k}-sender`)).map((s) => s.step)).toEqual(['sent']);
  });

  // follows inngest docs: reference/typescript/v4/functions/step-wait-for-signal ("the run will resume with … null")
  it('waitForSignal: a timeout resumes the step with null', async () => {
    const k = key('sig-timeout');
    const signal = `never/${k}`;
    const waiter = await startWaiter(k, signal, { timeout: '300ms' });
    expect(await t.h().executor.waitForRun(waiter.id)).toMatchObject({ status: 'completed', output: { got: null } });
    expect((await t.steps(k)).map((s) => s.step)).toEqual(['timed-out']);
    expect(await t.h().sql`select 1 from ember_exec.signals where signal = ${signal}`).toHaveLength(0);
    // A signal after the timeout finds nobody.
    expect(await post(signal, { n: 1 })).toMatchObject({ status: 'completed', output: {} });
  });

  // follows inngest pkg/execution/executor/executor.go handleGeneratorWaitForSignal (ErrSignalConflict fails the step)
  it("waitForSignal onConflict 'fail': the second wait's step fails with Inngest's error (catchable); the first still gets the signal", async () => {
    const k = key('sig-fail');
    const signal = `shared/${k}`;
    const first = await startWaiter(`${k}-a`, signal);
    const [id] = await t.h().send([{ name: 'conf/signal-wait', data: { key: `${k}-b`, signal, onConflict: 'fail' } }]);
    const second = await t.finished(id!, 'conformance-signal-waiter');
    expect(second).toMatchObject({ status: 'completed', output: { caught: 'Signal conflict; signal wait already exists for another run' } });
    expect((await t.steps(`${k}-b`)).map((s) => s.step)).toEqual(['caught']);
    await waitingOn(signal, first.id);
    expect(await post(signal, { n: 11 })).toMatchObject({ output: { runId: first.id } });
    expect(await t.h().executor.waitForRun(first.id)).toMatchObject({ status: 'completed', output: { got: { data: { n: 11 } } } });
  });

  // follows inngest docs: reference/typescript/v4/functions/step-wait-for-signal ("replace … previous runs will NOT resume from this signal … and instead will time out")
  it("waitForSignal onConflict 'replace': the newer wait gets the signal; the older one only times out", async () => {
    const k = key('sig-replace');
    const signal = `latest/${k}`;
    const older = await startWaiter(`${k}-old`, signal, { timeout: '2s' });
    const newer = await startWaiter(`${k}-new`, signal, { onConflict: 'replace' });
    expect(await post(signal, { n: 5 })).toMatchObject({ output: { runId: newer.id } });
    expect(await t.h().executor.waitForRun(newer.id)).toMatchObject({ status: 'completed', output: { got: { signal, data: { n: 5 } } } });
    expect(await t.h().executor.waitForRun(older.id)).toMatchObject({ status: 'completed', output: { got: null } });
    expect((await t.steps(`${k}-old`)).map((s) => s.step)).toEqual(['timed-out']);
    expect((await t.steps(`${k}-new`)).map((s) => s.step)).toEqual(['signalled-5']);
  });

  // follows inngest docs: reference/typescript/v4/functions/step-wait-for-signal; SDK api/api.js sendSignal (404 → no run id)
  it('POST /v1/signals answers 404 when nothing waits (and the SDK reports no run id)', async () => {
    const signal = `nobody/${key('sig-404')}`;
    const res = await eventApiFetch(t.h().executor)('http://executor.internal/v1/signals', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ signal, data: {} }) });
    expect(res.status).toBe(404);
    expect(await post(signal, { n: 1 })).toMatchObject({ status: 'completed', output: {} });
    // With a signing key the API wants the SDK's token for it (Authorization: Bearer <hashed key>), as Inngest's does.
    const signingKey = 'signkey-test-8ee2262a15e8d3c42d6a840db7af3de2aab08ef632b32a37a687f24b34dba3ff';
    const api = eventApiFetch(t.h().executor, { signingKey });
    const client = (k: string) => new Inngest({ id: 'signal-client', isDev: true, signingKey: k, baseUrl: 'http://executor.internal', fetch: api });
    expect(await client(signingKey).sendSignal({ signal, data: {} })).toEqual({ runId: undefined });
    await expect(client(signingKey.replace(/.$/, '0')).sendSignal({ signal, data: {} })).rejects.toThrow(/Failed to send signal: Unauthorized/);
  });

  // follows inngest docs: reference/typescript/v4/functions/step-fetch; pkg/execution/executor/executor.go handleGeneratorGateway
  it('step.fetch: the executor makes the request (through the SSRF guard) and memoizes the response; replays do not refetch', async () => {
    const k = key('fetch');
    const { receiverUrl, received } = await opsServers();
    const [id] = await t.h().send([{ name: 'conf/fetch', data: { key: k, url: `${receiverUrl}/hit/${k}` } }]);
    const run = await t.finished(id!, 'conformance-fetcher');
    expect(run).toMatchObject({ status: 'completed', output: { status: 201, header: 'conformance', body: { got: k, method: 'POST', body: JSON.stringify({ key: k }) } } });
    const hits = received.filter((r) => r.path === `/hit/${k}`);
    expect(hits).toHaveLength(1);
    expect(hits[0]!.headers['x-conf-key']).toBe(k);
    expect((await t.steps(k)).map((s) => s.step)).toEqual(['fetched-201']);
    const [memo] = await t.h().sql`select op, memo from ember_exec.steps where run_id = ${run.id} and op = 'Gateway'`;
    expect(memo!.memo).toMatchObject({ data: { status_code: 201, url: `${receiverUrl}/hit/${k}` } });
  });

  // follows inngest pkg/execution/executor/executor.go handleGeneratorGateway (a failed request is a GatewayError in the step)
  it('step.fetch: a refused address fails the step at once, catchably, also when a redirect leads there', async () => {
    const { receiverUrl, received } = await opsServers();
    const k = key('fetch-refused');
    const [id] = await t.h().send([{ name: 'conf/fetch', data: { key: k, url: 'http://169.254.169.254/latest/meta-data/' } }]);
    expect(await t.finished(id!, 'conformance-fetcher')).toMatchObject({ status: 'completed', output: { caught: 'Error making gateway request: 169.254.169.254 is a link-local address' } });
    expect((await t.steps(k)).map((s) => s.step)).toEqual(['caught']);

    const k2 = key('fetch-redirect');
    const before = received.filter((r) => r.path === '/to-private').length;
    const [id2] = await t.h().send([{ name: 'conf/fetch', data: { key: k2, url: `${receiverUrl}/to-private` } }]);
    expect(await t.finished(id2!, 'conformance-fetcher')).toMatchObject({ status: 'completed', output: { caught: 'Error making gateway request: 10.0.0.1 is a private address' } });
    // Refused, not retried: the receiver saw the one request that redirected.
    expect(received.filter((r) => r.path === '/to-private').length - before).toBe(1);
  });

  // follows inngest pkg/execution/executor/executor.go handleGeneratorGateway (a failed request is retried while attempts remain)
  it('step.fetch: a network error is retried like a step error', async () => {
    const { receiverUrl, received } = await opsServers();
    const k = key('fetch-flaky');
    const [id] = await t.h().send([{ name: 'conf/fetch', data: { key: k, url: `${receiverUrl}/flaky/${k}` } }]);
    expect(await t.finished(id!, 'conformance-fetcher')).toMatchObject({ status: 'completed', output: { status: 201, body: { got: k } } });
    expect(received.filter((r) => r.path === `/flaky/${k}`)).toHaveLength(2);
    expect((await t.steps(k)).map((s) => s.step)).toEqual(['fetched-201']);
  });

  // follows inngest docs: reference/typescript/v4/functions/step-ai-infer; pkg/execution/executor/executor.go handleGeneratorAIGateway
  it('step.ai.infer (Anthropic): sent to the configured base URL with the configured key; the answer is memoized', async () => {
    const { anthropic } = await opsServers();
    anthropic.on('greet', (req) => ({ greeting: `hello from the fake: ${req.text}` }));
    const k = key('infer');
    const [id] = await t.h().send([{ name: 'conf/infer', data: { key: k } }]);
    const run = await t.finished(id!, 'conformance-inferrer');
    expect(run).toMatchObject({ status: 'completed', output: { greeting: `hello from the fake: say hello to ${k}`, usage: { input_tokens: 12, output_tokens: 7 } } });
    const calls = anthropic.requests.filter((r) => r.text.includes(k));
    expect(calls).toHaveLength(1);
    expect(calls[0]!.headers['x-api-key']).toBe(FAKE_ANTHROPIC_KEY);
    expect(calls[0]!.headers['anthropic-version']).toBe('2023-06-01');
    expect(calls[0]!.body).toMatchObject({ model: 'claude-sonnet-4-5', max_tokens: 256 });
    expect((await t.steps(k)).map((s) => s.step)).toEqual(['inferred']);
  });

  // follows inngest pkg/execution/executor/executor.go handleGeneratorAIGateway (status > 299 is retried while attempts remain)
  it('step.ai.infer: a provider error is retried like a step error', async () => {
    const { anthropic } = await opsServers();
    anthropic.on('greet', (req) => ({ greeting: `hello from the fake: ${req.text}` }));
    const k = key('infer-retry');
    anthropic.fault('529', 1, { text: k });
    const [id] = await t.h().send([{ name: 'conf/infer', data: { key: k } }]);
    expect(await t.finished(id!, 'conformance-inferrer')).toMatchObject({ status: 'completed', output: { greeting: `hello from the fake: say hello to ${k}` } });
    expect(anthropic.requests.filter((r) => r.text.includes(k))).toHaveLength(2);
  });
}
