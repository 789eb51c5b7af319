import { z } from 'zod';
import { publishWorkflow } from '../../../services/workflows/publish.ts';
import { companyProcedure } from '../../init.ts';
import { RevisionSchema } from './schemas.ts';

export const publishProcedure = companyProcedure('edit_workflows')
  .input(z.object({ id: z.uuid(), expectedRevision: RevisionSchema }))
  .mutation(async ({ ctx, input }) => {
    const v = await publishWorkflow(ctx.tx, ctx.user.id, input);
    return { versionId: v.id, version: v.version };
  });
