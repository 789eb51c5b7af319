import { z } from 'zod';
import { getRun } from '../../../services/runs/queries.ts';
import { companyProcedure } from '../../init.ts';

export const getRunProcedure = companyProcedure('read').input(z.object({ id: z.uuid() })).query(({ ctx, input }) => getRun(ctx.tx, input.id));
