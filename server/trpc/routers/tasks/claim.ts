import { z } from 'zod';
import { claimTask } from '../../../services/tasks/work.ts';
import { companyProcedure } from '../../init.ts';

export const claimTaskProcedure = companyProcedure('work_tasks')
  .input(z.object({ id: z.uuid() }))
  .mutation(({ ctx, input }) => claimTask(ctx.tx, { userId: ctx.user.id, role: ctx.company.role, companyId: ctx.company.id }, input.id));
