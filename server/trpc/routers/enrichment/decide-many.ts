import { z } from 'zod';
import { decideSuggestions } from '../../../services/enrichment/review.ts';
import { companyProcedure } from '../../init.ts';

/** Accepts or rejects many suggestions at once, all or nothing: one already decided refuses the whole set. */
export const decideSuggestionsProcedure = companyProcedure('edit_products')
  .input(z.object({ ids: z.array(z.uuid()).min(1).max(500), decision: z.enum(['accept', 'reject']) }))
  .mutation(async ({ ctx, input }) => {
    const res = await decideSuggestions(ctx.tx, ctx.company.id, ctx.user.id, input.ids.map((id) => ({ id, decision: input.decision })), new Date());
    if (res.events.length) ctx.afterCommit(() => ctx.sendEvent(res.events));
    return { decided: res.decided };
  });
