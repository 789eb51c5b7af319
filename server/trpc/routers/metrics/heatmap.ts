/** Per-step heat numbers of one workflow over its last N runs or a date range (the canvas heatmap). */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { workflows } from '../../../../drizzle/schema/index.ts';
import { AppError } from '../../../../shared/errors.ts';
import { MetricsRangeSchema } from '../../../../shared/metrics/vocab.ts';
import { workflowHeatmap } from '../../../services/metrics/heatmap.ts';
import { checkRange } from '../../../services/metrics/range.ts';
import { companyProcedure } from '../../init.ts';

export const metricsHeatmapProcedure = companyProcedure('read')
  .input(
    z.object({
      workflowId: z.uuid(),
      window: z.union([z.object({ lastRuns: z.number().int().min(1).max(1000) }), MetricsRangeSchema]),
    }),
  )
  .query(async ({ ctx, input }) => {
    const [wf] = await ctx.tx.select({ id: workflows.id }).from(workflows).where(eq(workflows.id, input.workflowId));
    if (!wf) throw new AppError('NOT_FOUND', 'Workflow not found');
    const window = 'lastRuns' in input.window ? input.window : checkRange(input.window);
    return workflowHeatmap(ctx.tx, input.workflowId, window);
  });
