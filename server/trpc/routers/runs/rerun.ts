import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { GraphIdSchema } from '../../../../shared/graph/schema.ts';
import { rerunRun } from '../../../services/runs/rerun.ts';
import { audit } from '../../../services/workflows/audit.ts';
import { companyProcedure } from '../../init.ts';
import { EXECUTOR_FUNCTION_SLUG } from './attempts.ts';

/**
 * Rerun a finished run: without `fromStepId`, the whole run again on the current published version with the same
 * payload; with it, on the run's own version, reusing the outputs of the steps that completed and do not depend on
 * that step (see services/runs/rerun.ts).
 */
export const rerunRunProcedure = companyProcedure('run_workflows')
  .input(z.object({ id: z.uuid(), fromStepId: GraphIdSchema.optional() }))
  .mutation(async ({ ctx, input }) => {
    // The original event's name (what `event.name` said to expressions), from the executor's copy of the trigger:
    // read as the owner only once the run is known to be this company's.
    const [mine] = await ctx.tx.execute<{ id: string }>(sql`select id from workflow_runs where id = ${input.id}`);
    const [exec] = mine
      ? await ctx.db.execute<{ name: string | null }>(sql`
          select event->'data'->'trigger'->>'type' as name from ember_exec.runs
          where function_slug = ${EXECUTOR_FUNCTION_SLUG} and event->'data'->>'workflowRunId' = ${input.id} limit 1`)
      : [];
    const res = await rerunRun(ctx.tx, { companyId: ctx.company.id, runId: input.id, fromStepId: input.fromStepId, userId: ctx.user.id, eventName: exec?.name ?? undefined });
    await audit(ctx.tx, {
      companyId: ctx.company.id,
      workflowId: res.workflowId,
      actorUserId: ctx.user.id,
      action: 'run_started',
      detail: { runId: res.runId, rerunOf: input.id, ...(input.fromStepId ? { fromStepId: input.fromStepId, reused: res.reused } : {}) },
    });
    ctx.afterCommit(() => ctx.sendEvent([res.event]));
    return { runId: res.runId, reused: res.reused };
  });
