/**
 * enrichment-batch: one child run of enrichment-pipeline per batch of products (invoke-only). Each Claude call is its
 * own durable step (`claude:<product>:<skill>`), so a crash resumes at the first unfinished call and never pays for
 * a finished one twice; each product's answers are recorded in one step that also beats the job's heartbeat.
 * A failed call fails only its product's item (the job ends `partial`), never the batch.
 */
import { invoke, referenceFunction } from 'inngest';
import { callSkill, type SkillCallResult } from '../../ai/invocation.ts';
import { withCompany } from '../../db/tx.ts';
import { loadBatchContext, type BatchContext, type ProductContext } from '../../services/enrichment/context.ts';
import type { CallTotals } from '../../services/enrichment/jobs.ts';
import { recordProduct, type GroupOutcome } from '../../services/enrichment/record.ts';
import { EnrichBatchSchema } from '../../services/enrichment/request.ts';
import type { SkillGroup } from '../../services/enrichment/fields.ts';
import { inngest } from '../client.ts';
import type { FunctionDeps } from './deps.ts';

export const ENRICHMENT_BATCH_ID = 'enrichment-batch';
export const enrichmentBatchRef = referenceFunction({ functionId: ENRICHMENT_BATCH_ID });

export function enrichmentBatch(deps: FunctionDeps) {
  const now = deps.now ?? (() => new Date());
  return inngest.createFunction(
    { id: ENRICHMENT_BATCH_ID, name: 'Enrichment batch', triggers: [invoke(EnrichBatchSchema)], retries: 3 },
    async ({ event, step }) => {
      const { companyId, jobId, productIds } = EnrichBatchSchema.parse(event.data);
      const ctx = await step.run('context', () => withCompany(deps.db, companyId, (tx) => loadBatchContext(tx, jobId, productIds)));
      // One call at a time: the embedded executor deadlocks when many invoked children finish at once (see report),
      // and claude-agent-runner's per-company concurrency bounds the throughput anyway.
      const perProduct: Awaited<ReturnType<typeof enrichProduct>>[] = [];
      const recorded = [];
      for (const p of ctx.products) {
        const done = await enrichProduct(step, ctx, companyId, p);
        perProduct.push(done);
        recorded.push(await step.run(`record:${p.id}`, () => withCompany(deps.db, companyId, (tx) => recordProduct(tx, companyId, ctx, p, done.outcomes, now()))));
      }
      const events = recorded.flatMap((r) => r.events);
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

/** All of a product's skill calls, one after another; a failed call becomes a failed outcome instead of failing the run. */
async function enrichProduct(step: unknown, ctx: BatchContext, companyId: string, p: ProductContext): Promise<{ outcomes: GroupOutcome[]; results: SkillCallResult[] }> {
  const results: SkillCallResult[] = [];
  const outcomes: GroupOutcome[] = [];
  for (const g of p.groups) {
    outcomes.push(
      await (async (): Promise<GroupOutcome> => {
      try {
        const res = await callSkill(step, `claude:${p.id}:${g.skill}`, { companyId, skill: g.skill, input: skillInput(ctx, p, g), correlation: { jobId: ctx.jobId, productId: p.id, ...(ctx.workflowRunId ? { workflowRunId: ctx.workflowRunId } : {}) } });
        results.push(res);
        return { skill: g.skill, fields: g.fields, ok: true, output: res.output, model: res.model };
      } catch (err) {
        return { skill: g.skill, fields: g.fields, ok: false, error: (err as Error).message.slice(0, 500) };
      }
      })(),
    );
  }
  return { outcomes, results };
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
