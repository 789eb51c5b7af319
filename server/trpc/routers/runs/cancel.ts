import { z } from 'zod';
import { cancelRun } from '../../../services/runs/cancel.ts';
import { audit } from '../../../services/workflows/audit.ts';
import { companyProcedure } from '../../init.ts';

export const cancelRunProcedure = companyProcedure('run_workflows')
  .input(z.object({ id: z.uuid() }))
  .mutation(async ({ ctx, input }) => {
    const res = await cancelRun(ctx.tx, ctx.company.id, input.id);
    if (res.changed) {
      await audit(ctx.tx, { companyId: ctx.company.id, workflowId: res.workflowId, actorUserId: ctx.user.id, action: 'run_cancelled', detail: { runId: input.id } });
      ctx.afterCommit(() => ctx.sendEvent([{ id: `cancel:${input.id}`, name: 'workflow/run.cancelled', data: { companyId: ctx.company.id, workflowRunId: input.id, cancelledBy: ctx.user.id } }]));
    }
    return { id: input.id, status: res.status };
  });
