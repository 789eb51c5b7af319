/** The runs (or workflows) behind one point of a metrics chart. */
import { z } from 'zod';
import { MetricsRangeFields, RANGE_ORDER_ISSUE, rangeOrdered } from '../../../../shared/metrics/vocab.ts';
import { DrillSchema } from '../../../../shared/metrics/drill.ts';
import { drillDown } from '../../../services/metrics/drill.ts';
import { checkRange } from '../../../services/metrics/range.ts';
import { companyProcedure } from '../../init.ts';

export const metricsDrillProcedure = companyProcedure('read')
  .input(MetricsRangeFields.extend({ point: DrillSchema, limit: z.number().int().min(1).max(200).default(50) }).refine(rangeOrdered, RANGE_ORDER_ISSUE))
  .query(({ ctx, input }) => drillDown(ctx.tx, checkRange(input), input.point, input.limit));
