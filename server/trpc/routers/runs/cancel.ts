import { z } from 'zod';
import { cancelRun } from '../../../services/runs/cancel.ts';
import { companyProcedure } from '../../init.ts';

export const cancelRunProcedure = companyProcedure('run_workflows')
  .input(z.object({ id: z.uuid() }))
  .mutation(async ({ ctx, input }) => {
    const res = await cancelRun(ctx.tx, ctx.company.id, input.id, { userId: ctx.user.id, reason: 'run cancelled' });
    if (res.event) {
      const event = res.event;
      ctx.afterCommit(() => ctx.sendEvent([event]));
    }
    return { id: input.id, status: res.status };
  });
