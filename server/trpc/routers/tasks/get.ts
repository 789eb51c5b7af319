import { z } from 'zod';
import { getTask } from '../../../services/tasks/queries.ts';
import { companyProcedure } from '../../init.ts';

export const getTaskProcedure = companyProcedure('read').input(z.object({ id: z.uuid() })).query(({ ctx, input }) => getTask(ctx.tx, input.id));
