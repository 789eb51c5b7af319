import { z } from 'zod';
import { COMPLETENESS_BANDS } from '../../../../shared/catalog/completeness.ts';
import { listProducts } from '../../../services/products/list.ts';
import { companyProcedure } from '../../init.ts';
import { CodeSchema } from './schemas.ts';

export const listProductsProcedure = companyProcedure('read')
  .input(
    z.object({
      search: z.string().max(200).optional(),
      category: CodeSchema.optional(),
      completeness: z.enum(COMPLETENESS_BANDS).optional(),
      retailer: CodeSchema.optional(),
      limit: z.number().int().min(1).max(200).default(50),
      offset: z.number().int().min(0).max(1_000_000).default(0),
    }),
  )
  .query(({ ctx, input }) => listProducts(ctx.tx, input));
