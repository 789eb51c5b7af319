import { z } from 'zod';
import { GraphIdSchema } from '../../../../shared/graph/schema.ts';
import { rerunRun } from '../../../services/runs/rerun.ts';
import { audit } from '../../../services/workflows/audit.ts';
import { companyProcedure } from '../../init.ts';

/**
 * Rerun a finished run: without `fromStepId`, the whole run again on the current published version with the same
 * payload; with it, on the run's own version, reusing the outputs of the steps that completed and do not depend on
 * that step (see services/runs/rerun.ts).
 */
export const rerunRunProcedure = companyProcedure('run_workflows')
  .input(z.object({ id: z.uuid(), fromStepId: GraphIdSchema.optional() }))
  .mutation(async ({ ctx, input }) => {
    // The original trigger's event name is on the run itself (workflow_runs.trigger_event_name), whoever executed it.
    const res = await rerunRun(ctx.tx, { companyId: ctx.company.id, runId: input.id, fromStepId: input.fromStepId, userId: ctx.user.id });
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
