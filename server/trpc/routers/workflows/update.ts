import { z } from 'zod';
import { updateWorkflow } from '../../../services/workflows/update.ts';
import { companyProcedure } from '../../init.ts';
import { DescriptionSchema, NameSchema, RevisionSchema, TriggerConfigSchema } from './schemas.ts';

export const updateProcedure = companyProcedure('edit_workflows')
  .input(
    z.object({
      id: z.uuid(),
      expectedRevision: RevisionSchema,
      name: NameSchema.optional(),
      description: DescriptionSchema.optional(),
      triggerConfig: TriggerConfigSchema.optional(),
    }),
  )
  .mutation(async ({ ctx, input }) => {
    const row = await updateWorkflow(ctx.tx, ctx.user.id, input);
    return { id: row.id, revision: row.revision, updatedAt: row.updatedAt };
  });
