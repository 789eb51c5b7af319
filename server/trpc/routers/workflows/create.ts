import { z } from 'zod';
import { createWorkflow } from '../../../services/workflows/create.ts';
import { companyProcedure } from '../../init.ts';
import { DescriptionSchema, NameSchema, TriggerConfigSchema } from './schemas.ts';

export const createProcedure = companyProcedure('edit_workflows')
  .input(z.object({ name: NameSchema, description: DescriptionSchema.optional(), triggerConfig: TriggerConfigSchema.optional() }))
  .mutation(async ({ ctx, input }) => {
    const row = await createWorkflow(ctx.tx, ctx.company.id, ctx.user.id, input);
    return { id: row.id, revision: row.revision };
  });
