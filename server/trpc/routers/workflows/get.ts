import { getWorkflow } from '../../../services/workflows/get.ts';
import { companyProcedure } from '../../init.ts';
import { WorkflowIdSchema } from './schemas.ts';

export const getProcedure = companyProcedure('read').input(WorkflowIdSchema).query(({ ctx, input }) => getWorkflow(ctx.tx, input.id));
