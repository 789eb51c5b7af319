import { z } from 'zod';
import { TASK_TYPES } from '../../../../shared/tasks/vocab.ts';
import { listTasks, TASK_SCOPES, TASK_STATE_FILTERS } from '../../../services/tasks/queries.ts';
import { companyProcedure } from '../../init.ts';

export const listTasksProcedure = companyProcedure('read')
  .input(
    z.object({
      scope: z.enum(TASK_SCOPES).default('mine'),
      state: z.enum(TASK_STATE_FILTERS).default('active'),
      type: z.enum(TASK_TYPES).optional(),
      limit: z.number().int().min(1).max(500).default(100),
    }),
  )
  .query(({ ctx, input }) => listTasks(ctx.tx, { userId: ctx.user.id, role: ctx.company.role }, input));
