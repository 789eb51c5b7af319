import { z } from 'zod';
import { listSpecChanges, listSpecChecks } from '../../../services/monitoring/queries.ts';
import { companyProcedure } from '../../init.ts';

/** Recent retailer spec changes and the last spec check per retailer. */
export const specChangesProcedure = companyProcedure('read')
  .input(z.object({ limit: z.number().int().min(1).max(200).default(50) }))
  .query(async ({ ctx, input }) => ({ changes: await listSpecChanges(ctx.tx, input.limit), checks: await listSpecChecks(ctx.tx) }));
