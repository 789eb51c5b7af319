import { sql } from 'drizzle-orm';
import { enrichProductsStep } from '../../../shared/steps/kinds/enrich-products.ts';
import { withCompany } from '../../db/tx.ts';
import { celValue } from '../../executor/cel.ts';
import { ENRICHMENT_PIPELINE_ID } from '../../inngest/functions/enrichment-pipeline.ts';
import type { JobSummary } from '../../services/enrichment/jobs.ts';
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
  if (list.length === 0) throw new PermanentStepError('no products to enrich');
  if (!list.every((id) => typeof id === 'string' && UUID.test(id))) throw new PermanentStepError(`products: expected product ids, got ${JSON.stringify(v).slice(0, 120)}`);
  return list as string[];
}

/**
 * Invokes enrichment-pipeline for the run's products; the job key is this run and step, so a replayed step finds
 * the same job. The job's workflow run is this run: auto-approved writes carry it as their origin (loop guard).
 */
export const enrichProductsHandler = defineInvokeHandler(
  enrichProductsStep,
  async (ctx, config) => {
    const ids = productIds(config.products, celVars(ctx.vars));
    let retailerId: string | null = null;
    if (config.retailer) {
      const [r] = await withCompany(ctx.db, ctx.companyId, (tx) => tx.execute<{ id: string }>(sql`select id from retailers where code = ${config.retailer}`));
      if (!r) throw new PermanentStepError(`no retailer "${config.retailer}"`);
      retailerId = r.id;
    }
    return {
      functionId: ENRICHMENT_PIPELINE_ID,
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
