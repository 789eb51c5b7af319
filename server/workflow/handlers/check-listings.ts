import { checkListingsStep } from '../../../shared/steps/kinds/check-listings.ts';
import { FUNCTION_IDS } from '../../../shared/functions/ids.ts';
import type { WatchdogSummary } from '../../services/monitoring/watchdog-summary.ts';
import { celVars } from '../vars.ts';
import { requiredProductIds } from './product-ids.ts';
import { defineInvokeHandler } from './types.ts';



/** Invokes the watchdog for the products' listings; the sweep key (run + step) makes a retried step reuse its snapshots. */
export const checkListingsHandler = defineInvokeHandler(
  checkListingsStep,
  async (ctx, config) => ({
    functionId: FUNCTION_IDS.watchdogRunner,
    data: { companyId: ctx.companyId, productIds: requiredProductIds(config.products, celVars(ctx.vars)), ...(config.retailer ? { retailer: config.retailer } : {}), sweepKey: `run:${ctx.runId}:${ctx.stepId}` },
    timeout: '15m',
  }),
  async (_ctx, _config, result) => {
    const r = result as WatchdogSummary;
    return { output: { score: r.score, band: r.band, findings: r.findings, critical: r.critical, listings: r.listings, results: r.results } };
  },
);
