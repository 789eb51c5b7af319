import { z } from 'zod';
import { restoreVersion } from '../../../services/versions/restore.ts';
import { companyProcedure } from '../../init.ts';
import { RevisionSchema } from '../workflows/schemas.ts';

/** Replaces the draft (graph and trigger) with a published version's; CONFLICT when `expectedRevision` is stale. */
export const restoreVersionProcedure = companyProcedure('edit_workflows')
  .input(z.object({ workflowId: z.uuid(), id: z.uuid(), expectedRevision: RevisionSchema }))
  .mutation(({ ctx, input }) => restoreVersion(ctx.tx, ctx.user.id, input));
