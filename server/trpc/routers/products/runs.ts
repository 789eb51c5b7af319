import { z } from 'zod';
import { productRuns } from '../../../services/products/history.ts';
import { companyProcedure } from '../../init.ts';

/** Workflow runs started for a product (field-changed and other product triggers put its id in the payload). */
export const productRunsProcedure = companyProcedure('read')
  .input(z.object({ id: z.uuid(), limit: z.number().int().min(1).max(100).default(20) }))
  .query(({ ctx, input }) => productRuns(ctx.tx, input.id, input.limit));
