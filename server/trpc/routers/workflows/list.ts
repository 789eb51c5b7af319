import { listWorkflows } from '../../../services/workflows/list.ts';
import { companyProcedure } from '../../init.ts';

export const listProcedure = companyProcedure('read').query(({ ctx }) => listWorkflows(ctx.tx));
