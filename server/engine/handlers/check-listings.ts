import { checkListingsStep } from '../../../shared/steps/kinds/check-listings.ts';
import { celValue } from '../../executor/cel.ts';
import { WATCHDOG_RUNNER_ID, type WatchdogSummary } from '../../inngest/functions/watchdog-runner.ts';
import { celVars } from '../vars.ts';
import { defineInvokeHandler, PermanentStepError } from './types.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The run's products: the configured CEL list, else the trigger's productId / productIds. */
function productIds(expression: string | undefined, vars: Record<string, unknown>): string[] {
  let v: unknown;
  if (expression) {
    try {
      v = celValue(expression, vars);
    } catch (err) {
      throw new PermanentStepError(`products: ${(err as Error).message.split('\n')[0]}`);
    }
  } else {
    const data = (vars.event as { data?: Record<string, unknown> } | undefined)?.data ?? {};
    v = data.productId ?? data.productIds;
  }
  if (v === undefined || v === null) throw new PermanentStepError('no products: the trigger names none; set "Product ids"');
  const list = Array.isArray(v) ? v : [v];
  if (!list.every((id) => typeof id === 'string' && UUID.test(id))) throw new PermanentStepError(`products: expected product ids, got ${JSON.stringify(v).slice(0, 120)}`);
  return list as string[];
}

/** Invokes the watchdog for the products' listings; the sweep key (run + step) makes a retried step reuse its snapshots. */
export const checkListingsHandler = defineInvokeHandler(
  checkListingsStep,
  async (ctx, config) => ({
    functionId: WATCHDOG_RUNNER_ID,
    data: { companyId: ctx.companyId, productIds: productIds(config.products, celVars(ctx.vars)), ...(config.retailer ? { retailer: config.retailer } : {}), sweepKey: `run:${ctx.runId}:${ctx.stepId}` },
    timeout: '15m',
  }),
  async (_ctx, _config, result) => {
    const r = result as WatchdogSummary;
    return { output: { score: r.score, band: r.band, findings: r.findings, critical: r.critical, listings: r.listings, results: r.results } };
  },
);
