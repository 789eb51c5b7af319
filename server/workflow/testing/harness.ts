/**
 * Runs the real workflow functions on the real executor against a test database, and drives them through the real
 * tRPC router: the same path "Run now" and "Approve" take in the app.
 */
import { sql } from 'drizzle-orm';
import type { Graph } from '../../../shared/graph/schema.ts';
import type { TriggerConfig } from '../../../shared/workflows/trigger-config.ts';
import type { Database } from '../../db/client.ts';
import { inngest } from '../../inngest/client.ts';
import { startRuntime } from '../../runtime.ts';
import type { FunctionDeps } from '../../inngest/functions/deps.ts';
import { callerAs } from '../../testing/callers.ts';
import type { CatalogEvent } from '../../../shared/events/index.ts';

export const SLUG = 'copper-kettle';

/** `deps` overrides what the functions get: a fake Claude (`fake.config()`), a temporary asset store, an allowlist. */
export async function startHarness(database: Database, deps: Omit<Partial<FunctionDeps>, 'db'> = {}) {
  const runtime = await startRuntime({
    database,
    log: () => {},
    deps,
    executor: { backoffBaseMs: 10, pollMs: 100, ...(process.env.EXEC_LOG ? { log: (l: string) => console.log('[exec]', l) } : {}) },
  });
  const executor = runtime.executor!;
  const recorder = runtime.recorder;
  const sendEvent = async (events: CatalogEvent[]) => void (await inngest.send(events));
  const editor = await callerAs(database.db, 'rachel@copperkettle.example', sendEvent);
  const approver = await callerAs(database.db, 'dana@copperkettle.example', sendEvent);
  return {
    executor,
    recorder,
    sendEvent,
    editor: editor.caller,
    editorId: editor.user.id,
    approver: approver.caller,
    approverId: approver.user.id,
    stop: runtime.stop,
  };
}
export type Harness = Awaited<ReturnType<typeof startHarness>>;

export async function publishWorkflow(h: Harness, name: string, graph: Graph, triggerConfig?: TriggerConfig) {
  const wf = await h.editor.workflows.create({ companySlug: SLUG, name, ...(triggerConfig ? { triggerConfig } : {}) });
  const saved = await h.editor.workflows.saveGraph({ companySlug: SLUG, id: wf.id, expectedRevision: wf.revision, graph });
  if (saved.issues.length) throw new Error(`test graph has issues: ${JSON.stringify(saved.issues)}`);
  const v = await h.editor.workflows.publish({ companySlug: SLUG, id: wf.id, expectedRevision: saved.revision });
  return { id: wf.id, versionId: v.versionId, revision: saved.revision };
}

export interface RunStepRow {
  [key: string]: unknown;
  step_id: string;
  status: string;
  attempts: number;
  output: Record<string, unknown> | null;
  error: Record<string, unknown> | null;
  status_reason: string | null;
  started_at: string | null;
  finished_at: string | null;
}

export async function runSteps(database: Database, runId: string): Promise<Record<string, RunStepRow>> {
  const rows = await database.db.execute<RunStepRow>(sql`
    select step_id, status, attempts, output, error, status_reason, started_at, finished_at from workflow_run_steps where run_id = ${runId}`);
  return Object.fromEntries(rows.map((r) => [r.step_id, r]));
}

/** Polls (bounded) until the run reaches one of `statuses`; returns the run row. */
/** Reads until `done` accepts the value (every 25 ms), or fails naming what it waited for and the last value. */
export async function poll<T>(what: string, read: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (done(v)) return v;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(v)} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export async function waitForRun(database: Database, runId: string, statuses: string[], timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [run] = await database.db.execute<{ status: string; error: Record<string, unknown> | null; workflow_version_id: string }>(sql`
      select status, error, workflow_version_id from workflow_runs where id = ${runId}`);
    if (run && statuses.includes(run.status)) return run;
    if (Date.now() > deadline) throw new Error(`run ${runId} is ${run?.status}, not ${statuses.join('/')}, after ${timeoutMs} ms\n${await engineState(database, runId)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export async function waitForStep(database: Database, runId: string, stepId: string, statuses: string[], timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const step = (await runSteps(database, runId))[stepId];
    if (step && statuses.includes(step.status)) return step;
    if (Date.now() > deadline) throw new Error(`step ${stepId} of ${runId} is ${step?.status}, not ${statuses.join('/')}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export async function gateTask(database: Database, runId: string, stepId: string, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [t] = await database.db.execute<{ id: string }>(sql`select id from tasks where run_id = ${runId} and step_id = ${stepId} and type = 'human_gate'`);
    if (t) return t.id;
    if (Date.now() > deadline) throw new Error(`no gate task for ${stepId}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export const ms = (iso: string | null) => (iso ? new Date(iso).getTime() : NaN);

/** What the executor holds for a workflow run: for failure messages that explain themselves. */
async function engineState(database: Database, runId: string): Promise<string> {
  const sql = database.sql;
  const [run] = await sql`select id, status from ember_exec.runs where event->'data'->>'workflowRunId' = ${runId}`;
  if (!run) return 'no executor run';
  const queue = await sql`select kind, step_id, attempt, run_at, lease_owner, lease_until from ember_exec.queue where run_id = ${run.id as string}`;
  const pauses = await sql`select step_id, event_name, expression from ember_exec.pauses where run_id = ${run.id as string}`;
  const attempts = await sql`select step_id, attempt, status, outcome, started_at from ember_exec.attempts where run_id = ${run.id as string} order by id`;
  const events = await sql`select id, name, data->>'stepId' as step, received_at from ember_exec.events where name = 'workflow/human_gate.resolved' and data->>'workflowRunId' = ${runId}`;
  return JSON.stringify({ run, queue, pauses, attempts, events }, null, 1);
}
