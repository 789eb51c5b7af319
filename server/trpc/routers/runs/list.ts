import { z } from 'zod';
import { boundedDate } from '../../../../shared/input/schemas.ts';
import { RUN_STATUSES } from '../../../../shared/runs/status.ts';
import { listRuns } from '../../../services/runs/queries.ts';
import { companyProcedure } from '../../init.ts';

export const listRunsProcedure = companyProcedure('read')
  .input(
    z.object({
      workflowId: z.uuid().optional(),
      status: z.enum(RUN_STATUSES).optional(),
      before: boundedDate().optional(),
      after: boundedDate().optional(),
      limit: z.number().int().min(1).max(200).default(50),
    }),
  )
  .query(({ ctx, input }) => listRuns(ctx.tx, input));
