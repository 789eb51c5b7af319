import { z } from 'zod';
import { getVersion } from '../../../services/versions/queries.ts';
import { companyProcedure } from '../../init.ts';

export const getVersionProcedure = companyProcedure('read')
  .input(z.object({ workflowId: z.uuid(), id: z.uuid() }))
  .query(({ ctx, input }) => getVersion(ctx.tx, input.workflowId, input.id));
