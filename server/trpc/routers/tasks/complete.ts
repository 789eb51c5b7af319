import { z } from 'zod';
import { completeTask } from '../../../services/tasks/work.ts';
import { companyProcedure } from '../../init.ts';

export const completeTaskProcedure = companyProcedure('work_tasks')
  .input(z.object({ id: z.uuid(), comment: z.string().trim().max(4000).optional() }))
  .mutation(({ ctx, input }) => completeTask(ctx.tx, { userId: ctx.user.id, role: ctx.company.role, companyId: ctx.company.id }, input.id, input.comment || null));
