import { z } from 'zod';
import { publishWorkflow } from '../../../services/workflows/publish.ts';
import { companyProcedure } from '../../init.ts';
import { RevisionSchema } from './schemas.ts';
import { boundedString, TEXT_LIMITS } from '../../../../shared/text/limits.ts';

/** What the publisher says about the version; shown in the version list. */
const MessageSchema = boundedString(TEXT_LIMITS.publishMessage);

export const publishProcedure = companyProcedure('edit_workflows')
  .input(z.object({ id: z.uuid(), expectedRevision: RevisionSchema, message: MessageSchema.optional() }))
  .mutation(async ({ ctx, input }) => {
    const v = await publishWorkflow(ctx.tx, ctx.user.id, input);
    return { versionId: v.id, version: v.version };
  });
