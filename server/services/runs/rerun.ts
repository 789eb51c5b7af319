/**
 * Rerunning a finished run, two ways:
 * - whole: a new run with the same trigger payload, on the version the caller chose: the run's own (pinned) one, or
 *   the workflow's current published one. The caller must choose: silently taking the newest was a surprise;
 * - from a step: a new run pinned to the SAME version, whose steps that completed in the original run and do not
 *   depend on `fromStepId` are recorded as completed up front, with the original's input and output. The engine's
 *   guards (markRunning answers "done" for a completed step) then hand back those outputs instead of acting again,
 *   so only `fromStepId` and what follows it run. loadRun seeds the remaining steps as pending (on conflict do
 *   nothing), and the trigger step as usual.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { AppError } from '../../../shared/errors.ts';
import type { Graph } from '../../../shared/graph/schema.ts';
import { isTerminalRunStatus } from '../../../shared/runs/status.ts';
import type { Tx } from '../../db/client.ts';
import type { CatalogEvent } from '../../../shared/events/index.ts';
import { createRun, triggeredEvent } from './start.ts';

export interface RerunInput {
  companyId: string;
  runId: string;
  fromStepId?: string | undefined;
  userId: string;
  /** Overrides the original trigger's event name (by default the one stored on the run, else its trigger type). */
  eventName?: string | undefined;
  /** Which version a whole rerun runs: the run's own, or the one published now. A rerun from a step is always 'run'. */
  version: RerunVersion;
}

export const RERUN_VERSIONS = ['run', 'published'] as const;
export type RerunVersion = (typeof RERUN_VERSIONS)[number];

export interface RerunResult {
  runId: string;
  workflowId: string;
  reused: string[];
  event: CatalogEvent;
  /** The version number the new run is pinned to, so the caller can say which one it started. */
  version: number;
}

/** Every step reachable from `from` (itself included). */
export function downstreamOf(graph: Graph, from: string): Set<string> {
  const out = new Map<string, string[]>();
  for (const e of graph.edges) out.set(e.source, [...(out.get(e.source) ?? []), e.target]);
  const seen = new Set<string>([from]);
  const stack = [from];
  while (stack.length) for (const next of out.get(stack.pop()!) ?? []) if (!seen.has(next)) seen.add(next), stack.push(next);
  return seen;
}

export async function rerunRun(tx: Tx, input: RerunInput): Promise<RerunResult> {
  const [src] = await tx.execute<{ workflow_id: string; workflow_version_id: string; status: string; trigger_type: string; trigger_event_name: string | null; trigger_payload: Record<string, unknown>; graph: Graph }>(sql`
    select r.workflow_id, r.workflow_version_id, r.status, r.trigger_type, r.trigger_event_name, r.trigger_payload, v.graph
    from workflow_runs r join workflow_versions v on v.id = r.workflow_version_id where r.id = ${input.runId}`);
  if (!src) throw new AppError('NOT_FOUND', 'Run not found');
  if (!isTerminalRunStatus(src.status)) throw new AppError('PRECONDITION_FAILED', 'This run has not finished: wait for it, or cancel it first');
  // Runs from before trigger_event_name was kept fall back to their trigger type.
  const eventName = input.eventName ?? src.trigger_event_name ?? (src.trigger_type === 'rerun' ? 'manual' : src.trigger_type);

  if (!input.fromStepId) {
    const run = await createRun(tx, {
      ...(input.version === 'run' ? { versionId: src.workflow_version_id } : {}),
      companyId: input.companyId,
      workflowId: src.workflow_id,
      triggerType: 'rerun',
      triggerRef: `rerun:${input.runId}:${randomUUID()}`,
      payload: src.trigger_payload,
      startedBy: input.userId,
      eventName,
      requireEnabled: false,
    });
    return { runId: run.runId, workflowId: src.workflow_id, reused: [], event: run.event, version: await versionOf(tx, run.runId) };
  }
  // Reusing outputs only makes sense on the graph that produced them.
  if (input.version === 'published') throw new AppError('PRECONDITION_FAILED', "A rerun from a step runs on the run's own version");

  const from = src.graph.steps.find((s) => s.id === input.fromStepId);
  if (!from) throw new AppError('NOT_FOUND', `This run's version has no step "${input.fromStepId}"`);
  if (from.type === 'trigger') throw new AppError('PRECONDITION_FAILED', 'Rerun from the trigger is a whole rerun');
  const [fromRow] = await tx.execute<{ status: string }>(sql`select status::text from workflow_run_steps where run_id = ${input.runId} and step_id = ${from.id}`);
  if (fromRow?.status === 'completed') throw new AppError('PRECONDITION_FAILED', `"${from.name}" completed in this run: rerun from a step that failed or did not run`);

  const rerun = downstreamOf(src.graph, from.id);
  const done = await tx.execute<{ step_id: string }>(sql`
    select step_id from workflow_run_steps where run_id = ${input.runId} and status = 'completed'`);
  const triggerId = src.graph.steps.find((s) => s.type === 'trigger')?.id;
  const reused = done.map((r) => r.step_id).filter((id) => !rerun.has(id) && id !== triggerId && src.graph.steps.some((s) => s.id === id));

  const [run] = await tx.execute<{ id: string }>(sql`
    insert into workflow_runs (company_id, workflow_id, workflow_version_id, trigger_type, trigger_ref, trigger_payload, trigger_event_name, started_by)
    values (${input.companyId}, ${src.workflow_id}, ${src.workflow_version_id}, 'rerun', ${`rerun:${input.runId}:${from.id}:${randomUUID()}`},
            ${JSON.stringify(src.trigger_payload)}::jsonb, ${eventName}, ${input.userId})
    returning id`);
  const runId = run!.id;
  if (reused.length) {
    await tx.execute(sql`
      insert into workflow_run_steps (company_id, run_id, step_id, status, input, output, status_reason, started_at, finished_at)
      select company_id, ${runId}, step_id, 'completed', input, output, ${`reused from run ${input.runId.slice(0, 8)}`}, now(), now()
      from workflow_run_steps where run_id = ${input.runId} and step_id in (select jsonb_array_elements_text(${JSON.stringify(reused)}::jsonb))`);
  }
  return {
    runId,
    workflowId: src.workflow_id,
    reused,
    event: triggeredEvent(input.companyId, src.workflow_id, runId, src.workflow_version_id, 'rerun', `rerun:${input.runId}`, src.trigger_payload, eventName),
    version: await versionOf(tx, runId),
  };
}

async function versionOf(tx: Tx, runId: string): Promise<number> {
  const [row] = await tx.execute<{ version: number }>(sql`
    select v.version from workflow_runs r join workflow_versions v on v.id = r.workflow_version_id where r.id = ${runId}`);
  return Number(row!.version);
}
