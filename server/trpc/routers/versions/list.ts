import { z } from 'zod';
import { listVersions } from '../../../services/versions/queries.ts';
import { companyProcedure } from '../../init.ts';

export const listVersionsProcedure = companyProcedure('read')
  .input(z.object({ workflowId: z.uuid() }))
  .query(({ ctx, input }) => listVersions(ctx.tx, input.workflowId));
