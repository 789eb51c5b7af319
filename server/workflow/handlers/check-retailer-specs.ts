import { checkRetailerSpecsStep } from '../../../shared/steps/kinds/check-retailer-specs.ts';
import { FUNCTION_IDS } from '../../../shared/functions/ids.ts';
import type { SentinelSummary } from '../../services/monitoring/sentinel-summary.ts';
import { defineInvokeHandler } from './types.ts';

/** Invokes the change sentinel for one retailer of the run's company; its changes become the step output. */
export const checkRetailerSpecsHandler = defineInvokeHandler(
  checkRetailerSpecsStep,
  async (ctx, config) => ({ functionId: FUNCTION_IDS.changeSentinelRunner, data: { companyId: ctx.companyId, retailer: config.retailer }, timeout: '15m' }),
  async (_ctx, _config, result) => {
    const r = result as SentinelSummary;
    return {
      output: {
        changes: r.changes.length,
        affectedProducts: r.changes.reduce((n, c) => n + c.affectedProducts, 0),
        versions: r.changes.map((c) => ({ specKey: c.specKey, version: c.version, severity: c.severity, affectedProducts: c.affectedProducts })),
        problems: r.problems.length,
      },
    };
  },
);
