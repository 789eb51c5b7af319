/**
 * Observability and rerun work on any engine. The same workflow (an HTTP step that fails once and is retried, a
 * condition, a step that fails) runs twice:
 * (a) in-process, driven by the embedded executor (state in the app's database);
 * (b) in an app process with INNGEST_DEV pointing at `npm run executor`, a separate process with a database of its
 *     own: it stands in for an Inngest server whose store the app cannot look inside (the app's ember_exec stays
 *     empty).
 * Both show the same run inspector attempts (modulo ids and timings), the same metrics numbers, and a rerun from a
 * step that keeps the original trigger's event name.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUNCTION_IDS, functionSlug } from '../../../shared/functions/ids.ts';
import { cond, edge, graph, step, trig } from '../../../shared/graph/fixtures.ts';
import type { Graph } from '../../../shared/graph/schema.ts';
import { startHarness, type Harness } from '../../workflow/testing/harness.ts';
import { cloneDatabase, dbTargets, useTestDatabase } from '../../testing/db.ts';
import { inngest } from '../client.ts';

const repo = path.resolve(import.meta.dirname, '../../..');
const SLUG = 'copper-kettle';
const EXEC = functionSlug(FUNCTION_IDS.workflowExecutor);
const TRIGGER = functionSlug(FUNCTION_IDS.workflowTriggerEnrichment);
/** The functions this scenario runs (the cron sweeps that may fire meanwhile are left out of the comparison). */
const OURS = new Set([EXEC, `${EXEC}-failure`, TRIGGER]);
const EVENT = 'enrichment/pipeline.completed';

type Api = (kind: 'query' | 'mutation', proc: string, input: Record<string, unknown>) => Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
interface Driver {
  api: Api;
  send: (event: { name: string; data: Record<string, unknown> }) => Promise<void>;
  /** The app's database and the executor's (the same one in embedded mode). */
  app: postgres.Sql;
  exec: postgres.Sql;
}

const positioned = (g: Graph): Graph => ({ ...g, steps: g.steps.map((s, i) => ({ ...s, position: { x: i * 160, y: 0 } })) });

async function poll<T>(what: string, fn: () => Promise<T | null | undefined | false>, explain: () => Promise<unknown> = async () => '', timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${JSON.stringify(await explain(), null, 1)}`);
    await new Promise((r) => setTimeout(r, 50)); // bounded polling for an outcome in another process
  }
}

/** The scenario, the same for every engine; returns what the app shows of it, without ids and timings. */
async function scenario(d: Driver, flakyUrl: string, resetFlaky: () => void) {
  resetFlaky();
  const from = new Date(Date.now() - 60_000);
  const wf = await d.api('mutation', 'workflows.create', { companySlug: SLUG, name: 'Observed', triggerConfig: { type: 'event', event: EVENT } });
  const saved = await d.api('mutation', 'workflows.saveGraph', {
    companySlug: SLUG, id: wf.id, expectedRevision: wf.revision,
    graph: positioned(graph(
      [
        trig(),
        step('f', 'http_request', 'action', { method: 'POST', url: flakyUrl, headers: {}, timeoutMs: 5000 }),
        cond('c', 'event.data.stats.failed == 0'),
        step('y', 'transform', 'action', { mapping: { trigger: 'event.name', failed: 'event.data.stats.failed' } }),
        step('bad', 'transform', 'action', { mapping: { z: '1 / 0' } }),
      ],
      [edge('t', 'f'), edge('f', 'c'), edge('c', 'y', 'yes'), edge('c', 'bad', 'no')],
    )),
  });
  expect(saved.issues).toEqual([]);
  await d.api('mutation', 'workflows.publish', { companySlug: SLUG, id: wf.id, expectedRevision: saved.revision });
  await d.api('mutation', 'workflows.setEnabled', { companySlug: SLUG, id: wf.id, enabled: true });
  const [company] = await d.app<{ id: string }[]>`select id from companies where slug = ${SLUG}`;

  const runs = async () => d.app<{ id: string; status: string }[]>`select id, status::text from workflow_runs where workflow_id = ${wf.id} order by created_at, id`;
  // What the app recorded, to explain a wait that timed out.
  const state = async () => ({
    runs: await runs(),
    functions: await d.app`select f.function_id, f.status, f.workflow_run_id, a.step_id, a.attempt, a.outcome, a.detail, a.error_message
      from function_runs f left join function_attempts a on a.run_id = f.run_id order by f.created_at, a.started_at`,
  });
  const finished = (n: number) => poll(`run ${n} of the workflow to finish`, async () => {
    const r = (await runs())[n];
    return r && ['completed', 'failed'].includes(r.status) ? r : null;
  }, state);
  // The recorder writes a call before the SDK answers it; the workflow's own rows finish a call earlier.
  const recorded = (fn: string, workflowRunId: string) => poll(`${fn} of ${workflowRunId} recorded as finished`, async () =>
    (await d.app`select 1 from function_runs where function_id = ${fn} and workflow_run_id = ${workflowRunId} and status <> 'running'`).length > 0, state);
  const job = (failed: number) => ({
    name: EVENT,
    data: { companyId: company!.id, jobId: crypto.randomUUID(), status: 'failed', productIds: [], fields: [], stats: { suggestions: 0, autoApproved: 0, pendingReview: 0, failed } },
  });

  await d.send(job(0));
  const a = await finished(0);
  await d.send(job(1));
  const b = await finished(1);
  expect([a.status, b.status]).toEqual(['completed', 'failed']);
  await recorded(EXEC, a.id);
  await recorded(EXEC, b.id);
  const rerun = await d.api('mutation', 'runs.rerun', { companySlug: SLUG, id: b.id, fromStepId: 'bad' });
  expect(rerun.reused.sort()).toEqual(['c', 'f']);
  const r = await finished(2);
  expect(r).toMatchObject({ id: rerun.runId, status: 'failed' });
  await recorded(EXEC, r.id);
  await poll('the trigger function runs recorded', async () =>
    (await d.app`select count(*)::int n from function_runs where function_id = ${TRIGGER} and status = 'completed'`)[0]!.n >= 2);
  // Anything of ours still in flight (an onFailure handler) settles before the numbers are read.
  await poll('our function runs to settle', async () =>
    (await d.app`select count(*)::int n from function_runs where function_id = any(${[...OURS]}) and status = 'running'`)[0]!.n === 0);

  // The rerun keeps the trigger: on its row, in the event the engine got, and so in `event.name` for expressions.
  const [rerunRow] = await d.app`select trigger_event_name from workflow_runs where id = ${r.id}`;
  const [engineSaw] = await d.exec`select event->'data'->'trigger'->>'type' as name from ember_exec.runs where function_slug = ${EXEC} and event->'data'->>'workflowRunId' = ${r.id}`;
  const [y] = await d.app`select output from workflow_run_steps where run_id = ${a.id} and step_id = 'y'`;

  const inspect = async (id: string) => {
    const got = await d.api('query', 'runs.attempts', { companySlug: SLUG, id });
    const steps: Record<string, unknown[]> = {};
    for (const [stepId, list] of Object.entries(got.steps as Record<string, { phase: string; attempt: number; ok: boolean; outcome: string; startedAt: string; endedAt: string; error: { message?: string } | null }[]>)) {
      steps[stepId] = list.map((x) => {
        expect(Date.parse(x.endedAt)).toBeGreaterThanOrEqual(Date.parse(x.startedAt));
        return { phase: x.phase, attempt: x.attempt, ok: x.ok, outcome: x.outcome, error: x.error?.message ?? null };
      });
    }
    return { available: got.available, steps };
  };
  const range = { from, to: new Date(Date.now() + 60_000) };
  const m = await d.api('query', 'metrics.dashboard', { companySlug: SLUG, ...range });
  const drill = await d.api('query', 'metrics.drill', { companySlug: SLUG, ...range, point: { metric: 'step_success_rate', functionId: EXEC } });
  return {
    trigger: { rerun: rerunRow!.trigger_event_name, engine: engineSaw?.name, y: y!.output },
    inspector: { a: await inspect(a.id), b: await inspect(b.id), rerun: await inspect(r.id) },
    metrics: {
      stepSuccess: (m.stepSuccess.functions as { functionId: string }[]).filter((f) => OURS.has(f.functionId)),
      stepsPerRun: (m.stepsPerRun.workflows as { workflowId: string; runs: number; steps: number; avg: number }[]).filter((w) => w.workflowId === wf.id).map(({ runs, steps, avg }) => ({ runs, steps, avg })),
      latencyCounts: (m.eventLatency.functions as { functionId: string; count: number }[]).filter((f) => OURS.has(f.functionId)).map(({ functionId, count }) => ({ functionId, count })),
      stepSuccessDrill: (drill as { workflowId: string | null; value: string }[]).filter((x) => x.workflowId === wf.id).map((x) => x.value).sort(),
    },
  };
}
type Observed = Awaited<ReturnType<typeof scenario>>;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

function waitForOutput(child: ChildProcess, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (chunk: Buffer) => {
      out += chunk;
      const m = pattern.exec(out);
      if (m) resolve(m);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited ${code} before ${pattern}:\n${out}`)));
  });
}

describe.each(dbTargets().slice(0, 1))('observability on any engine on $name postgres', (target) => {
  const t = useTestDatabase(target, { seeded: true });
  const observed: Partial<Record<'embedded' | 'cli', Observed>> = {};
  let flaky: http.Server;
  let flakyUrl = '';
  let hits = 0;
  const children: ChildProcess[] = [];
  const cleanup: (() => Promise<unknown>)[] = [];

  beforeAll(async () => {
    process.env.EMBER_HTTP_ALLOWLIST = '127.0.0.1/32';
    // Every other request fails with 503: each run's HTTP step fails once, then succeeds on its retry.
    flaky = http.createServer((req, res) => void res.writeHead(++hits % 2 === 1 ? 503 : 200, { 'content-type': 'application/json' }).end('{}'));
    await new Promise<void>((r) => flaky.listen(0, '127.0.0.1', r));
    flakyUrl = `http://127.0.0.1:${(flaky.address() as AddressInfo).port}/flaky`;
  });
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
    await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)))));
    for (const fn of cleanup.reverse()) await fn();
    await new Promise((r) => flaky.close(r));
  });

  it('(a) in-process, with the embedded executor', { timeout: 120_000 }, async () => {
    const database = t.current.database;
    const h: Harness = await startHarness(database); // records the calls as boot does (observe middleware bound)
    cleanup.push(() => h.stop());
    const at = (proc: string) => proc.split('.').reduce<any>((o, k) => o[k], h.editor); // eslint-disable-line @typescript-eslint/no-explicit-any
    observed.embedded = await scenario(
      { api: (_kind, proc, input) => at(proc)(input), send: async (e) => void (await inngest.send(e)), app: database.sql, exec: database.sql },
      flakyUrl,
      () => (hits = 0),
    );
  });

  it('(b) an app process driven over HTTP by `npm run executor` with its own database', { timeout: 240_000 }, async () => {
    const appDb = await cloneDatabase(target, { seeded: true });
    cleanup.push(() => appDb.drop());
    const execDb = await cloneDatabase(target);
    cleanup.push(() => execDb.drop());
    const [execPort, appPort] = [await freePort(), await freePort()];
    const env: Record<string, string | undefined> = { ...process.env, EMBER_STATIC_DIR: '/nonexistent', EMBER_HTTP_ALLOWLIST: '127.0.0.1/32' };
    delete env.VITEST; // a normal app process
    const app = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
      cwd: repo, stdio: ['ignore', 'pipe', 'pipe'], env: { ...env, DATABASE_URL: appDb.url, PORT: String(appPort), HOST: '127.0.0.1', INNGEST_DEV: `http://127.0.0.1:${execPort}` },
    });
    children.push(app);
    await waitForOutput(app, /running on/);
    const cli = spawn(process.execPath, ['--import', 'tsx', 'server/executor/cli.ts', '--app-url', `http://127.0.0.1:${appPort}/api/inngest`, '--port', String(execPort)], {
      cwd: repo, stdio: ['ignore', 'pipe', 'pipe'], env: { ...env, DATABASE_URL: execDb.url },
    });
    children.push(cli);
    await waitForOutput(cli, /synced (\d+) function/);

    const base = `http://127.0.0.1:${appPort}`;
    const signIn = await fetch(`${base}/trpc/auth.signIn`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'rachel@copperkettle.example', password: 'ember-demo' }) });
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    const api: Api = async (kind, proc, input) => {
      const res = kind === 'query'
        ? await fetch(`${base}/trpc/${proc}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers: { cookie } })
        : await fetch(`${base}/trpc/${proc}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(input) });
      const body = (await res.json()) as { result?: { data: unknown }; error?: unknown };
      if (!res.ok) throw new Error(`${proc}: ${JSON.stringify(body.error)}`);
      return body.result!.data;
    };
    const send = async (e: { name: string; data: Record<string, unknown> }) => {
      const res = await fetch(`http://127.0.0.1:${execPort}/e/test-key`, { method: 'POST', body: JSON.stringify([e]) });
      expect(res.status).toBe(200);
    };
    const appSql = postgres(appDb.url, { max: 2, onnotice: () => {} });
    const execSql = postgres(execDb.url, { max: 2, onnotice: () => {} });
    cleanup.push(() => appSql.end(), () => execSql.end());

    observed.cli = await scenario({ api, send, app: appSql, exec: execSql }, flakyUrl, () => (hits = 0));

    // The app never had the engine's state to read: everything above came from its own tables.
    expect((await appSql`select count(*)::int n from ember_exec.runs`)[0]!.n).toBe(0);
    expect((await appSql`select count(*)::int n from ember_exec.attempts`)[0]!.n).toBe(0);
    // /metrics: runs and attempts from the app's record; no queue gauges, since no executor runs in the app.
    const prom = await (await fetch(`${base}/metrics`)).text();
    expect(prom).toMatch(new RegExp(`^ember_step_attempts_total\\{function="${EXEC}",result="ok"\\} [1-9]\\d*$`, 'm'));
    expect(prom).toMatch(new RegExp(`^ember_function_runs_completed_total\\{function="${EXEC}"\\} 3$`, 'm'));
    expect(prom).not.toMatch(/ember_queue_depth|ember_executor_lag_seconds/);
  });

  it('both show the same inspector attempts, the same metrics and a rerun that keeps its trigger', () => {
    const { embedded, cli } = observed;
    expect(embedded && cli).toBeTruthy();
    const ran = (phase = 'run') => ({ phase, attempt: 1, ok: true, outcome: 'StepRun', error: null });
    const retried = [{ phase: 'run', attempt: 1, ok: false, outcome: 'StepError', error: expect.stringMatching(/answered 503$/) }, { ...ran(), attempt: 2 }];
    const failed = [{ phase: 'run', attempt: 1, ok: false, outcome: 'StepFailed', error: 'z: division by zero' }, ran('failed')];
    for (const o of [embedded!, cli!]) {
      expect(o.trigger).toEqual({ rerun: EVENT, engine: EVENT, y: { trigger: EVENT, failed: 0 } });
      // The HTTP step failed once and was retried; "bad" failed for good (and recorded it); the branch not taken was
      // skipped. The rerun from "bad" handed back f's and c's recorded outputs without calling anything.
      expect(o.inspector).toEqual({
        a: { available: true, steps: { f: retried, c: [ran()], y: [ran()], bad: [ran('skip')] } },
        b: { available: true, steps: { f: retried, c: [ran()], y: [ran('skip')], bad: failed } },
        rerun: { available: true, steps: { f: [ran()], c: [ran()], y: [ran('skip')], bad: failed } },
      });
      // 30 attempts of the workflow executor, 4 failing (two first tries of f, bad twice); the trigger function's 6. With
      // checkpointing (the default) the steps after a discovery run in its call, so there are fewer calls than steps.
      expect(o.metrics).toEqual({
        stepSuccess: [
          { functionId: EXEC, attempts: 30, succeeded: 26, failed: 4, rate: 26 / 30 },
          { functionId: TRIGGER, attempts: 6, succeeded: 6, failed: 0, rate: 1 },
        ],
        stepsPerRun: [{ runs: 3, steps: 12, avg: 4 }],
        latencyCounts: [{ functionId: EXEC, count: 3 }, { functionId: TRIGGER, count: 2 }],
        stepSuccessDrill: ['8/9 attempts ok', '9/10 attempts ok', '9/11 attempts ok'],
      });
    }
    expect(cli!.inspector).toEqual(embedded!.inspector);
    expect(cli!.metrics).toEqual(embedded!.metrics);
  });
});
