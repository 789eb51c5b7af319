/**
 * shadow-enrichment (DOMAIN.md F6): on `enrichment/shadow.run`, runs the enrichment skills (optionally a pinned
 * prompt version) for the products and records shadow results — similarity to the current and the published copy
 * and a key-facts fingerprint for the watchdog — without writing product values or suggestions. One Claude call
 * per product and skill, each its own durable step; one company at a time, since nothing waits for it.
 */
import { FUNCTION_IDS } from '../../../shared/functions/ids.ts';
import { callSkill, type SkillCallResult } from '../../services/ai/invocation.ts';
import { withCompany } from '../../db/tx.ts';
import { skillGroups } from '../../services/enrichment/fields.ts';
import type { GroupOutcome } from '../../services/enrichment/record.ts';
import { closeShadowRun, loadShadowProducts, recordShadowProduct, shadowTarget, startShadowRun, type ShadowProduct } from '../../services/enrichment/shadow.ts';
import type { SkillGroup } from '../../services/enrichment/fields.ts';
import { inngest } from '../client.ts';
import { shadowEnrichmentRun } from '../events.ts';
import type { FunctionDeps } from './deps.ts';

export function shadowEnrichment(deps: FunctionDeps) {
  const now = deps.now ?? (() => new Date());
  return inngest.createFunction(
    { id: FUNCTION_IDS.shadowEnrichment, name: 'Shadow enrichment', triggers: [shadowEnrichmentRun], retries: 3, concurrency: { key: 'event.data.companyId', limit: 1 }, idempotency: 'event.data.shadowRunId' },
    async ({ event, step }) => {
      const d = event.data;
      const version = d.promptVersion && /^\d+$/.test(d.promptVersion) ? Number(d.promptVersion) : null;
      const loaded = await step.run('load', () =>
        withCompany(deps.db, d.companyId, async (tx) => {
          await startShadowRun(tx, { companyId: d.companyId, shadowRunId: d.shadowRunId, reason: d.reason, skill: d.skill, promptVersion: version });
          const target = await shadowTarget(tx, { productIds: d.productIds, retailerId: d.retailerId, retailer: d.retailer });
          return loadShadowProducts(tx, target.productIds, target.retailerId);
        }),
      );
      const perProduct = await Promise.all(
        loaded.products.map(async (p) => {
          const groups = skillGroups(d.fields, new Set(p.categoryAttributes));
          const calls = await Promise.all(groups.map((g) => shadowCall(step, d.companyId, d.shadowRunId, loaded.retailer, p, g, version)));
          return { p, outcomes: calls.map((c) => c.outcome), results: calls.map((c) => c.result) };
        }),
      );
      const written = await Promise.all(
        perProduct.map(({ p, outcomes, results }) =>
          step.run(`record:${p.id}`, () => withCompany(deps.db, d.companyId, (tx) => recordShadowProduct(tx, { companyId: d.companyId, shadowRunId: d.shadowRunId, channel: loaded.retailer, product: p, outcomes, results }))),
        ),
      );
      const all = perProduct.flatMap((x) => x.outcomes);
      const status = all.length > 0 && all.every((o) => !o.ok) ? 'failed' : 'completed';
      const model = perProduct.flatMap((x) => x.results).find((r) => r)?.model ?? null;
      await step.run('close', () => withCompany(deps.db, d.companyId, (tx) => closeShadowRun(tx, d.shadowRunId, status, model, now())));
      return { shadowRunId: d.shadowRunId, status, results: written.reduce((a, b) => a + b, 0), failedCalls: all.filter((o) => !o.ok).length };
    },
  );
}

async function shadowCall(step: unknown, companyId: string, shadowRunId: string, retailer: string, p: ShadowProduct, g: SkillGroup, version: number | null): Promise<{ outcome: GroupOutcome; result: SkillCallResult | null }> {
  const product = { sku: p.sku, brand: p.brand, category: p.category, source: p.source };
  // The same input the pipeline gives the skill, so a shadow answer is comparable with a production one.
  const input = g.skill === 'extract_attributes' ? { product, attributes: g.fields.map((f) => p.attributes[f] ?? { code: f, label: f, type: 'text' }) } : { product, retailer: retailer || null, rules: p.rules };
  try {
    const result = await callSkill(step, `shadow:${p.id}:${g.skill}`, { companyId, skill: g.skill, ...(version ? { skillVersion: version } : {}), input, correlation: { productId: p.id, stepId: `shadow:${shadowRunId}` } });
    return { outcome: { skill: g.skill, fields: g.fields, ok: true, output: result.output, model: result.model }, result };
  } catch (err) {
    return { outcome: { skill: g.skill, fields: g.fields, ok: false, error: (err as Error).message.slice(0, 300) }, result: null };
  }
}
