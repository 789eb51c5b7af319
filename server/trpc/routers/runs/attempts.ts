/** Every step attempt of a run, grouped by DAG step, for the run inspector (services/runs/attempts.ts). */
import { z } from 'zod';
import { runAttempts } from '../../../services/runs/attempts.ts';
import { companyProcedure } from '../../init.ts';

export type { StepAttempt } from '../../../services/runs/attempts.ts';

export const runAttemptsProcedure = companyProcedure('read')
  .input(z.object({ id: z.uuid() }))
  .query(({ ctx, input }) => runAttempts(ctx.tx, input.id));
