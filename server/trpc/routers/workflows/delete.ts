import { deleteWorkflow } from '../../../services/workflows/delete.ts';
import { companyProcedure } from '../../init.ts';
import { WorkflowIdSchema } from './schemas.ts';

export const deleteProcedure = companyProcedure('edit_workflows')
  .input(WorkflowIdSchema)
  .mutation(async ({ ctx, input }) => {
    await deleteWorkflow(ctx.tx, ctx.user.id, input.id);
    return { id: input.id };
  });
