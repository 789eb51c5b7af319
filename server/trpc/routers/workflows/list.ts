import { z } from 'zod';
import { listWorkflows } from '../../../services/workflows/list.ts';
import { companyProcedure } from '../../init.ts';

export const listProcedure = companyProcedure('read').input(z.object({})).query(({ ctx }) => listWorkflows(ctx.tx));
