import { z } from 'zod';
import { listListingCompliance } from '../../../services/monitoring/queries.ts';
import { companyProcedure } from '../../init.ts';

/** Each watched listing's latest product-page score and band, with its open drift findings. */
export const complianceProcedure = companyProcedure('read')
  .input(
    z.object({
      retailer: z.string().trim().regex(/^[a-z][a-z0-9_]{0,63}$/, 'a retailer code, like walmart_us').optional(),
      onlyDrift: z.boolean().default(false),
    }),
  )
  .query(({ ctx, input }) => listListingCompliance(ctx.tx, input));
