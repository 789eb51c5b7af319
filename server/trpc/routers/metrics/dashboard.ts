/** Every dashboard metric for the company over [from, to). Executor state is read as the owner (see step-success.ts). */
import { MetricsRangeSchema } from '../../../../shared/metrics/vocab.ts';
import { metricsDashboard } from '../../../services/metrics/dashboard.ts';
import { companyProcedure } from '../../init.ts';

export const metricsDashboardProcedure = companyProcedure('read')
  .input(MetricsRangeSchema)
  .query(({ ctx, input }) => metricsDashboard(ctx.tx, ctx.db, ctx.company.id, input));
