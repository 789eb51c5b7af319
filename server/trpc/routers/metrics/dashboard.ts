/** Every dashboard metric for the company over [from, to), all in its tenant transaction (services/metrics/). */
import { MetricsRangeSchema } from '../../../../shared/metrics/vocab.ts';
import { metricsDashboard } from '../../../services/metrics/dashboard.ts';
import { companyProcedure } from '../../init.ts';

export const metricsDashboardProcedure = companyProcedure('read')
  .input(MetricsRangeSchema)
  .query(({ ctx, input }) => metricsDashboard(ctx.tx, input));
