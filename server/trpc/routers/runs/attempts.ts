/**
 * Every call the executor made for a run, grouped by DAG step, for the run inspector ("attempts with their
 * times"). Executor state (schema ember_exec) is engine state, not tenant data: the run is first checked to belong
 * to the company inside the tenant transaction, and only then is ember_exec read as the owner (ctx.db, outside the
 * RLS transaction, because ember_app has no grant there). Empty when another engine (Inngest) ran it.
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { AppError } from '../../../../shared/errors.ts';
import type { Graph } from '../../../../shared/graph/schema.ts';
import { stepIds } from '../../../workflow/port.ts';
import { hashStepId } from '../../../executor/ids.ts';
import { companyProcedure } from '../../init.ts';

export const EXECUTOR_FUNCTION_SLUG = 'ember-workflows-workflow-executor';

export interface StepAttempt {
  /** Which durable step of the DAG step: run, open (a gate's task), wait, start/sleep (a delay), skip, failed. */
  phase: string;
  attempt: number;
  ok: boolean;
  outcome: string;
  startedAt: string;
  endedAt: string;
  error: { name?: string; message?: string } | null;
}

const PHASES = Object.keys(stepIds) as (keyof typeof stepIds)[];
/** Executed ops (as opposed to planned or waited-for ones) in a discovery response. */
const EXECUTED = new Set(['StepRun', 'StepError', 'StepFailed']);

export const runAttemptsProcedure = companyProcedure('read')
  .input(z.object({ id: z.uuid() }))
  .query(async ({ ctx, input }) => {
    const [run] = await ctx.tx.execute<{ graph: Graph }>(sql`
      select v.graph from workflow_runs r join workflow_versions v on v.id = r.workflow_version_id where r.id = ${input.id}`);
    if (!run) throw new AppError('NOT_FOUND', 'Run not found');
    // Tenant check passed: the executor's rows for this run may be read (as the owner, outside the RLS transaction).
    const rows = await ctx.db.execute<{ step_id: string; attempt: number; status: number; outcome: string; ops: { id: string; op: string; name?: string; error?: unknown }[] | null; error: unknown; started_at: string; ended_at: string }>(sql`
      select a.step_id, a.attempt, a.status, a.outcome, a.ops, a.error, a.started_at, a.ended_at
      from ember_exec.attempts a join ember_exec.runs x on x.id = a.run_id
      where x.function_slug = ${EXECUTOR_FUNCTION_SLUG} and x.event->'data'->>'workflowRunId' = ${input.id}
      order by a.id`);
    const byHash = new Map<string, { stepId: string; phase: string }>();
    const byName = new Map<string, { stepId: string; phase: string }>();
    for (const s of run.graph.steps) {
      for (const phase of PHASES) {
        const userland = stepIds[phase](s.id);
        byHash.set(hashStepId(userland), { stepId: s.id, phase });
        byName.set(userland, { stepId: s.id, phase });
      }
    }
    const steps: Record<string, StepAttempt[]> = {};
    const push = (stepId: string, a: StepAttempt) => (steps[stepId] ??= []).push(a);
    for (const r of rows) {
      const base = { attempt: r.attempt + 1, startedAt: new Date(r.started_at).toISOString(), endedAt: new Date(r.ended_at).toISOString() };
      const planned = byHash.get(r.step_id);
      if (planned) {
        const ok = r.status < 300;
        push(planned.stepId, { ...base, phase: planned.phase, ok: ok && !(r.ops ?? []).some((o) => o.op === 'StepError' || o.op === 'StepFailed'), outcome: r.outcome, error: errorOf(r.error) ?? errorOf(r.ops?.find((o) => o.error)?.error) });
        continue;
      }
      // A discovery call that ran a step inline reports it among its ops.
      for (const op of r.ops ?? []) {
        const hit = (op.name && byName.get(op.name)) || byHash.get(op.id);
        if (!hit || !EXECUTED.has(op.op)) continue;
        push(hit.stepId, { ...base, phase: hit.phase, ok: op.op === 'StepRun', outcome: op.op, error: errorOf(op.error) });
      }
    }
    return { available: rows.length > 0, steps };
  });

function errorOf(e: unknown): { name?: string; message?: string } | null {
  if (!e || typeof e !== 'object') return null;
  const o = e as Record<string, unknown>;
  return { ...(typeof o.name === 'string' ? { name: o.name } : {}), ...(typeof o.message === 'string' ? { message: o.message } : {}) };
}
