import { z } from 'zod';
import { INPUT_LIMITS } from '../../../../shared/input/limits.ts';
import { jsonBounds } from '../../../../shared/input/schemas.ts';
import { decideSuggestions } from '../../../services/enrichment/review.ts';
import { companyProcedure } from '../../init.ts';

/** Accepts one suggestion, as suggested or with the reviewer's edit (`value`, in the attribute's shape). */
export const acceptSuggestionProcedure = companyProcedure('edit_products')
  .input(
    z.object({
      id: z.uuid(),
      value: z
        .unknown()
        .refine((v) => v === undefined || (typeof v === 'object' && v !== null && !Array.isArray(v)), "an edited value is an object in the attribute's shape")
        .superRefine(jsonBounds(INPUT_LIMITS.fieldValue))
        .optional(),
    }),
  )
  .mutation(async ({ ctx, input }) => {
    const res = await decideSuggestions(ctx.tx, ctx.company.id, ctx.user.id, [{ id: input.id, decision: 'accept', ...(input.value !== undefined ? { value: input.value } : {}) }], new Date());
    if (res.events.length) ctx.afterCommit(() => ctx.sendEvent(res.events));
    return { decided: res.decided };
  });
