/**
 * enrichment-batch: one child run of enrichment-pipeline per batch of products (invoke-only). Each Claude call is its
 * own durable step (`claude:<product>:<skill>`), so a crash resumes at the first unfinished call and never pays for
 * a finished one twice; each product's answers are recorded in one step that also beats the job's heartbeat.
 * A failed call fails only its product's item (the job ends `partial`), never the batch.
 */
import { FUNCTION_IDS } from '../../../shared/functions/ids.ts';
import { invoke, referenceFunction } from 'inngest';
import { callSkill, type SkillCallResult } from '../../services/ai/invocation.ts';
import { withCompany } from '../../db/tx.ts';
import { loadBatchContext, type BatchContext, type ProductContext } from '../../services/enrichment/context.ts';
import type { CallTotals } from '../../services/enrichment/jobs.ts';
import { recordProduct, type GroupOutcome } from '../../services/enrichment/record.ts';
import { EnrichBatchSchema } from '../../services/enrichment/request.ts';
import type { SkillGroup } from '../../services/enrichment/fields.ts';
import { inngest } from '../client.ts';
import type { FunctionDeps } from './deps.ts';

export const ENRICHMENT_BATCH_ID = FUNCTION_IDS.enrichmentBatch;
export const enrichmentBatchRef = referenceFunction({ functionId: ENRICHMENT_BATCH_ID });

export function enrichmentBatch(deps: FunctionDeps) {
  const now = deps.now ?? (() => new Date());
  return inngest.createFunction(
    { id: ENRICHMENT_BATCH_ID, name: 'Enrichment batch', triggers: [invoke(EnrichBatchSchema)], retries: 3 },
    async ({ event, step }) => {
      const { companyId, jobId, productIds } = EnrichBatchSchema.parse(event.data);
      const ctx = await step.run('context', () => withCompany(deps.db, companyId, (tx) => loadBatchContext(tx, jobId, productIds)));
      // Each product: its calls, then one step recording its suggestions and beating the job's heartbeat. Products
      // and calls go one after another within a batch (batches run in parallel); see PARALLEL_CALLS.
      const perProduct = await inOrder(ctx.products, async (p) => {
        const done = await enrichProduct(step, ctx, companyId, p);
        const recorded = await step.run(`record:${p.id}`, () => withCompany(deps.db, companyId, (tx) => recordProduct(tx, companyId, ctx, p, done.outcomes, now())));
        return { ...done, events: recorded.events };
      });
      const events = perProduct.flatMap((r) => r.events);
      if (events.length) await step.sendEvent('field-changes', events as never);
      const calls = perProduct.flatMap((p) => p.results);
      const totals: CallTotals = {
        calls: calls.length,
        inputTokens: calls.reduce((n, c) => n + c.inputTokens, 0),
        outputTokens: calls.reduce((n, c) => n + c.outputTokens, 0),
        costUsd: calls.reduce((n, c) => n + c.costUsd, 0),
        model: calls[0]?.model ?? null,
      };
      return totals;
    },
  );
}

/**
 * Whether one batch issues its calls in parallel. Off: batches already run in parallel and claude-agent-runner's
 * per-company concurrency (4) bounds throughput — measured on the 50 × 4 test, parallel calls within a batch were no
 * faster — while many invoked children finishing at one moment used to deadlock the embedded executor's run locks.
 */
const PARALLEL_CALLS = false;

function inOrder<T, R>(items: T[], fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  if (PARALLEL_CALLS) return Promise.all(items.map(fn));
  return items.reduce<Promise<R[]>>(async (acc, item, i) => [...(await acc), await fn(item, i)], Promise.resolve([]));
}

/** All of a product's skill calls; a failed call becomes a failed outcome (the item fails) instead of failing the run. */
async function enrichProduct(step: unknown, ctx: BatchContext, companyId: string, p: ProductContext): Promise<{ outcomes: GroupOutcome[]; results: SkillCallResult[] }> {
  const calls = await inOrder(p.groups, async (g): Promise<{ outcome: GroupOutcome; result: SkillCallResult | null }> => {
    try {
      const res = await callSkill(step, `claude:${p.id}:${g.skill}`, { companyId, skill: g.skill, input: skillInput(ctx, p, g), correlation: { jobId: ctx.jobId, productId: p.id, ...(ctx.workflowRunId ? { workflowRunId: ctx.workflowRunId } : {}) } });
      return { outcome: { skill: g.skill, fields: g.fields, ok: true, output: res.output, model: res.model }, result: res };
    } catch (err) {
      return { outcome: { skill: g.skill, fields: g.fields, ok: false, error: (err as Error).message.slice(0, 500) }, result: null };
    }
  });
  return { outcomes: calls.map((c) => c.outcome), results: calls.flatMap((c) => (c.result ? [c.result] : [])) };
}

function skillInput(ctx: BatchContext, p: ProductContext, g: SkillGroup): Record<string, unknown> {
  const product = { sku: p.sku, brand: p.brand, category: p.category, source: p.source };
  if (g.skill === 'extract_attributes') {
    return {
      product,
      attributes: g.fields.map((f) => {
        const a = ctx.attributes[f]!;
        return { code: a.code, label: a.label, type: a.type, ...(a.validation.options ? { options: a.validation.options } : {}) };
      }),
    };
  }
  const field = g.fields[0]!;
  const a = ctx.attributes[field];
  // The target retailer's rules; for a global value, every retailer's (the copy is syndicated to all of them).
  const rules = ctx.retailer ? (p.rules[0]?.rules ?? {}) : Object.fromEntries(p.rules.map((r) => [r.retailer, r.rules]));
  return { product, retailer: ctx.retailer, rules, ...(a ? { limits: a.validation } : {}) };
}
