/**
 * Enrichment history of DOMAIN.md §4.6, relative to the moment the seed runs: for Copper Kettle a completed coffee job
 * (10 products, 28 suggestions: 19 auto-approved, 9 waiting for review — task T4), a job still `running` whose
 * heartbeat stopped 3 hours ago (the cleanup marks it stale), a partial dog-treats job with one item failed on a 400,
 * the agent runs behind them, and a watchdog-baseline shadow run. Bluewater gets one row per table (isolation tests).
 *
 * Auto-approved suggestions propose the values the products already have (as if written by that job), and nothing
 * is added to the field history, so the seeded catalog, audits and field-changed watermark stay exactly as seeded.
 * Idempotent: a company that has any enrichment job is left alone.
 */
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { agentRuns, enrichmentJobItems, enrichmentJobs, enrichmentShadowResults, enrichmentShadowRuns, enrichmentSuggestions } from '../../../drizzle/schema/index.ts';
import type { Tx } from '../../db/client.ts';
import { fingerprintOf, similarity, textOf } from '../../services/enrichment/fingerprint.ts';

const MODEL = 'claude-sonnet-4-5';
const PRICE = { input: 3, output: 15 };

interface ProductRow {
  id: string;
  sku: string;
  category: string;
  values: Record<string, unknown>;
}

/** The 9 coffee suggestions T4 asks a person to review: below the threshold, invalid, or always-review attributes. */
const PENDING: { sku: string; attribute: string; value: unknown; model: number; confidence: number; rationale: string; quote: string; validation?: { rule: string; severity: string; message: string }[] }[] = [
  { sku: 'LPC-GRD-HAZ-12', attribute: 'title', value: { text: 'Lantern Peak Hazelnut Flavored Ground Coffee, Medium Roast, 12 oz' }, model: 0.86, confidence: 0.86, rationale: 'Removed promotional phrases and prohibited characters; kept brand, flavor, form, roast and size.', quote: 'Lantern Peak Hazelnut' },
  { sku: 'LPC-GRD-DEC-12', attribute: 'roast_level', value: { option: 'medium' }, model: 0.72, confidence: 0.72, rationale: 'The description calls it a smooth, balanced cup, typical of a medium roast; the roast is not stated.', quote: 'Lantern Peak Decaf' },
  { sku: 'LPC-POD-HB-24', attribute: 'bullets', value: { items: ['Compatible with most single-serve brewers', 'Medium roast, balanced and smooth', '24 single-serve pods of House Blend coffee', '100% Arabica beans roasted in small batches in Chicago', 'Recyclable pods sealed for freshness'] }, model: 0.81, confidence: 0.81, rationale: 'Added three bullets from the description; "recyclable" is not in the source text.', quote: 'Compatible with most single-serve brewers' },
  { sku: 'LPC-INS-HB-8', attribute: 'description', value: { text: 'Rich, smooth instant coffee made from 100% Arabica beans, roasted in small batches in Chicago and freeze-dried to lock in the flavor of a freshly brewed cup. Stir one teaspoon into eight ounces of hot water and enjoy in seconds, at home, at the office or on the trail.' }, model: 0.84, confidence: 0.84, rationale: 'Rewrote the all-caps description in sentence case without changing facts.', quote: 'RICH, SMOOTH INSTANT COFFEE' },
  { sku: 'LPC-WB-COL-32', attribute: 'title', value: { text: 'Lantern Peak Colombia Supremo Whole Bean Coffee, Medium Roast, 100% Arabica, 2 lb Bag' }, model: 0.88, confidence: 0.88, rationale: 'Shortened the 164-character title under Walmart\'s 150.', quote: 'Lantern Peak Colombia Supremo Whole Bean Coffee' },
  { sku: 'LPC-GRD-DEC-12', attribute: 'caffeine_content', value: { option: 'decaffeinated' }, model: 0.97, confidence: 0.97, rationale: 'The product is Swiss Water Process decaf; the record says caffeinated.', quote: 'Decaf Swiss Water Process', validation: [{ rule: 'ALWAYS_REVIEW', severity: 'info', message: 'Caffeine content is always reviewed by a person' }] },
  { sku: 'LPC-GRD-HAZ-12', attribute: 'ingredients', value: { text: 'Arabica coffee, natural and artificial hazelnut flavor' }, model: 0.93, confidence: 0.93, rationale: 'Names the flavoring the title promises.', quote: 'Hazelnut Coffee', validation: [{ rule: 'ALWAYS_REVIEW', severity: 'info', message: 'Ingredients are always reviewed by a person' }] },
  { sku: 'LPC-GRD-FR-10', attribute: 'country_of_origin', value: { text: 'USA' }, model: 0.7, confidence: 0.42, rationale: 'Roasted in Chicago; the beans\' origin is not stated.', quote: 'roasted in the USA', validation: [{ rule: 'EVIDENCE_NOT_FOUND', severity: 'warning', message: 'Quote not found in the source text: "roasted in the USA"' }] },
  { sku: 'LPC-POD-FR-24', attribute: 'description', value: { text: 'Lantern Peak French Roast pods bring bold, smoky notes of dark chocolate to any single-serve brewer. Each pod holds 100% Arabica coffee roasted in small batches in Chicago and sealed for freshness.' }, model: 0.83, confidence: 0.83, rationale: 'Tightened the description around the pod format.', quote: 'Lantern Peak French Roast' },
];

export async function seedEnrichment(tx: Tx, companyId: string, slug: string, userIds: Map<string, string>, now = new Date()): Promise<void> {
  const [{ n } = { n: 0 }] = await tx.execute<{ n: number }>(sql`select count(*)::int as n from enrichment_jobs where company_id = ${companyId}`);
  if (n > 0) return;
  const at = (h: number) => new Date(now.getTime() + h * 3600_000);
  const rows = await tx.execute<{ id: string; sku: string; category: string; attribute_code: string | null; value: unknown }>(sql`
    select p.id, p.sku, c.code as category, v.attribute_code, v.value from products p join categories c on c.id = p.category_id
    left join product_values v on v.product_id = p.id and v.channel_code = '' where p.company_id = ${companyId} order by p.sku`);
  const products = new Map<string, ProductRow>();
  for (const r of rows) {
    const p = products.get(r.sku) ?? { id: r.id, sku: r.sku, category: r.category, values: {} };
    if (r.attribute_code) p.values[r.attribute_code] = r.value;
    products.set(r.sku, p);
  }
  const all = [...products.values()];
  if (all.length === 0) return;
  if (slug === 'copper-kettle') await seedCopperKettle(tx, companyId, all, userIds, at);
  else await seedSmall(tx, companyId, slug, all, at);
}

async function seedCopperKettle(tx: Tx, companyId: string, all: ProductRow[], userIds: Map<string, string>, at: (h: number) => Date) {
  const coffee = all.filter((p) => p.category === 'coffee').slice(0, 10);
  const dogs = all.filter((p) => p.category === 'dog_treats').slice(0, 10);
  const marcus = userIds.get('marcus@copperkettle.example') ?? null;
  const bySku = new Map(all.map((p) => [p.sku, p]));

  // 1. The completed coffee job: 19 auto-approved (flavor and item form, already live) + the 9 pending above.
  const completed = await job(tx, companyId, { key: 'seed:enrichment:coffee', requestedBy: marcus, source: 'manual', fields: ['title', 'bullets', 'description', 'flavor', 'item_form', 'roast_level', 'caffeine_content', 'net_content', 'country_of_origin'], products: coffee, status: 'completed', startedH: -27, endH: -26.5 }, at);
  const auto = coffee.flatMap((p) => (['flavor', 'item_form'] as const).filter((a) => p.values[a] !== undefined).map((a) => ({ p, a }))).slice(0, 19);
  const suggestions = [
    ...auto.map(({ p, a }) => ({
      companyId, jobId: completed, productId: p.id, attributeCode: a, channelCode: '', locale: 'en_US', currentValue: null, suggestedValue: p.values[a],
      modelConfidence: 0.96, confidence: 0.96, model: MODEL, rationale: 'Stated in the supplier title.', evidence: [{ sourceField: 'supplier_title', quote: textOf(p.values[a]).replace(/_/g, ' ') }],
      validation: [], status: 'auto_approved' as const, createdAt: at(-26.6),
    })),
    ...PENDING.filter((s) => bySku.has(s.sku)).map((s) => ({
      companyId, jobId: completed, productId: bySku.get(s.sku)!.id, attributeCode: s.attribute, channelCode: '', locale: 'en_US', currentValue: bySku.get(s.sku)!.values[s.attribute] ?? null,
      suggestedValue: s.value, modelConfidence: s.model, confidence: s.confidence, model: MODEL, rationale: s.rationale,
      evidence: [{ sourceField: 'supplier_title', quote: s.quote }], validation: s.validation ?? [], status: 'pending' as const, createdAt: at(-26.6),
    })),
  ];
  await tx.insert(enrichmentSuggestions).values(suggestions);
  await runs(tx, companyId, completed, coffee, ['generate_title', 'generate_bullets', 'generate_description', 'extract_attributes'], at(-26.7));
  await finishStats(tx, completed, { suggestions: suggestions.length, autoApproved: auto.length, pendingReview: suggestions.length - auto.length, failed: 0 }, coffee.length * 4);
  // T4 ("Review 9 coffee enrichment suggestions") is about this job.
  await tx.execute(sql`
    update tasks set source_type = 'enrichment_job', source_id = ${completed}, raw = coalesce(raw, '{}'::jsonb) || ${JSON.stringify({ jobId: completed, pendingReview: suggestions.length - auto.length })}::jsonb
    where dedupe_key = 'seed:T4' and company_id = ${companyId}`);

  // 2. A job whose worker vanished: still `running`, heartbeat 3 hours ago, two of four products done.
  const stuck = dogs.slice(0, 4);
  const running = await job(tx, companyId, { key: 'seed:enrichment:stuck', requestedBy: marcus, source: 'manual', fields: ['title', 'bullets'], products: stuck, status: 'running', startedH: -3.2, heartbeatH: -3, itemStatuses: ['completed', 'completed', 'running', 'pending'] }, at);
  await runs(tx, companyId, running, stuck.slice(0, 2), ['generate_title', 'generate_bullets'], at(-3.1));

  // 3. The partial dog-treats job: life stage and species extracted (0.88 → review), one product failed with a 400.
  const partialProducts = dogs;
  const failedIndex = partialProducts.findIndex((p) => p.sku === 'TH-BUL-12-6');
  const partial = await job(tx, companyId, {
    key: 'seed:enrichment:dog-treats', requestedBy: userIds.get('luis@copperkettle.example') ?? null, source: 'upload', fields: ['life_stage', 'target_species'], products: partialProducts, status: 'partial', startedH: -50, endH: -49.8,
    itemStatuses: partialProducts.map((_, i) => (i === (failedIndex < 0 ? 0 : failedIndex) ? 'failed' : 'completed')),
    itemError: 'extract_attributes: Claude 400 invalid_request_error: prompt is too long',
  }, at);
  const salmon = bySku.get('TH-TRN-SAL-6');
  const dogSuggestions = salmon
    ? [
        { attribute: 'life_stage', value: { option: 'all_life_stages' }, quote: 'Training Bites for Dogs' },
        { attribute: 'target_species', value: { option: 'dog' }, quote: 'for Dogs' },
      ].map((s) => ({
        companyId, jobId: partial, productId: salmon.id, attributeCode: s.attribute, channelCode: '', locale: 'en_US', currentValue: null, suggestedValue: s.value,
        modelConfidence: 0.88, confidence: 0.88, model: MODEL, rationale: 'Training treats sized for every age.', evidence: [{ sourceField: 'supplier_title', quote: s.quote }],
        validation: [], status: 'pending' as const, createdAt: at(-49.9),
      }))
    : [];
  if (dogSuggestions.length) await tx.insert(enrichmentSuggestions).values(dogSuggestions);
  const okDogs = partialProducts.filter((_, i) => i !== (failedIndex < 0 ? 0 : failedIndex));
  await runs(tx, companyId, partial, okDogs, ['extract_attributes'], at(-49.9));
  await runs(tx, companyId, partial, [partialProducts[failedIndex < 0 ? 0 : failedIndex]!], ['extract_attributes'], at(-49.9), 'failed');
  await finishStats(tx, partial, { suggestions: dogSuggestions.length, autoApproved: 0, pendingReview: dogSuggestions.length, failed: 1 }, okDogs.length);

  // 4. Last Monday's watchdog baseline: shadow titles and their fingerprints.
  await shadow(tx, companyId, all.filter((p) => ['LPC-GRD-HB-12', 'LPC-GRD-FR-10', 'FW-HS-LAV-12', 'TH-JRK-CHK-16'].includes(p.sku)), at(-72));
}

async function seedSmall(tx: Tx, companyId: string, slug: string, all: ProductRow[], at: (h: number) => Date) {
  const p = all[0]!;
  const id = await job(tx, companyId, { key: `seed:enrichment:${slug}`, requestedBy: null, source: 'manual', fields: ['title'], products: [p], status: 'completed', startedH: -30, endH: -29.9 }, at);
  await tx.insert(enrichmentSuggestions).values({
    companyId, jobId: id, productId: p.id, attributeCode: 'title', channelCode: '', locale: 'en_US', currentValue: p.values.title ?? null,
    suggestedValue: { text: `${textOf(p.values.title).split(',')[0]}, Quick-Dry Cotton` }, modelConfidence: 0.8, confidence: 0.8, model: MODEL,
    rationale: 'Added the material.', evidence: [{ sourceField: 'supplier_title', quote: textOf(p.values.title).split(',')[0]! }], validation: [], status: 'pending', createdAt: at(-29.95),
  });
  await runs(tx, companyId, id, [p], ['generate_title'], at(-29.95));
  await finishStats(tx, id, { suggestions: 1, autoApproved: 0, pendingReview: 1, failed: 0 }, 1);
  await shadow(tx, companyId, [p], at(-48));
}

interface JobSpec {
  key: string;
  requestedBy: string | null;
  source: 'manual' | 'upload';
  fields: string[];
  products: ProductRow[];
  status: 'completed' | 'running' | 'partial';
  startedH: number;
  endH?: number;
  heartbeatH?: number;
  itemStatuses?: ('pending' | 'running' | 'completed' | 'failed')[];
  itemError?: string;
}

async function job(tx: Tx, companyId: string, s: JobSpec, at: (h: number) => Date): Promise<string> {
  const [row] = await tx
    .insert(enrichmentJobs)
    .values({
      companyId, jobKey: s.key, requestedBy: s.requestedBy, source: s.source, fields: s.fields, productCount: s.products.length, skill: 'generate_title,generate_bullets,generate_description,extract_attributes',
      promptVersion: 1, model: MODEL, status: s.status, startedAt: at(s.startedH), heartbeatAt: at(s.heartbeatH ?? s.endH ?? s.startedH), completedAt: s.endH === undefined ? null : at(s.endH), createdAt: at(s.startedH),
    })
    .returning({ id: enrichmentJobs.id });
  await tx.insert(enrichmentJobItems).values(
    s.products.map((p, i) => {
      const status = s.itemStatuses?.[i] ?? 'completed';
      return { companyId, jobId: row!.id, productId: p.id, status, attempts: status === 'pending' ? 0 : 1, error: status === 'failed' ? (s.itemError ?? 'failed') : null, updatedAt: at(s.heartbeatH ?? s.endH ?? s.startedH) };
    }),
  );
  return row!.id;
}

async function runs(tx: Tx, companyId: string, jobId: string, products: ProductRow[], skills: string[], createdAt: Date, status: 'completed' | 'failed' = 'completed') {
  const values = products.flatMap((p, i) =>
    skills.map((skill, j) => {
      const input = status === 'failed' ? 0 : 900 + ((i * 37 + j * 53) % 400);
      const output = status === 'failed' ? 0 : 150 + ((i * 11 + j * 29) % 200);
      return {
        companyId, skillName: skill, skillVersion: 1, model: MODEL, correlation: { jobId, productId: p.id }, idempotencyKey: `seed:${jobId}:${p.id}:${skill}`,
        requestSha256: createHash('sha256').update(`${jobId}:${p.id}:${skill}`).digest('hex'), status, stopReason: status === 'failed' ? null : 'tool_use',
        inputTokens: input, outputTokens: output, costUsd: Math.round(((input * PRICE.input + output * PRICE.output) / 1e6) * 1e6) / 1e6,
        latencyMs: 1800 + ((i * 131 + j * 71) % 2400), attempts: status === 'failed' ? 1 : (i + j) % 9 === 0 ? 2 : 1,
        error: status === 'failed' ? { name: 'NonRetriableError', message: 'Claude 400 invalid_request_error: prompt is too long' } : null, createdAt,
      };
    }),
  );
  if (values.length) await tx.insert(agentRuns).values(values);
}

async function finishStats(tx: Tx, jobId: string, counts: { suggestions: number; autoApproved: number; pendingReview: number; failed: number }, calls: number) {
  await tx.execute(sql`
    update enrichment_jobs set stats = (
      select jsonb_build_object('suggestions', ${counts.suggestions}::int, 'autoApproved', ${counts.autoApproved}::int, 'pendingReview', ${counts.pendingReview}::int, 'failed', ${counts.failed}::int,
        'calls', ${calls}::int, 'inputTokens', coalesce(sum(input_tokens), 0)::int, 'outputTokens', coalesce(sum(output_tokens), 0)::int, 'costUsd', coalesce(sum(cost_usd), 0)::float8)
      from agent_runs where correlation->>'jobId' = ${jobId}::text and status = 'completed')
    where id = ${jobId}`);
}

async function shadow(tx: Tx, companyId: string, products: ProductRow[], createdAt: Date) {
  const [run] = await tx
    .insert(enrichmentShadowRuns)
    .values({ companyId, reason: 'watchdog_baseline', skill: 'generate_title', promptVersion: 1, model: MODEL, status: 'completed', createdAt, completedAt: new Date(createdAt.getTime() + 90_000) })
    .returning({ id: enrichmentShadowRuns.id });
  const published = await tx.execute<{ product_id: string; content: Record<string, unknown> }>(sql`
    select distinct on (product_id) product_id, published_content as content from listings where company_id = ${companyId} and published_content is not null order by product_id, published_at desc`);
  const pub = new Map(published.map((r) => [r.product_id, r.content]));
  await tx.insert(enrichmentShadowResults).values(
    products.map((p, i) => {
      const current = textOf(p.values.title);
      const shadowTitle = current.replace(/, /, ' ').trim();
      const publishedTitle = textOf(pub.get(p.id)?.title);
      return {
        companyId, shadowRunId: run!.id, productId: p.id, attributeCode: 'title', channelCode: '', shadowValue: { text: shadowTitle }, currentValue: p.values.title ?? null,
        publishedValue: pub.get(p.id)?.title ?? null, similarityToCurrent: similarity(shadowTitle, current), similarityToPublished: similarity(shadowTitle, publishedTitle),
        confidence: 0.9, fingerprint: { ...fingerprintOf(shadowTitle, { flavor: textOf(p.values.flavor ?? p.values.scent) || null }) }, inputTokens: 950 + i * 20, outputTokens: 60 + i * 5, latencyMs: 1500 + i * 100, createdAt,
      };
    }),
  );
}
