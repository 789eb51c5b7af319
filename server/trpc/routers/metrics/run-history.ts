/** A run's recorded status transitions, for replay on the run view. */
import { z } from 'zod';
import { runHistory } from '../../../services/metrics/run-history.ts';
import { companyProcedure } from '../../init.ts';

export const runHistoryProcedure = companyProcedure('read')
  .input(z.object({ id: z.uuid() }))
  .query(({ ctx, input }) => runHistory(ctx.tx, input.id));
