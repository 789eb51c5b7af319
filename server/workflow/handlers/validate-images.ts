import { validateImagesStep } from '../../../shared/steps/kinds/validate-images.ts';
import { FUNCTION_IDS } from '../../../shared/functions/ids.ts';
import type { ValidateImagesOutput } from '../../services/assets/images-summary.ts';
import { celVars } from '../vars.ts';
import { requiredProductIds } from './product-ids.ts';
import { defineInvokeHandler } from './types.ts';



/** Invokes asset-validation for the products; its totals become the step output. */
export const validateImagesHandler = defineInvokeHandler(
  validateImagesStep,
  async (ctx, config) => ({
    functionId: FUNCTION_IDS.assetValidation,
    data: { companyId: ctx.companyId, productIds: requiredProductIds(config.products, celVars(ctx.vars)), workflowRunId: ctx.runId },
    timeout: '15m',
  }),
  async (_ctx, _config, result) => {
    const r = result as ValidateImagesOutput;
    return { output: { passed: r.passed, errors: r.errors, warnings: r.warnings, assets: r.assets, perRetailer: r.perRetailer, results: r.results } };
  },
);
