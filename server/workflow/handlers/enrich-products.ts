import { sql } from 'drizzle-orm';
import { enrichProductsStep } from '../../../shared/steps/kinds/enrich-products.ts';
import { withCompany } from '../../db/tx.ts';
import { FUNCTION_IDS } from '../../../shared/functions/ids.ts';
import type { JobSummary } from '../../services/enrichment/jobs.ts';
import { celVars } from '../vars.ts';
import { requiredProductIds } from './product-ids.ts';
import { defineInvokeHandler, PermanentStepError } from './types.ts';



/**
 * Invokes enrichment-pipeline for the run's products; the job key is this run and step, so a replayed step finds
 * the same job. The job's workflow run is this run: auto-approved writes carry it as their origin (loop guard).
 */
export const enrichProductsHandler = defineInvokeHandler(
  enrichProductsStep,
  async (ctx, config) => {
    const ids = requiredProductIds(config.products, celVars(ctx.vars));
    let retailerId: string | null = null;
    if (config.retailer) {
      const [r] = await withCompany(ctx.db, ctx.companyId, (tx) => tx.execute<{ id: string }>(sql`select id from retailers where code = ${config.retailer}`));
      if (!r) throw new PermanentStepError(`no retailer "${config.retailer}"`);
      retailerId = r.id;
    }
    return {
      functionId: FUNCTION_IDS.enrichmentPipeline,
      data: { companyId: ctx.companyId, productIds: ids, fields: config.fields, retailerId, source: 'workflow', workflowRunId: ctx.runId, jobKey: `run:${ctx.runId}:${ctx.stepId}` },
      timeout: '6h',
    };
  },
  async (_ctx, _config, result) => {
    const r = result as JobSummary;
    return {
      output: {
        jobId: r.jobId, status: r.status, suggestions: r.suggestions, autoApproved: r.autoApproved, pendingReview: r.pendingReview,
        failed: r.failed, minConfidence: r.minConfidence, meanConfidence: r.meanConfidence,
      },
    };
  },
);
