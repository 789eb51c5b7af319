import { z } from 'zod';
import { RUN_STATUSES } from '../../../../shared/runs/status.ts';
import { listRuns } from '../../../services/runs/queries.ts';
import { companyProcedure } from '../../init.ts';

export const listRunsProcedure = companyProcedure('read')
  .input(
    z.object({
      workflowId: z.uuid().optional(),
      status: z.enum(RUN_STATUSES).optional(),
      before: z.coerce.date().optional(),
      after: z.coerce.date().optional(),
      limit: z.number().int().min(1).max(200).default(50),
    }),
  )
  .query(({ ctx, input }) => listRuns(ctx.tx, input));
