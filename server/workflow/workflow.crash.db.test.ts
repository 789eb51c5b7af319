// Workflows under SIGKILL. A worker process (testing/workflow-crash-worker.ts: the real workflow functions on the real
// embedded executor) works through 100 runs of a 10-step workflow — a condition, a join after the two branches, a
// human gate, then a chain on "approved" and a step on "rejected" — and is killed with SIGKILL at random moments
// (seeded PRNG: reproduce with WF_CRASH_SEED=<seed>, printed with the results) at least 20 times, restarted each
// time; gates are decided as their tasks appear, some while the worker is alive, some while it is dead, a few only
// after the last kill. Then the last worker finishes everything.
//
// How events reach the worker. The runs are started and the gates decided through the real tRPC router, whose
// `sendEvent` is `send()` of an Executor in this (parent) process that is synced but never started: send() only
// writes the event (and the run or the resumed wait it implies) to Postgres, in the executor's schema, and NOTIFYs;
// the worker's executor picks the work up from there. That is the path the app itself takes, and it works while no
// worker is alive. The reconciler (eventsToRedeliver, which the task-escalator runs every minute in production) runs
// here every second and goes through the same send(); each pass counts as a new minute (its id bucket), so a decision
// that was sent before its run waited for it (the event matches no wait and is dropped) is re-sent within a second.
//
// What "no completed step executed twice" means, and how it is checked. Execution is at-least-once: a step body may
// start again only if the previous execution never recorded its completion (the process died between the start and
// the completion write, or between that write and the executor memoising it — in which case the engine's guard
// returns the recorded output without running the body). Three test-only instruments, installed as triggers in the
// test database, log what actually happened, with clock_timestamp():
//   - crash_step_log: every insert and update of workflow_run_steps (old → new status and attempts). markRunning is
//     the only write that increments `attempts` and it precedes every body, so a log entry with attempts + 1 is
//     exactly one body start;
//   - crash_effect_log: a BEFORE INSERT trigger on tasks, so every committed execution of a task-creating body is
//     logged, including one whose insert the dedupe key then turns into a no-op (checked on a sample at setup);
//   - crash_run_log: every status change of workflow_runs.
// Asserted afterwards, for every run and step:
//   1. every run completed, every step has the status (and skip reason, and output) its payload and decision imply;
//      one executor run per workflow run, completed;
//   2. a settled step (completed, skipped, failed) was never written again — in particular never completed → running —
//      and nothing ever failed;
//   3. attempts == the number of logged starts; a completed step started ≥ 1 time, all before its completion; a skipped
//      step never started;
//   4. a step started more than once only when a kill of the worker fell between consecutive starts;
//   5. side effects: exactly one task row per task-creating (or gate) step that completed, none for a skipped one;
//      every committed execution of its body lies after a start and before the completion, and no two in the span of
//      one start (at most one effect per execution, none after the completion was recorded).
//
// Named *.db.test.ts so the db project's globalSetup provides the targets. It runs on the first target only (the
// embedded server): it takes 2-3 minutes on 2 cores, and the engine's SQL is the same on every server (the executor's
// own crash suite covers the server target).
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { cond, edge, graph, step, trig } from '../../shared/graph/fixtures.ts';
import type { Graph } from '../../shared/graph/schema.ts';
import { connect } from '../db/client.ts';
import { Executor } from '../executor/executor.ts';
import { inProcessTransport } from '../executor/transport.ts';
import { inngest } from '../inngest/client.ts';
import { buildFunctions } from '../inngest/functions/index.ts';
import { eventsToRedeliver } from '../services/triggers/redeliver.ts';
import { callerAs } from '../testing/callers.ts';
import { cloneDatabase, dbTargets } from '../testing/db.ts';
import type { CatalogEvent } from '../../shared/events/index.ts';
import { SLUG } from './testing/harness.ts';

const WORKER = path.join(import.meta.dirname, 'testing/workflow-crash-worker.ts');
const RUNS = Number(process.env.WF_CRASH_RUNS ?? 100);
const KILLS = Number(process.env.WF_CRASH_KILLS ?? 18);
const seed = Number(process.env.WF_CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function prng(s: number): () => number {
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The workflow: 10 steps.
//   t → c (n even?) ─yes→ even (task) ─┐
//                   └─no──→ odd (task) ─┴→ j (join: transform) → g (gate) ─yes→ ok1 (task) → ok2 (transform) → fin (task)
//                                                                         └─no──→ rej (transform)
// ---------------------------------------------------------------------------------------------------------------
const task = (id: string, title: string) => step(id, 'create_task', 'action', { title, priority: 'medium' });
const transform = (id: string, mapping: Record<string, string>) => step(id, 'transform', 'action', { mapping });
const WORKFLOW: Graph = (() => {
  const g = graph(
    [
      trig(),
      cond('c', 'int(event.data.n) % 2 == 0'),
      task('even', 'Even batch follow-up'),
      task('odd', 'Odd batch follow-up'),
      transform('j', { path: "has(steps.even) ? 'even' : 'odd'" }),
      step('g', 'human_gate', 'human_gate', { instructions: 'Check the batch', assigneeRole: 'approver', timeout: '1h', onTimeout: 'fail', noSelfApproval: false }),
      task('ok1', 'Ship the batch'),
      transform('ok2', { decision: 'steps.g.decision', path: 'data.path' }),
      task('fin', 'Archive the batch'),
      transform('rej', { decision: 'steps.g.decision', path: 'data.path' }),
    ],
    [edge('t', 'c'), edge('c', 'even', 'yes'), edge('c', 'odd', 'no'), edge('even', 'j'), edge('odd', 'j'), edge('j', 'g'), edge('g', 'ok1', 'yes'), edge('ok1', 'ok2'), edge('ok2', 'fin'), edge('g', 'rej', 'no')],
  );
  return { ...g, steps: g.steps.map((s, i) => ({ ...s, position: { x: i * 120, y: 0 } })) };
})();
const STEP_IDS = WORKFLOW.steps.map((s) => s.id);
/** Steps whose body creates a task row (type manual), and the gate (its task: type human_gate). */
const TASK_STEPS = new Set(['even', 'odd', 'ok1', 'fin']);
const GATE = 'g';

const isEven = (n: number) => n % 2 === 0;
const approves = (n: number) => n % 5 !== 0;

interface Expected {
  status: 'completed' | 'skipped';
  reason?: string;
  output?: Record<string, unknown>;
}

/** Every step's outcome, given the run's payload n and the gate decision it gets. */
function expectedSteps(n: number): Record<string, Expected> {
  const even = isEven(n);
  const ok = approves(n);
  const path = even ? 'even' : 'odd';
  const decision = ok ? 'approved' : 'rejected';
  const done = (output?: Record<string, unknown>): Expected => ({ status: 'completed', ...(output ? { output } : {}) });
  const skipped = (reason: string): Expected => ({ status: 'skipped', reason });
  return {
    t: done({ n }),
    c: done({ value: even, branch: even ? 'yes' : 'no' }),
    even: even ? done() : skipped('branch not taken: "c" took no, not yes'),
    odd: even ? skipped('branch not taken: "c" took yes, not no') : done(),
    j: done({ path }),
    g: done({ decision, timedOut: false }),
    ok1: ok ? done() : skipped('branch not taken: "g" took no, not yes'),
    ok2: ok ? done({ decision, path }) : skipped('branch not taken: "ok1" was skipped'),
    fin: ok ? done() : skipped('branch not taken: "ok2" was skipped'),
    rej: ok ? skipped('branch not taken: "g" took yes, not no') : done({ decision, path }),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Test-only instruments (see the top of the file). Security definer: the app writes as ember_app.
// ---------------------------------------------------------------------------------------------------------------
const INSTRUMENTS = `
create table crash_step_log (
  id bigserial primary key, run_id uuid not null, step_id text not null, op text not null,
  old_status text, new_status text not null, old_attempts int, new_attempts int not null,
  at timestamptz not null default clock_timestamp());
create function crash_step_log() returns trigger language plpgsql security definer set search_path = public as $$
begin
  if tg_op = 'INSERT' then
    insert into crash_step_log (run_id, step_id, op, new_status, new_attempts) values (new.run_id, new.step_id, tg_op, new.status::text, new.attempts);
  else
    insert into crash_step_log (run_id, step_id, op, old_status, new_status, old_attempts, new_attempts)
    values (new.run_id, new.step_id, tg_op, old.status::text, new.status::text, old.attempts, new.attempts);
  end if;
  return null;
end $$;
create trigger zz_crash_step_log after insert or update on workflow_run_steps for each row execute function crash_step_log();

create table crash_effect_log (
  id bigserial primary key, run_id uuid, step_id text, type text not null, dedupe_key text,
  at timestamptz not null default clock_timestamp());
create function crash_effect_log() returns trigger language plpgsql security definer set search_path = public as $$
begin
  insert into crash_effect_log (run_id, step_id, type, dedupe_key) values (new.run_id, new.step_id, new.type, new.dedupe_key);
  return new;
end $$;
create trigger zz_crash_effect_log before insert on tasks for each row execute function crash_effect_log();

create table crash_run_log (
  id bigserial primary key, run_id uuid not null, old_status text, new_status text not null,
  at timestamptz not null default clock_timestamp());
create function crash_run_log() returns trigger language plpgsql security definer set search_path = public as $$
begin
  if tg_op = 'INSERT' then
    insert into crash_run_log (run_id, new_status) values (new.id, new.status::text);
  elsif old.status is distinct from new.status then
    insert into crash_run_log (run_id, old_status, new_status) values (new.id, old.status::text, new.status::text);
  end if;
  return null;
end $$;
create trigger zz_crash_run_log after insert or update on workflow_runs for each row execute function crash_run_log();
`;

// ---------------------------------------------------------------------------------------------------------------
// The worker process.
// ---------------------------------------------------------------------------------------------------------------
class WorkerProcess {
  readonly proc: ChildProcess;
  readonly ready: Promise<void>;
  readonly exit: Promise<number | null>;
  exited = false;
  private err = '';

  constructor(url: string, readonly name: string, private readonly onStderr: (chunk: string) => void) {
    this.proc = spawn(process.execPath, ['--import', 'tsx', WORKER, url, name], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.proc.stderr!.on('data', (d: Buffer) => {
      this.err = (this.err + d).slice(-8000);
      this.onStderr(String(d));
    });
    this.exit = new Promise((resolve) =>
      this.proc.once('exit', (code) => {
        this.exited = true;
        resolve(code);
      }),
    );
    this.ready = new Promise((resolve, reject) => {
      let out = '';
      this.proc.stdout!.on('data', (d: Buffer) => {
        out += d;
        if (out.includes('READY\n')) resolve();
      });
      void this.exit.then((code) => reject(new Error(`${name} exited (${code}) before READY:\n${this.err}`)));
    });
  }

  async start(): Promise<this> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([this.ready, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`${this.name} not READY after 30 s:\n${this.err}`)), 30_000)))]);
    } catch (err) {
      this.proc.kill('SIGKILL');
      throw err;
    } finally {
      clearTimeout(timer);
    }
    return this;
  }

  async kill(): Promise<void> {
    expect(this.exited, `${this.name} exited on its own:\n${this.err}`).toBe(false);
    this.proc.kill('SIGKILL');
    await this.exit;
  }

  async terminate(): Promise<void> {
    if (this.exited) return;
    this.proc.kill('SIGTERM');
    const gone = await Promise.race([this.exit.then(() => true), sleep(10_000).then(() => false)]);
    if (!gone) {
      this.proc.kill('SIGKILL');
      await this.exit;
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The parent's side: start runs, decide gates, reconcile — in the background, whether or not a worker is alive.
// ---------------------------------------------------------------------------------------------------------------
interface Callers {
  editor: Awaited<ReturnType<typeof callerAs>>['caller'];
  approver: Awaited<ReturnType<typeof callerAs>>['caller'];
}

function driver(opts: { sql: postgres.Sql; db: ReturnType<typeof connect>['db']; callers: Callers; workflowId: string; send: (events: CatalogEvent[]) => Promise<void>; rand: () => number; isAlive: () => boolean }) {
  const { sql, callers, rand } = opts;
  const runN = new Map<string, number>();
  const dueAt = new Map<string, number>();
  const state = { quota: 0, finale: false, stopped: false, failure: null as unknown, decided: 0, decidedWhileDead: 0, heldToFinale: 0, redeliveredGates: 0, passes: 0 };
  const loop = (async () => {
    let lastReconcile = 0;
    while (!state.stopped) {
      try {
        while (runN.size < state.quota) {
          const n = runN.size;
          const { runId } = await callers.editor.runs.start({ companySlug: SLUG, workflowId: opts.workflowId, payload: { n } });
          runN.set(runId, n);
        }
        const open = await sql<{ id: string; runId: string }[]>`
          select id, run_id as "runId" from tasks where type = 'human_gate' and decision is null order by created_at, id`;
        for (const t of open) {
          if (!dueAt.has(t.id)) {
            // Most gates are decided 0-4 s after their task appears; about one in ten only after the last kill.
            const held = rand() < 0.1;
            if (held) state.heldToFinale++;
            dueAt.set(t.id, held ? Infinity : Date.now() + Math.floor(rand() * 4000));
          }
          if (!state.finale && dueAt.get(t.id)! > Date.now()) continue;
          const n = runN.get(t.runId);
          if (n === undefined) throw new Error(`gate task ${t.id} of an unknown run ${t.runId}`);
          const dead = !opts.isAlive();
          await callers.approver.gates.resolve(
            approves(n) ? { companySlug: SLUG, taskId: t.id, decision: 'approved' } : { companySlug: SLUG, taskId: t.id, decision: 'rejected', comment: `batch ${n} rejected` },
          );
          state.decided++;
          if (dead) state.decidedWhileDead++;
        }
        if (Date.now() - lastReconcile >= 1000) {
          lastReconcile = Date.now();
          state.passes++;
          // Each pass stands for a minute of the production schedule: a fresh id bucket for the re-sent decisions.
          const events = await eventsToRedeliver(opts.db, new Date(Date.now() + 10_000 + state.passes * 60_000));
          if (events.length) await opts.send(events);
          state.redeliveredGates += events.filter((e) => e.name === 'workflow/human_gate.resolved').length;
        }
      } catch (err) {
        state.failure = err;
        return;
      }
      await sleep(100);
    }
  })();
  return {
    runN,
    state,
    async stop() {
      state.stopped = true;
      await loop;
      if (state.failure) throw state.failure;
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Verification.
// ---------------------------------------------------------------------------------------------------------------
interface LogRow {
  id: number;
  runId: string;
  stepId: string;
  op: string;
  oldStatus: string | null;
  newStatus: string;
  oldAttempts: number | null;
  newAttempts: number;
  us: number;
}

interface Kill {
  name: string;
  /** DB clock (µs) just before the signal, and once the process was gone. */
  before: number;
  after: number;
}

const TERMINAL = new Set(['completed', 'skipped', 'failed']);

async function dbNowUs(sql: postgres.Sql): Promise<number> {
  const [row] = await sql<{ us: string }[]>`select (extract(epoch from clock_timestamp()) * 1000000)::bigint::text as us`;
  return Number(row!.us);
}

async function verify(sql: postgres.Sql, workflowId: string, runN: Map<string, number>, kills: Kill[]) {
  const problems: string[] = [];
  const fail = (p: string) => problems.length < 60 && problems.push(p);

  // 1. Runs and step outcomes.
  const runs = await sql<{ id: string; status: string }[]>`select id, status::text from workflow_runs where workflow_id = ${workflowId}`;
  expect(runs.length).toBe(RUNS);
  expect(runs.filter((r) => r.status !== 'completed').map((r) => `${r.id} (n=${runN.get(r.id)}): ${r.status}`), 'runs not completed').toEqual([]);
  const steps = await sql<{ runId: string; stepId: string; status: string; attempts: number; reason: string | null; output: Record<string, unknown> | null }[]>`
    select s.run_id as "runId", s.step_id as "stepId", s.status::text, s.attempts, s.status_reason as reason, s.output
    from workflow_run_steps s join workflow_runs r on r.id = s.run_id where r.workflow_id = ${workflowId}`;
  const stepOf = new Map(steps.map((s) => [`${s.runId}/${s.stepId}`, s]));
  for (const [runId, n] of runN) {
    for (const [stepId, want] of Object.entries(expectedSteps(n))) {
      const got = stepOf.get(`${runId}/${stepId}`);
      if (!got) {
        fail(`${runId}/${stepId} (n=${n}): no step row`);
        continue;
      }
      if (got.status !== want.status) fail(`${runId}/${stepId} (n=${n}): ${got.status}, expected ${want.status}`);
      if (want.reason !== undefined && got.reason !== want.reason) fail(`${runId}/${stepId} (n=${n}): reason ${JSON.stringify(got.reason)}, expected ${JSON.stringify(want.reason)}`);
      if (want.output) for (const [k, v] of Object.entries(want.output)) if (got.output?.[k] !== v) fail(`${runId}/${stepId} (n=${n}): output.${k} = ${JSON.stringify(got.output?.[k])}, expected ${JSON.stringify(v)}`);
    }
  }
  const execRuns = await sql<{ workflowRunId: string; status: string }[]>`
    select event->'data'->>'workflowRunId' as "workflowRunId", status from ember_exec.runs where function_slug like '%workflow-executor'`;
  const execByRun = new Map<string, string[]>();
  for (const r of execRuns) execByRun.set(r.workflowRunId, [...(execByRun.get(r.workflowRunId) ?? []), r.status]);
  for (const runId of runN.keys()) {
    const list = execByRun.get(runId) ?? [];
    if (list.length !== 1 || list[0] !== 'completed') fail(`${runId}: executor runs ${JSON.stringify(list)}, expected one completed`);
  }
  const runLog = await sql<{ runId: string; oldStatus: string | null; newStatus: string }[]>`
    select run_id as "runId", old_status as "oldStatus", new_status as "newStatus" from crash_run_log order by id`;
  for (const r of runLog) {
    if (r.oldStatus && ['completed', 'failed', 'cancelled'].includes(r.oldStatus)) fail(`run ${r.runId}: ${r.oldStatus} → ${r.newStatus} after it ended`);
    if (r.newStatus === 'failed') fail(`run ${r.runId} failed at some point`);
  }

  // 2-4. The transition log.
  const log = await sql<LogRow[]>`
    select id::int, run_id as "runId", step_id as "stepId", op, old_status as "oldStatus", new_status as "newStatus",
           old_attempts as "oldAttempts", new_attempts as "newAttempts", (extract(epoch from at) * 1000000)::bigint::text as us
    from crash_step_log order by id`;
  const byStep = new Map<string, LogRow[]>();
  for (const l of log) {
    l.us = Number(l.us);
    const k = `${l.runId}/${l.stepId}`;
    byStep.set(k, [...(byStep.get(k) ?? []), l]);
  }
  const effectRows = await sql<{ runId: string; stepId: string; type: string; us: string }[]>`
    select run_id as "runId", step_id as "stepId", type, (extract(epoch from at) * 1000000)::bigint::text as us from crash_effect_log where run_id is not null order by id`;
  const effectsOf = new Map<string, number[]>();
  for (const e of effectRows) effectsOf.set(`${e.runId}/${e.stepId}`, [...(effectsOf.get(`${e.runId}/${e.stepId}`) ?? []), Number(e.us)]);
  interface TaskRow {
    runId: string;
    stepId: string;
    type: string;
    decision: string | null;
    n: number;
  }
  const taskRows = await sql<TaskRow[]>`
    select run_id as "runId", step_id as "stepId", type, decision, count(*)::int as n from tasks where run_id is not null group by 1, 2, 3, 4`;
  const tasksOf = new Map<string, TaskRow[]>();
  for (const t of taskRows) tasksOf.set(`${t.runId}/${t.stepId}`, [...(tasksOf.get(`${t.runId}/${t.stepId}`) ?? []), t]);

  let starts = 0;
  let restartedSteps = 0;
  let reexecutions = 0;
  let repeatedEffects = 0;
  let effectsTotal = 0;
  for (const [runId, n] of runN) {
    const want = expectedSteps(n);
    for (const stepId of STEP_IDS) {
      const k = `${runId}/${stepId}`;
      const entries = byStep.get(k) ?? [];
      const row = stepOf.get(k);
      const first = entries[0];
      if (!first || first.op !== 'INSERT' || first.newStatus !== (stepId === 't' ? 'completed' : 'pending')) fail(`${k}: first logged write ${JSON.stringify(first)}`);
      const stepStarts: LogRow[] = [];
      const completions: LogRow[] = [];
      for (const e of entries.slice(1)) {
        if (e.op !== 'UPDATE') fail(`${k}: second insert ${JSON.stringify(e)}`);
        if (TERMINAL.has(e.oldStatus ?? '')) fail(`${k}: written after it settled: ${e.oldStatus} → ${e.newStatus} (attempts ${e.oldAttempts} → ${e.newAttempts})`);
        if (e.newStatus === 'failed') fail(`${k}: failed`);
        if (e.newAttempts !== e.oldAttempts) {
          if (e.newAttempts === e.oldAttempts! + 1 && e.newStatus === 'running') stepStarts.push(e);
          else fail(`${k}: attempts ${e.oldAttempts} → ${e.newAttempts} with ${e.oldStatus} → ${e.newStatus}`);
        } else if (e.newStatus === 'running') fail(`${k}: ${e.oldStatus} → running without a start`);
        if (e.newStatus === 'completed') completions.push(e);
      }
      if (row && row.attempts !== stepStarts.length) fail(`${k}: attempts ${row.attempts}, but ${stepStarts.length} logged starts`);
      starts += stepStarts.length;
      const completed = want[stepId]!.status === 'completed';
      if (stepId === 't') {
        if (stepStarts.length || completions.length) fail(`${k}: the trigger step was written after its insert`);
        continue;
      }
      if (!completed) {
        if (stepStarts.length) fail(`${k}: a skipped step started ${stepStarts.length} time(s)`);
      } else {
        if (completions.length !== 1) fail(`${k}: ${completions.length} completions`);
        if (stepStarts.length === 0) fail(`${k}: completed without a start`);
        const done = completions[0];
        if (done && stepStarts.some((s) => s.id > done.id || s.us > done.us)) fail(`${k}: started after its completion was recorded`);
        if (stepStarts.length > 1) {
          restartedSteps++;
          reexecutions += stepStarts.length - 1;
          // 4. Each re-start needs a kill between it and the start before.
          for (let i = 1; i < stepStarts.length; i++) {
            const prev = stepStarts[i - 1]!;
            const next = stepStarts[i]!;
            if (!kills.some((kl) => prev.us < kl.after && next.us > kl.before)) fail(`${k}: started again at ${next.us} after a start at ${prev.us} with no kill in between`);
          }
        }
      }

      // 5. Side effects.
      if (!TASK_STEPS.has(stepId) && stepId !== GATE) continue;
      const effects = effectsOf.get(k) ?? [];
      const rows = tasksOf.get(k) ?? [];
      const type = stepId === GATE ? 'human_gate' : 'manual';
      effectsTotal += effects.length;
      if (!completed) {
        if (effects.length || rows.length) fail(`${k}: skipped, but ${effects.length} effect(s) and ${rows.length} task row(s)`);
        continue;
      }
      const total = rows.reduce((a, r) => a + r.n, 0);
      if (total !== 1 || rows[0]!.type !== type) fail(`${k}: task rows ${JSON.stringify(rows)}, expected exactly one ${type}`);
      if (stepId === GATE && rows[0]?.decision !== (approves(n) ? 'approved' : 'rejected')) fail(`${k}: gate task decision ${rows[0]?.decision}`);
      if (effects.length === 0) fail(`${k}: completed, but its body's effect was never logged`);
      repeatedEffects += Math.max(0, effects.length - 1);
      const done = completions[0];
      const owners = new Set<number>();
      for (const at of effects) {
        const owner = [...stepStarts].reverse().find((s) => s.us < at);
        if (!owner) fail(`${k}: effect at ${at} before any start`);
        else if (owners.has(owner.id)) fail(`${k}: two effects within one execution (start at ${owner.us})`);
        else owners.add(owner.id);
        if (done && at > done.us) fail(`${k}: effect at ${at} after the completion at ${done.us}`);
      }
    }
  }
  if (problems.length) console.error(`${problems.length} violations, the first 20:\n${problems.slice(0, 20).join('\n')}`);
  expect(problems, 'violations').toEqual([]);
  return { starts, restartedSteps, reexecutions, repeatedEffects, effectsTotal };
}

// ---------------------------------------------------------------------------------------------------------------

const [target] = dbTargets();

describe(`workflows survive SIGKILL on ${target?.name ?? 'no'} postgres`, () => {
  it(`${RUNS} runs of a 10-step workflow (condition, join, gate), the worker SIGKILLed ${KILLS} times at random moments (seed ${seed})`, async () => {
    const rand = prng(seed);
    const started = Date.now();
    const clone = await cloneDatabase(target!, { seeded: true });
    const sql = postgres(clone.url, { max: 4, onnotice: () => {} });
    const parent = connect(clone.url, { max: 6 });
    let current: WorkerProcess | null = null;
    let stderr = '';
    const onStderr = (chunk: string) => {
      stderr = (stderr + chunk).slice(-20_000);
    };
    let drive: ReturnType<typeof driver> | null = null;
    try {
      await sql.unsafe(INSTRUMENTS);
      // The effect counter counts executions, not rows: a second insert the dedupe key turns into a no-op is logged.
      const [company] = await sql<{ id: string }[]>`select id from companies where slug = ${SLUG}`;
      await sql
        .begin(async (tx) => {
          for (let i = 0; i < 2; i++) {
            await tx`insert into tasks (company_id, type, title, dedupe_key) values (${company!.id}, 'manual', 'probe', 'crash-probe') on conflict (company_id, dedupe_key) do nothing`;
          }
          const [row] = await tx<{ logged: number; rows: number }[]>`
            select (select count(*)::int from crash_effect_log where dedupe_key = 'crash-probe') as logged, (select count(*)::int from tasks where dedupe_key = 'crash-probe') as rows`;
          expect(row).toEqual({ logged: 2, rows: 1 });
          throw new Error('rollback');
        })
        .catch((err: Error) => {
          if (err.message !== 'rollback') throw err;
        });

      // This process's executor: synced (it routes events by the functions' triggers), never started.
      const functions = buildFunctions({ db: parent.db, log: () => {} });
      const executor = new Executor({ sql: parent.sql, transport: inProcessTransport({ client: inngest, functions }) });
      await executor.sync();
      const send = async (events: CatalogEvent[]) => void (await executor.send(events));
      const editor = (await callerAs(parent.db, 'rachel@copperkettle.example', send)).caller;
      const approver = (await callerAs(parent.db, 'dana@copperkettle.example', send)).caller;

      const wf = await editor.workflows.create({ companySlug: SLUG, name: 'Crash suite' });
      const saved = await editor.workflows.saveGraph({ companySlug: SLUG, id: wf.id, expectedRevision: wf.revision, graph: WORKFLOW });
      expect(saved.issues).toEqual([]);
      await editor.workflows.publish({ companySlug: SLUG, id: wf.id, expectedRevision: saved.revision });
      expect(WORKFLOW.steps).toHaveLength(10);

      drive = driver({ sql, db: parent.db, callers: { editor, approver }, workflowId: wf.id, send, rand: prng(seed + 1), isAlive: () => current !== null && !current.exited });
      const kills: Kill[] = [];
      const atKill: { notDone: number; leased: number; bodies: number }[] = [];
      // Runs start over the first ~40% of the cycles (some while no worker is alive), so work is in flight throughout.
      const startCycles = Math.max(1, Math.ceil(KILLS * 0.4));
      for (let cycle = 1; cycle <= KILLS; cycle++) {
        drive.state.quota = Math.min(RUNS, Math.ceil((RUNS * cycle) / startCycles));
        current = await new WorkerProcess(clone.url, `wf-${cycle}`, onStderr).start();
        // The sleep picks the kill moment (sometimes amid the first claims after a restart); it synchronises nothing.
        const r = rand();
        await sleep(r < 0.15 ? Math.floor(rand() * 150) : 200 + Math.floor(rand() * 2300));
        if (drive.state.failure) throw drive.state.failure;
        const [s] = await sql<{ notDone: number; leased: number; bodies: number }[]>`
          select (select count(*)::int from workflow_runs where workflow_id = ${wf.id} and status not in ('completed', 'failed', 'cancelled')) as "notDone",
                 (select count(*)::int from ember_exec.queue where lease_owner = ${current.name} and lease_until > now()) as leased,
                 (select count(*)::int from workflow_run_steps where status = 'running' and step_id <> ${GATE}) as bodies`;
        atKill.push(s!);
        const before = await dbNowUs(sql);
        await current.kill();
        kills.push({ name: current.name, before, after: await dbNowUs(sql) });
        // Sometimes stay dead a little longer (gates keep being decided, runs started, decisions re-sent).
        if (rand() < 0.3) await sleep(Math.floor(rand() * 800));
      }

      // The last worker: decide every remaining gate, and let it finish everything (bounded wait).
      drive.state.quota = RUNS;
      drive.state.finale = true;
      current = await new WorkerProcess(clone.url, 'wf-final', onStderr).start();
      const deadline = Date.now() + 120_000;
      for (;;) {
        if (drive.state.failure) throw drive.state.failure;
        expect(current.exited, `the last worker exited on its own:\n${stderr}`).toBe(false);
        const [row] = await sql<{ left: number; exec: number }[]>`
          select (select count(*)::int from workflow_runs where workflow_id = ${wf.id} and status not in ('completed', 'failed', 'cancelled')) as left,
                 (select count(*)::int from ember_exec.runs where function_slug like '%workflow-executor' and status = 'running') as exec`;
        if (drive.runN.size === RUNS && row!.left === 0 && row!.exec === 0) break;
        if (Date.now() > deadline) {
          const stuck = await sql`select id, status, (select json_agg(json_build_object('step', step_id, 'status', status, 'attempts', attempts)) from workflow_run_steps where run_id = r.id) steps
            from workflow_runs r where workflow_id = ${wf.id} and status not in ('completed', 'failed', 'cancelled') limit 5`;
          const queue = await sql`select run_id, kind, step_id, attempt, run_at, lease_owner, lease_until from ember_exec.queue order by run_at limit 20`;
          const pauses = await sql`select run_id, step_id, event_name, timeout_at from ember_exec.pauses limit 20`;
          throw new Error(`${row!.left} runs (${row!.exec} executor runs) unfinished after 120 s: ${JSON.stringify(stuck)}; queue ${JSON.stringify(queue)}; pauses ${JSON.stringify(pauses)}\n${stderr.slice(-4000)}`);
        }
        await sleep(200);
      }
      await drive.stop();
      await current.terminate();

      const result = await verify(sql, wf.id, drive.runN, kills);
      expect(kills.length).toBeGreaterThanOrEqual(Math.min(KILLS - 2, 20));
      expect(Math.min(...atKill.map((a) => a.notDone)), 'runs unfinished at each kill').toBeGreaterThan(0);
      // The at-least-once path was exercised: some kill cut a step body short (a third to a half of them do; with
      // the default 18 kills, none doing so is under one in a thousand even at a third).
      if (KILLS >= 18) expect(result.reexecutions, 'step bodies re-run after a kill').toBeGreaterThan(0);
      const st = drive.state;
      // How the gates' waits ended: by the decision's first event, by one the reconciler re-sent (the first came
      // before the run waited, or while it was being replayed), or not at all (the decision was read before waiting).
      const [waits] = await sql<{ first: number; resent: number }[]>`
        select count(*) filter (where memo->>'id' not like '%:r%')::int as first, count(*) filter (where memo->>'id' like '%:r%')::int as resent
        from ember_exec.steps where op = 'WaitForEvent'`;
      console.log(
        `workflow crash suite (${target!.name}, seed ${seed}): ${kills.length} SIGKILLs, ${RUNS} runs all completed with the right step statuses; ` +
          `at the kills: ${atKill.filter((a) => a.leased > 0).length} with executor items in hand (max ${Math.max(...atKill.map((a) => a.leased))}), ` +
          `${atKill.filter((a) => a.bodies > 0).length} with a step body between start and completion; ` +
          `${result.starts} step bodies started, ${result.restartedSteps} steps re-started after a kill (${result.reexecutions} re-executions, all before completion, none unexplained); ` +
          `${result.effectsTotal} task-creating executions, ${result.repeatedEffects} repeated (deduplicated: one task each); ` +
          `gates: ${st.decided} decided (${st.decidedWhileDead} while no worker was alive, ${st.heldToFinale} held to the end), ${st.redeliveredGates} decisions re-sent by the reconciler; ` +
          `waits resumed by the first event ${waits!.first}, by a re-sent one ${waits!.resent}, decision read before waiting ${RUNS - waits!.first - waits!.resent}; ` +
          `${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
      if (stderr.trim()) console.log(`worker stderr (tail):\n${stderr.slice(-3000)}`);
    } catch (err) {
      if (stderr.trim()) console.log(`worker stderr (tail):\n${stderr.slice(-6000)}`);
      throw err;
    } finally {
      await drive?.stop().catch(() => {});
      await current?.terminate();
      await parent.close();
      await sql.end({ timeout: 5 });
      await clone.drop();
    }
    // ~2.5 min alone on 2 cores; the bound leaves room for the other db files sharing the cores.
  }, 420_000);
});
