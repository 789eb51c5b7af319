import { z } from 'zod';
import { INPUT_LIMITS } from '../../../../shared/input/limits.ts';
import { jsonBounds } from '../../../../shared/input/schemas.ts';
import { updateProductField } from '../../../services/products/update-field.ts';
import { companyProcedure } from '../../init.ts';
import { CodeSchema } from './schemas.ts';

/** Edits one field; history names the person, and `product/field.changed` goes out once the write committed. */
export const updateProductFieldProcedure = companyProcedure('edit_products')
  .input(
    z.object({
      id: z.uuid(),
      attribute: CodeSchema,
      channel: z.union([z.literal(''), CodeSchema]).default(''),
      value: z
        .unknown()
        .refine((v) => v === null || (typeof v === 'object' && !Array.isArray(v)), 'a value is an object in the attribute\'s shape, or null to clear it')
        .superRefine(jsonBounds(INPUT_LIMITS.fieldValue)),
      expectedVersion: z.number().int().positive().optional(),
    }),
  )
  .mutation(async ({ ctx, input }) => {
    const res = await updateProductField(ctx.tx, {
      companyId: ctx.company.id,
      productId: input.id,
      attribute: input.attribute,
      channel: input.channel,
      value: input.value ?? null,
      actor: { type: 'user', id: ctx.user.id },
      ...(input.expectedVersion !== undefined ? { expectedVersion: input.expectedVersion } : {}),
    });
    if (res.event) {
      const event = res.event;
      ctx.afterCommit(() => ctx.sendEvent([event]));
    }
    return { changed: res.changed, version: res.version, historyId: res.historyId };
  });
