import { z } from 'zod';
import { SUGGESTION_STATUSES } from '../../../../shared/ai/vocab.ts';
import { listSuggestions } from '../../../services/enrichment/review.ts';
import { companyProcedure } from '../../init.ts';

/** Suggestions by status (pending by default), grouped by product, with the live value beside each. */
export const listSuggestionsProcedure = companyProcedure('read')
  .input(
    z.object({
      status: z.enum(SUGGESTION_STATUSES).default('pending'),
      jobId: z.uuid().optional(),
      productId: z.uuid().optional(),
      limit: z.number().int().min(1).max(1000).default(500),
    }),
  )
  .query(({ ctx, input }) => listSuggestions(ctx.tx, input));
