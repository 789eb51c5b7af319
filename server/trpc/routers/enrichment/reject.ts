import { z } from 'zod';
import { decideSuggestions } from '../../../services/enrichment/review.ts';
import { companyProcedure } from '../../init.ts';

/** Rejects one suggestion; nothing is written to the product. */
export const rejectSuggestionProcedure = companyProcedure('edit_products')
  .input(z.object({ id: z.uuid() }))
  .mutation(async ({ ctx, input }) => ({ decided: (await decideSuggestions(ctx.tx, ctx.company.id, ctx.user.id, [{ id: input.id, decision: 'reject' }], new Date())).decided }));
