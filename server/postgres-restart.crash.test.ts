// Take the database away from a whole app (bootApp: migrations, seed, executor, live feed, HTTP) while workflow runs
// are in flight: SIGKILL only its embedded PostgreSQL three times (the supervisor restarts it), then, on an external
// Postgres (DATABASE_URL), SIGKILL the server twice and start it again once the app has noticed. The app must carry on
// by itself: /healthz goes 503 with the reason and back to 200, every run started before the kills completes exactly
// once, no step whose completion was recorded runs again, and a live-feed stream opened before the first kill still
// delivers changes after the last one. Unhandled rejections fail the run (vitest reports them), so none may escape.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { edge, graph, step, trig } from '../shared/graph/fixtures.ts';
import { prng, seedFrom } from '../shared/random/prng.ts';
import type { Graph } from '../shared/graph/schema.ts';
import { bootApp, type RunningApp } from './boot.ts';
import { connect } from './db/client.ts';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from './db/embedded-postgres.ts';
import { processesUsing, readPostmasterPid, waitFor } from './db/embedded-postgres-stale.ts';
import { parseEnv } from './env.ts';
import { hashStepId } from './executor/ids.ts';
import { stepIds } from './workflow/port.ts';

const repoRoot = path.resolve(import.meta.dirname, '..');
const root = path.join(repoRoot, '.data', 'test-tmp', `pg-restart-${randomBytes(4).toString('hex')}`);
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const RUNS = Number(process.env.PG_RESTART_RUNS ?? 24);
const SLUG = 'copper-kettle';
// Reproduce the kill moments with PG_RESTART_SEED=<seed> (printed with the results).
const seed = seedFrom(process.env.PG_RESTART_SEED);

// t → a (task) → w1 (2 s) → b → w2 (2 s) → c → w3 (2 s) → d → x (transform): every run outlasts the kills.
const TASK_STEPS = ['a', 'b', 'c', 'd'];
const WORKFLOW: Graph = (() => {
  const task = (id: string) => step(id, 'create_task', 'action', { title: `Restart check ${id}`, priority: 'medium' });
  const wait = (id: string) => step(id, 'delay', 'action', { duration: '2s' });
  const g = graph(
    [trig(), task('a'), wait('w1'), task('b'), wait('w2'), task('c'), wait('w3'), task('d'), step('x', 'transform', 'action', { mapping: { done: 'true' } })],
    [edge('t', 'a'), edge('a', 'w1'), edge('w1', 'b'), edge('b', 'w2'), edge('w2', 'c'), edge('c', 'w3'), edge('w3', 'd'), edge('d', 'x')],
  );
  return { ...g, steps: g.steps.map((s, i) => ({ ...s, position: { x: i * 120, y: 0 } })) };
})();

// Every committed execution of a task step's body, and whether its completion had been recorded already, by the
// engine (workflow_run_steps) or the executor (the memo in ember_exec.steps): either means a recorded step ran again.
const INSTRUMENTS = `
create table restart_memo_ids (step_id text primary key, hashed text not null);
create table restart_effects (
  id bigserial primary key, run_id uuid not null, step_id text not null,
  step_done boolean not null, memo_existed boolean not null, at timestamptz not null default clock_timestamp());
create function restart_effect() returns trigger language plpgsql security definer set search_path = public as $$
begin
  insert into restart_effects (run_id, step_id, step_done, memo_existed) values (new.run_id, new.step_id,
    exists(select 1 from workflow_run_steps s where s.run_id = new.run_id and s.step_id = new.step_id and s.status = 'completed'),
    exists(select 1 from ember_exec.steps m join ember_exec.runs r on r.id = m.run_id join restart_memo_ids i on i.hashed = m.step_id
           where i.step_id = new.step_id and r.event->'data'->>'workflowRunId' = new.run_id::text));
  return new;
end $$;
create trigger zz_restart_effect before insert on tasks for each row when (new.run_id is not null) execute function restart_effect();
`;

async function poll<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs: number, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

function client(app: RunningApp) {
  let cookie = '';
  return {
    async call<T>(proc: string, input: unknown): Promise<T> {
      const res = await fetch(`${app.url}/trpc/${proc}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(input) });
      const body = (await res.json()) as { result?: { data: T }; error?: unknown };
      if (!res.ok || !body.result) throw new Error(`${proc}: ${res.status} ${JSON.stringify(body.error ?? body)}`);
      cookie = res.headers.get('set-cookie')?.split(';')[0] ?? cookie;
      return body.result.data;
    },
    /** The company's live run changes over SSE (runs.watch), collected as they arrive. */
    async watch() {
      const input = encodeURIComponent(JSON.stringify({ companySlug: SLUG }));
      const abort = new AbortController();
      const res = await fetch(`${app.url}/trpc/runs.watch?input=${input}`, { headers: { cookie, accept: 'text/event-stream' }, signal: abort.signal });
      expect(res.status).toBe(200);
      const changes: { runId: string; stepId: string; status: string; runStatus?: string; seq: number }[] = [];
      let ended = false;
      const reader = res.body!.getReader();
      const pump = (async () => {
        const decoder = new TextDecoder();
        let buf = '';
        try {
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            buf += decoder.decode(value, { stream: true });
            for (let i = buf.indexOf('\n\n'); i >= 0; i = buf.indexOf('\n\n')) {
              const lines = buf.slice(0, i).split('\n');
              buf = buf.slice(i + 2);
              if (lines.some((l) => l.startsWith('event:'))) continue; // connected, ping, return, serialized-error
              const data = lines.filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trim()).join('\n');
              if (data) changes.push(JSON.parse(data));
            }
          }
        } catch {
          /* aborted */
        } finally {
          ended = true;
        }
      })();
      return { changes, ended: () => ended, close: async () => { abort.abort(); await pump; } };
    },
  };
}

interface Health { status: number; reason?: string }

/** Polls /healthz until it has answered 503 and then 200 again; returns its answers on the way, repeats collapsed. */
async function healthThroughOutage(app: RunningApp, timeoutMs: number): Promise<Health[]> {
  const seen: Health[] = [];
  const deadline = Date.now() + timeoutMs;
  let wentDown = false;
  for (;;) {
    const res = await fetch(`${app.url}/healthz`);
    const body = (await res.json()) as { reason?: string };
    const h: Health = { status: res.status, ...(body.reason ? { reason: body.reason } : {}) };
    const last = seen.at(-1);
    if (!last || last.status !== h.status || last.reason !== h.reason) seen.push(h);
    if (res.status === 503) wentDown = true;
    if (wentDown && res.status === 200) return seen;
    if (Date.now() > deadline) throw new Error(`/healthz did not go down and up again within ${timeoutMs} ms: ${JSON.stringify(seen)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

interface Outage {
  openRuns: number;
  health: Health[];
  ms: number;
}

/**
 * Starts RUNS runs, takes the database away `kills` times while they run (`kill` does it and resolves once the
 * database may come back), and checks that everything completed exactly once and the live stream still flows.
 */
async function runsSurviveOutages(app: RunningApp, logs: string[], kills: number, kill: (k: number) => Promise<void>): Promise<Outage[]> {
  // The test's own pool is one more client of the same server: it reconnects the same way the app's do.
  const owner = connect(app.databaseUrl, { max: 2 });
  let stream: Awaited<ReturnType<ReturnType<typeof client>['watch']>> | null = null;
  try {
    await owner.sql.unsafe(INSTRUMENTS);
    for (const id of TASK_STEPS) await owner.sql`insert into restart_memo_ids values (${id}, ${hashStepId(stepIds.run(id))})`;
    const api = client(app);
    await api.call('auth.signIn', { email: 'rachel@copperkettle.example', password: 'ember-demo' });
    const wf = await api.call<{ id: string; revision: number }>('workflows.create', { companySlug: SLUG, name: 'Survives a database outage' });
    const saved = await api.call<{ revision: number; issues: unknown[] }>('workflows.saveGraph', { companySlug: SLUG, id: wf.id, expectedRevision: wf.revision, graph: WORKFLOW });
    expect(saved.issues).toEqual([]);
    await api.call('workflows.publish', { companySlug: SLUG, id: wf.id, expectedRevision: saved.revision });
    stream = await api.watch();

    const runIds: string[] = [];
    for (let n = 0; n < RUNS; n++) runIds.push((await api.call<{ runId: string }>('runs.start', { companySlug: SLUG, workflowId: wf.id, payload: { n } })).runId);
    const progress = async () => {
      const [row] = await owner.sql<{ steps: number; open: number }[]>`
        select (select count(*)::int from workflow_run_steps where run_id = any(${runIds}::uuid[]) and status = 'completed') as steps,
               (select count(*)::int from workflow_runs where id = any(${runIds}::uuid[]) and status not in ('completed', 'failed', 'cancelled')) as open`;
      return row!;
    };

    const rand = prng(seed);
    const outages: Outage[] = [];
    let before = await progress();
    for (let k = 1; k <= kills; k++) {
      // Kill while the engine is visibly working (a step completed since the last recovery, runs still open), at a
      // random moment of the next 300 ms: the sleep picks the moment, it does not stand in for synchronisation.
      await poll(`progress before kill ${k}`, async () => {
        const p = await progress();
        return p.steps > before.steps && p.open > 0 ? p : undefined;
      }, 30_000, 10);
      await new Promise((r) => setTimeout(r, Math.floor(rand() * 300)));
      const at = await progress();
      const t0 = Date.now();
      const [health] = await Promise.all([healthThroughOutage(app, 60_000), kill(k)]);
      outages.push({ openRuns: at.open, health, ms: Date.now() - t0 });
      before = await poll('the test pool to reconnect', progress, 10_000);
    }

    // Finished: the workflow runs, and the executor runs driving them (which end just after their last step).
    const final = await poll('every run to finish', async () => {
      const rows = await owner.sql<{ id: string; status: string }[]>`select id, status from workflow_runs where id = any(${runIds}::uuid[])`;
      const [exec] = await owner.sql<{ running: number }[]>`select count(*)::int as running from ember_exec.runs
        where function_slug like '%workflow-executor' and event->'data'->>'workflowRunId' = any(${runIds}) and status = 'running'`;
      return rows.every((r) => ['completed', 'failed', 'cancelled'].includes(r.status)) && exec!.running === 0 ? rows : undefined;
    }, 60_000, 100);

    // Every kill hit runs in flight, and /healthz was healthy again after each.
    for (const o of outages) {
      expect(o.openRuns).toBeGreaterThan(0);
      expect(o.health.at(-1)!.status).toBe(200);
    }
    // Every run completed, once: one executor run each, completed.
    expect(final.filter((r) => r.status !== 'completed')).toEqual([]);
    const execRuns = await owner.sql<{ workflowRunId: string; n: number; completed: number }[]>`
      select event->'data'->>'workflowRunId' as "workflowRunId", count(*)::int as n, count(*) filter (where status = 'completed')::int as completed
      from ember_exec.runs where function_slug like '%workflow-executor' and event->'data'->>'workflowRunId' = any(${runIds}) group by 1`;
    expect(execRuns).toHaveLength(RUNS);
    expect(execRuns.filter((r) => r.n !== 1 || r.completed !== 1)).toEqual([]);
    // Each side effect exists once, and no body ran after its completion had been recorded.
    const tasks = await owner.sql<{ runId: string; stepId: string; n: number }[]>`
      select run_id as "runId", step_id as "stepId", count(*)::int as n from tasks where run_id = any(${runIds}::uuid[]) group by 1, 2`;
    expect(tasks).toHaveLength(RUNS * TASK_STEPS.length);
    expect(tasks.filter((t) => t.n !== 1)).toEqual([]);
    const effects = await owner.sql<{ runId: string; stepId: string; stepDone: boolean; memoExisted: boolean }[]>`
      select run_id as "runId", step_id as "stepId", step_done as "stepDone", memo_existed as "memoExisted" from restart_effects where run_id = any(${runIds}::uuid[])`;
    expect(effects.filter((e) => e.stepDone || e.memoExisted)).toEqual([]);
    expect(new Set(effects.map((e) => `${e.runId}/${e.stepId}`)).size).toBe(RUNS * TASK_STEPS.length);

    // The live feed listened again after every outage: the stream opened before the first kill hears a new run end.
    const { runId: late } = await api.call<{ runId: string }>('runs.start', { companySlug: SLUG, workflowId: wf.id, payload: { n: -1 } });
    const live = stream;
    await poll('the late run on the live stream', async () => (live.changes.some((c) => c.runId === late && c.runStatus === 'completed') ? true : undefined), 30_000);
    expect(stream.ended()).toBe(false);

    const count = (re: RegExp) => logs.filter((l) => re.test(l)).length;
    console.log(`seed=${seed}: ${kills} kills, ${RUNS} runs, outages ${outages.map((o) => `${o.ms} ms`).join(', ')}, ` +
      `${effects.length - RUNS * TASK_STEPS.length} unrecorded task-step executions repeated, ${count(/cut short by the database/)} executor items cut short, ` +
      `${count(/claim failed/)} failed claims, leases freed ${count(/lease\(s\) a database outage cut short/)} times; ` +
      `health: ${JSON.stringify(outages.map((o) => o.health))}`);
    return outages;
  } finally {
    await stream?.close();
    await owner.close();
  }
}

const appEnv = (dataDir: string, extra: Record<string, string> = {}) =>
  parseEnv({ PORT: '0', HOST: '127.0.0.1', EMBER_DATA_DIR: dataDir, EMBER_STATIC_DIR: '/nonexistent', EMBER_DEMO_RETAILER: 'off', ...extra });

it('the app recovers by itself from 3 SIGKILLs of its embedded Postgres, and every run completes exactly once', async () => {
  const dataDir = path.join(root, 'embedded');
  const clusterDir = path.join(dataDir, 'pg');
  const logs: string[] = [];
  const app = await bootApp(appEnv(dataDir), (l) => logs.push(l));
  try {
    const pids: number[] = [];
    const outages = await runsSurviveOutages(app, logs, 3, async () => {
      // Only the postmaster: the app and its supervisor live on. The supervisor is the one to start a new one.
      pids.push(readPostmasterPid(clusterDir)!);
      process.kill(pids.at(-1)!, 'SIGKILL');
    });
    expect(new Set([...pids, readPostmasterPid(clusterDir)]).size).toBe(4);
    const reasons = outages.flatMap((o) => o.health).filter((h) => h.status === 503).map((h) => h.reason);
    for (const r of reasons) expect(r).toMatch(/^database (restarting \(attempt \d+\)|exited unexpectedly: .*|unreachable: .*)$/);
    expect(reasons).toContain('database restarting (attempt 1)');
    expect(logs.filter((l) => /^\[postgres\] restarting postgres in \d+ ms \(attempt 1\)$/.test(l))).toHaveLength(3);
  } catch (err) {
    console.error(logs.slice(-80).join('\n'));
    throw err;
  } finally {
    await app.stop();
  }
  expect(await waitFor(() => processesUsing(dataDir).length === 0, 5_000, 50)).toBe(true);
}, 300_000);

it('on an external Postgres (DATABASE_URL), the app reconnects by itself after the server was killed and started again', async () => {
  // A server the app knows only by its URL: nothing in the app supervises it.
  const serverDir = path.join(root, 'external-server');
  let server: EmbeddedPostgresHandle = await startEmbeddedPostgres({ dataDir: serverDir });
  const dataDir = path.join(root, 'external-app');
  const logs: string[] = [];
  const app = await bootApp(appEnv(dataDir, { DATABASE_URL: server.url }), (l) => logs.push(l));
  try {
    const url = server.url;
    const outages = await runsSurviveOutages(app, logs, 2, async () => {
      process.kill(readPostmasterPid(path.join(serverDir, 'pg'))!, 'SIGKILL');
      // Down until the app has said so, then the operator's restart: same data, same port, same URL.
      await poll('/healthz to report the outage', async () => ((await fetch(`${app.url}/healthz`)).status === 503 ? true : undefined), 30_000, 20);
      await server.stop();
      server = await startEmbeddedPostgres({ dataDir: serverDir });
      expect(server.url).toBe(url);
    });
    for (const h of outages.flatMap((o) => o.health).filter((x) => x.status === 503)) expect(h.reason).toMatch(/^database unreachable: /);
  } catch (err) {
    console.error(logs.slice(-80).join('\n'));
    throw err;
  } finally {
    await app.stop();
    await server.stop();
  }
}, 300_000);
