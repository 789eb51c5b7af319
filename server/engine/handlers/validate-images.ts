import { validateImagesStep } from '../../../shared/steps/kinds/validate-images.ts';
import { celValue } from '../../executor/cel.ts';
import { ASSET_VALIDATION_ID, type ValidateImagesOutput } from '../../inngest/functions/asset-validation.ts';
import { celVars } from '../vars.ts';
import { defineInvokeHandler, PermanentStepError } from './types.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The run's products: the configured CEL list, else the trigger's productId / productIds (an upload names its product). */
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

/** Invokes asset-validation for the products; its totals become the step output. */
export const validateImagesHandler = defineInvokeHandler(
  validateImagesStep,
  async (ctx, config) => ({
    functionId: ASSET_VALIDATION_ID,
    data: { companyId: ctx.companyId, productIds: productIds(config.products, celVars(ctx.vars)), workflowRunId: ctx.runId },
    timeout: '15m',
  }),
  async (_ctx, _config, result) => {
    const r = result as ValidateImagesOutput;
    return { output: { passed: r.passed, errors: r.errors, warnings: r.warnings, assets: r.assets, perRetailer: r.perRetailer, results: r.results } };
  },
);
