import { z } from 'zod';
import { setWorkflowEnabled } from '../../../services/workflows/set-enabled.ts';
import { companyProcedure } from '../../init.ts';

export const setEnabledProcedure = companyProcedure('edit_workflows')
  .input(z.object({ id: z.uuid(), enabled: z.boolean() }))
  .mutation(async ({ ctx, input }) => {
    const row = await setWorkflowEnabled(ctx.tx, ctx.user.id, input.id, input.enabled);
    return { id: row.id, isEnabled: row.isEnabled, updatedAt: row.updatedAt };
  });
