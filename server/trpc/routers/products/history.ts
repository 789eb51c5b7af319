import { z } from 'zod';
import { productHistory } from '../../../services/products/history.ts';
import { companyProcedure } from '../../init.ts';

export const productHistoryProcedure = companyProcedure('read')
  .input(z.object({ id: z.uuid(), limit: z.number().int().min(1).max(500).default(100) }))
  .query(({ ctx, input }) => productHistory(ctx.tx, input.id, input.limit));
