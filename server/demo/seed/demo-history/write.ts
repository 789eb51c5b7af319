/**
 * Writes a planned history the way the engine leaves its rows — workflow_runs, workflow_run_steps, the transitions
 * replay reads (workflow_run_step_events), the gates' tasks, and the observer's function_runs / function_attempts —
 * in a few bulk statements, all in the company's RLS context.
 *
 * The change triggers stamp each transition with the time it is written; a history 30 days old must carry its own
 * times, so the announce triggers are off for this one transaction (the owner's ALTER TABLE, undone before commit,
 * or rolled back with it) and the transitions are written here, with sequence numbers taken from run_change_seq in
 * time order, each row's change_seq being that of its last transition, exactly as the triggers would have left it.
 */
import { sql } from 'drizzle-orm';
import { tasks } from '../../../../drizzle/schema/index.ts';
import type { Db, Tx } from '../../../db/client.ts';
import { EXECUTOR_FUNCTION_SLUG } from '../../../services/runs/attempts.ts';
import type { PlannedRun } from './plan.ts';

const CHUNK = 1000;
const INVOCATION_PRICE = 0.00005;

async function insertChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

/** Writes the plan and returns how many runs it wrote: 0, without planning, when the company has demo runs already. */
export async function writeHistory(db: Db, companyId: string, deciderId: string | null, plan: () => Promise<PlannedRun[]> | PlannedRun[]): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('role', 'ember_app', true), set_config('app.company_id', ${companyId}, true), set_config('app.user_id', '', true)`);
    const [seen] = await tx.execute<{ any: boolean }>(sql`select exists (select 1 from workflow_runs where demo and company_id = ${companyId}) as any`);
    if (seen!.any) return 0;
    const runs = await plan();
    if (!runs.length) return 0;
    await tx.execute(sql`reset role`);
    await tx.execute(sql`alter table workflow_runs disable trigger workflow_runs_announce`);
    await tx.execute(sql`alter table workflow_run_steps disable trigger workflow_run_steps_announce`);
    await tx.execute(sql`select set_config('role', 'ember_app', true)`);
    await writeRows(tx, companyId, deciderId, runs);
    await tx.execute(sql`reset role`);
    await tx.execute(sql`alter table workflow_runs enable trigger workflow_runs_announce`);
    await tx.execute(sql`alter table workflow_run_steps enable trigger workflow_run_steps_announce`);
    return runs.length;
  });
}

async function writeRows(tx: Tx, companyId: string, deciderId: string | null, runs: PlannedRun[]): Promise<void> {
  const total = runs.reduce((n, r) => n + r.events.length, 0);
  const seqs = (await tx.execute<{ v: string }>(sql`select nextval('run_change_seq') as v from generate_series(1, ${total})`)).map((r) => Number(r.v)).sort((a, b) => a - b);
  let next = 0;
  const eventRows: { run_id: string; seq: number; company_id: string; step_id: string; status: string; status_reason: string | null; attempts: number; at: string }[] = [];
  const lastSeq = new Map<string, number>();
  for (const run of runs) {
    const ordered = run.events.map((e, i) => ({ e, i })).sort((a, b) => a.e.at.getTime() - b.e.at.getTime() || a.i - b.i);
    for (const { e } of ordered) {
      const seq = seqs[next++]!;
      lastSeq.set(`${run.id}/${e.stepId}`, seq);
      eventRows.push({ run_id: run.id, seq, company_id: companyId, step_id: e.stepId, status: e.status, status_reason: e.reason, attempts: e.attempts, at: e.at.toISOString() });
    }
  }

  const runRows = runs.map((r) => {
    const claudeCost = round6(r.claude.costUsd);
    return {
      id: r.id, workflow_id: r.workflowId, workflow_version_id: r.versionId, status: r.status, trigger_ref: r.triggerRef, trigger_payload: { ...r.payload, companyId },
      trigger_event_name: r.eventName, error: r.error, created_at: r.createdAt.toISOString(), started_at: r.startedAt.toISOString(), finished_at: r.finishedAt.toISOString(),
      change_seq: lastSeq.get(`${r.id}/`)!, claude_input_tokens: r.claude.inputTokens, claude_output_tokens: r.claude.outputTokens, claude_cost_usd: claudeCost,
      function_invocations: r.invocations, cost_usd: round6(claudeCost + r.invocations * INVOCATION_PRICE), executed_steps: r.executedSteps,
    };
  });
  await insertChunks(runRows, (chunk) => tx.execute(sql`
    insert into workflow_runs (id, company_id, workflow_id, workflow_version_id, status, trigger_type, trigger_ref, trigger_payload, trigger_event_name, started_by, error,
      created_at, started_at, finished_at, change_seq, claude_input_tokens, claude_output_tokens, claude_cost_usd, function_invocations, cost_usd, executed_steps, demo)
    select id, ${companyId}, workflow_id, workflow_version_id, status::run_status, 'event', trigger_ref, trigger_payload, trigger_event_name, null, error,
      created_at, started_at, finished_at, change_seq, claude_input_tokens, claude_output_tokens, claude_cost_usd, function_invocations, cost_usd, executed_steps, true
    from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb)
      as x(id uuid, workflow_id uuid, workflow_version_id uuid, status text, trigger_ref text, trigger_payload jsonb, trigger_event_name text, error jsonb,
           created_at timestamptz, started_at timestamptz, finished_at timestamptz, change_seq bigint, claude_input_tokens int, claude_output_tokens int,
           claude_cost_usd numeric, function_invocations int, cost_usd numeric, executed_steps int)`));
  const stepRows = runs.flatMap((r) => r.steps.map((s) => ({
    run_id: r.id, step_id: s.stepId, status: s.status, attempts: s.attempts, input: s.input, output: s.output, error: s.error,
    status_reason: s.reason, started_at: s.startedAt?.toISOString() ?? null, finished_at: s.finishedAt.toISOString(), change_seq: lastSeq.get(`${r.id}/${s.stepId}`)!,
  })));
  // The large tables: one JSON parameter per chunk, unpacked by the server, instead of a parameter per value.
  await insertChunks(stepRows, (chunk) => tx.execute(sql`
    insert into workflow_run_steps (company_id, run_id, step_id, status, attempts, input, output, error, status_reason, started_at, finished_at, updated_at, change_seq)
    select ${companyId}, run_id, step_id, status::run_step_status, attempts, input, output, error, status_reason, started_at, finished_at, finished_at, change_seq
    from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb)
      as x(run_id uuid, step_id text, status text, attempts int, input jsonb, output jsonb, error jsonb, status_reason text, started_at timestamptz, finished_at timestamptz, change_seq bigint)`));
  await insertChunks(eventRows, (chunk) => tx.execute(sql`
    insert into workflow_run_step_events (run_id, seq, company_id, step_id, status, status_reason, attempts, at)
    select run_id, seq, company_id, step_id, status, status_reason, attempts, at
    from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb)
      as x(run_id uuid, seq bigint, company_id uuid, step_id text, status text, status_reason text, attempts int, at timestamptz)`));

  const taskRows = runs.flatMap((r) => r.gates.map((g) => ({
    companyId, type: 'human_gate', title: g.title, description: g.instructions, status: 'done' as const, priority: 'high', assigneeRole: g.assigneeRole,
    runId: r.id, stepId: g.stepId, dedupeKey: `gate:${r.id}:${g.stepId}`, decision: g.decision, decidedBy: deciderId, decidedAt: g.decidedAt, comment: g.comment,
    dueAt: g.dueAt, createdAt: g.openedAt, updatedAt: g.decidedAt, lastActivityAt: g.decidedAt,
  })));
  await insertChunks(taskRows, (chunk) => tx.insert(tasks).values(chunk));

  // The observer's record of the executor's calls: what the step success rate, latency and the run inspector read.
  const fnRuns = runs.map((r) => ({
    run_id: `demo-${r.id}`, created_at: r.createdAt.toISOString(), first_call_at: r.startedAt.toISOString(), last_call_at: r.finishedAt.toISOString(), status: r.status,
    attempts: r.attempts.length, attempts_ok: r.attempts.filter((a) => a.outcome === 'ok').length, workflow_run_id: r.id,
  }));
  await insertChunks(fnRuns, (chunk) => tx.execute(sql`
    insert into function_runs (company_id, run_id, function_id, event_id, event_name, event_received_at, created_at, first_call_at, last_call_at, status, attempts, attempts_ok, workflow_run_id)
    select ${companyId}, run_id, ${EXECUTOR_FUNCTION_SLUG}, run_id, 'workflow/triggered', created_at, created_at, first_call_at, last_call_at, status, attempts, attempts_ok, workflow_run_id
    from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb)
      as x(run_id text, created_at timestamptz, first_call_at timestamptz, last_call_at timestamptz, status text, attempts int, attempts_ok int, workflow_run_id uuid)`));
  const attemptRows = runs.flatMap((r) => r.attempts.map((a, i) => ({
    run_id: `demo-${r.id}`, call_key: `demo:${i}`, kind: a.stepId ? 'step' : 'call', step_id: a.stepId || null, attempt: a.attempt, outcome: a.outcome, detail: a.detail,
    started_at: a.startedAt.toISOString(), duration_ms: a.durationMs, error_name: a.error?.name ?? null, error_message: a.error?.message ?? null,
  })));
  await insertChunks(attemptRows, (chunk) => tx.execute(sql`
    insert into function_attempts (company_id, run_id, call_key, kind, step_id, attempt, outcome, detail, started_at, duration_ms, error_name, error_message)
    select ${companyId}, run_id, call_key, kind, step_id, attempt, outcome, detail, started_at, duration_ms, error_name, error_message
    from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb)
      as x(run_id text, call_key text, kind text, step_id text, attempt int, outcome text, detail text, started_at timestamptz, duration_ms int, error_name text, error_message text)`));
}

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;
