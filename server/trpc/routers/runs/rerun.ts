import { z } from 'zod';
import { GraphIdSchema } from '../../../../shared/graph/schema.ts';
import { RERUN_VERSIONS, rerunRun } from '../../../services/runs/rerun.ts';
import { audit } from '../../../services/workflows/audit.ts';
import { companyProcedure } from '../../init.ts';

/**
 * Rerun a finished run: without `fromStepId`, the whole run again with the same payload on the version asked for
 * (`run`: the run's own pinned version; `published`: the current published one); with it, on the run's own
 * version, reusing the outputs of the steps that completed and do not depend on that step (services/runs/rerun.ts).
 * Without `version`, a whole rerun takes the published version and a rerun from a step its own (the old contract).
 */
export const rerunRunProcedure = companyProcedure('run_workflows')
  .input(z.object({ id: z.uuid(), fromStepId: GraphIdSchema.optional(), version: z.enum(RERUN_VERSIONS).optional() }))
  .mutation(async ({ ctx, input }) => {
    const version = input.version ?? (input.fromStepId ? 'run' : 'published');
    // The original trigger's event name is on the run itself (workflow_runs.trigger_event_name), whoever executed it.
    const res = await rerunRun(ctx.tx, { companyId: ctx.company.id, runId: input.id, fromStepId: input.fromStepId, userId: ctx.user.id, version });
    await audit(ctx.tx, {
      companyId: ctx.company.id,
      workflowId: res.workflowId,
      actorUserId: ctx.user.id,
      action: 'run_started',
      detail: { runId: res.runId, rerunOf: input.id, version: res.version, ...(input.fromStepId ? { fromStepId: input.fromStepId, reused: res.reused } : {}) },
    });
    ctx.afterCommit(() => ctx.sendEvent([res.event]));
    return { runId: res.runId, reused: res.reused, version: res.version };
  });
