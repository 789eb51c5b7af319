/**
 * enrichment-pipeline (DOMAIN.md F4) through the real executor with the fake Messages API: auto-approval written
 * through the catalog path, prohibited phrase and enum miss left for review, an overloaded API retried, a bad request
 * failing one item (job partial), the completion event and review task; a 429 storm absorbed with retry-after.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cond, edge, graph, step, trig } from '../../../shared/graph/fixtures.ts';
import type { Graph } from '../../../shared/graph/schema.ts';
import { publishWorkflow, runSteps, SLUG, startHarness, waitForRun, type Harness } from '../../workflow/testing/harness.ts';
import { dbTargets, useTestDatabase } from '../../testing/db.ts';
import { startFakeAnthropic, type FakeAnthropic } from '../../testing/fake-anthropic.ts';
import { answerEnrichment, companyIds, productIdsBySku, waitForJob } from './testing/pipeline-harness.ts';

const TITLE_96 = 'Lantern Peak House Blend Ground Coffee, Medium Roast, 100% Arabica Beans, Small Batch, 12 oz Bag';

describe.each(dbTargets())('enrichment-pipeline on $name postgres', (target) => {
  const t = useTestDatabase(target, { seeded: true });
  let fake: FakeAnthropic;
  let h: Harness;

  beforeAll(async () => {
    fake = await startFakeAnthropic({ inputTokens: 1000, outputTokens: 200 });
    h = await startHarness(t.current.database, { claude: fake.config() });
  });
  afterAll(async () => {
    await h?.stop();
    await fake?.close();
  });

  it('auto-approves and writes a grounded title, leaves a prohibited phrase and an enum miss for review, retries a 529, fails one item on a 400', async () => {
    const db = t.current.database.db;
    const skus = ['LPC-GRD-HB-12', 'FW-HS-EUC-12', 'LPC-GRD-DEC-12', 'LPC-GRD-HAZ-12'];
    const ids = await productIdsBySku(t.current.database, skus);
    const { id: companyId, amazon } = await companyIds(t.current.database);
    answerEnrichment(fake, {
      title: (sku) => (sku === 'LPC-GRD-HB-12' ? { title: TITLE_96, confidence: 0.95 } : undefined),
      bullets: (sku) => (sku === 'FW-HS-EUC-12' ? { bullets: ['Gentle plant-based formula', 'Antibacterial formula with eucalyptus oil'], confidence: 0.9 } : undefined),
      extract: (sku) => (sku === 'LPC-GRD-DEC-12' ? { roast_level: { value: 'blonde-ish', confidence: 0.9, evidence: ['Decaf Swiss Water Process'] } } : undefined),
    });
    fake.fault('529', 1, { skill: 'generate_title', text: 'LPC-GRD-HB-12' });
    fake.fault('400', 1, { skill: 'generate_title', text: 'LPC-GRD-HAZ-12' });
    const before = fake.count();

    await h.sendEvent([{ id: 'upload-f4', name: 'product/uploaded', data: { companyId, productIds: skus.map((s) => ids[s]!), source: 'ui', uploadedBy: null, enrich: { fields: ['title', 'bullets', 'roast_level'], retailerId: amazon } } }]);
    const job = await waitForJob(t.current.database, 'event:upload-f4');

    expect(job.status).toBe('partial');
    // 4 products: coffee ×3 (title, bullets, extract) + soap (title, bullets) = 11 calls, + the 529 retry.
    expect(fake.count() - before).toBe(12);
    const suggestions = await db.execute<{ sku: string; attribute_code: string; status: string; confidence: number; validation: { rule: string }[] }>(sql`
      select p.sku, s.attribute_code, s.status, s.confidence::float8 as confidence, s.validation from enrichment_suggestions s join products p on p.id = s.product_id
      where s.job_id = ${job.id} order by p.sku, s.attribute_code`);
    const by = (sku: string, attr: string) => suggestions.find((s) => s.sku === sku && s.attribute_code === attr);

    // (a) 96-character title at 0.95, grounded → auto-approved and written as the enrichment actor.
    expect(TITLE_96).toHaveLength(96);
    expect(by('LPC-GRD-HB-12', 'title')).toMatchObject({ status: 'auto_approved', confidence: 0.95 });
    const [value] = await db.execute<{ value: { text: string }; source: string }>(sql`select value, source from product_values where product_id = ${ids['LPC-GRD-HB-12']!} and attribute_code = 'title' and channel_code = ''`);
    expect(value).toEqual({ value: { text: TITLE_96 }, source: 'ai' });
    const history = await db.execute<{ actor_type: string; actor_id: string }>(sql`select actor_type, actor_id from product_field_history where product_id = ${ids['LPC-GRD-HB-12']!} and attribute_code = 'title' order by id desc limit 1`);
    expect(history[0]).toEqual({ actor_type: 'enrichment', actor_id: job.id });
    // (b) Amazon prohibited phrase → pending at ≤ 0.3.
    const soap = by('FW-HS-EUC-12', 'bullets')!;
    expect(soap.status).toBe('pending');
    expect(soap.confidence).toBeLessThanOrEqual(0.3);
    expect(soap.validation.map((v) => v.rule)).toContain('AMZ_BULLET_PROHIBITED_PHRASE');
    // (c) enum miss → pending.
    expect(by('LPC-GRD-DEC-12', 'roast_level')).toMatchObject({ status: 'pending' });
    expect(by('LPC-GRD-DEC-12', 'roast_level')!.validation.map((v) => v.rule)).toContain('ENUM_MEMBERSHIP');
    // (d) one 529 then 200 → the call's ledger row says 2 attempts.
    const [titleRun] = await db.execute<{ attempts: number; status: string }>(sql`
      select attempts, status from agent_runs where skill_name = 'generate_title' and correlation->>'productId' = ${ids['LPC-GRD-HB-12']!} and correlation->>'jobId' = ${job.id}`);
    expect(titleRun).toEqual({ attempts: 2, status: 'completed' });
    // (e) 400 for one product → that item failed, the others completed.
    const items = await db.execute<{ sku: string; status: string; error: string | null }>(sql`
      select p.sku, i.status, i.error from enrichment_job_items i join products p on p.id = i.product_id where i.job_id = ${job.id} order by p.sku`);
    expect(items.map((i) => [i.sku, i.status])).toEqual([['FW-HS-EUC-12', 'completed'], ['LPC-GRD-DEC-12', 'completed'], ['LPC-GRD-HAZ-12', 'failed'], ['LPC-GRD-HB-12', 'completed']]);
    expect(items.find((i) => i.status === 'failed')!.error).toMatch(/generate_title/);

    const autoApproved = suggestions.filter((s) => s.status === 'auto_approved').length;
    const pending = suggestions.filter((s) => s.status === 'pending').length;
    expect({ autoApproved, pending }).toEqual({ autoApproved: 4, pending: 4 });
    expect(job.stats).toMatchObject({ suggestions: 8, autoApproved: 4, pendingReview: 4, failed: 1, inputTokens: 10_000, outputTokens: 2_000, calls: 10 });
    // Tokens and cost of the 10 calls that answered (the 400 is on the ledger as failed, without tokens).
    expect(job.stats.costUsd).toBeCloseTo(10 * (1000 * 3 + 200 * 15) / 1e6, 6);

    // The job row is closed one step before the event goes out: wait for the event itself.
    const completedEvent = () => t.current.database.sql<{ data: Record<string, unknown> }[]>`
      select data from ember_exec.events where name = 'enrichment/pipeline.completed' and data->>'jobId' = ${job.id}`;
    await expect.poll(async () => (await completedEvent()).length, { timeout: 10_000 }).toBe(1);
    const [completed] = await completedEvent();
    expect(completed!.data).toMatchObject({ companyId, jobId: job.id, status: 'partial', stats: { suggestions: 8, autoApproved: 4, pendingReview: 4, failed: 1 } });
    expect((completed!.data.productIds as string[]).sort()).toEqual(skus.map((s) => ids[s]!).sort());
    const tasks = await db.execute<{ type: string; source_id: string }>(sql`select type, source_id from tasks where dedupe_key = ${`enrichment:${job.id}`}`);
    expect(tasks).toEqual([{ type: 'enrichment_review', source_id: job.id }]);
    const changed = await t.current.database.sql`select 1 from ember_exec.events where name = 'product/field.changed' and data->>'productId' = ${ids['LPC-GRD-HB-12']!} and data->'actor'->>'type' = 'enrichment'`;
    expect(changed.length).toBe(2); // title and bullets
  });

  it('an upload without `enrich` starts no enrichment', async () => {
    const { id: companyId } = await companyIds(t.current.database);
    const ids = await productIdsBySku(t.current.database, ['LPC-GRD-HB-12']);
    answerEnrichment(fake);
    await h.sendEvent([
      { id: 'upload-plain', name: 'product/uploaded', data: { companyId, productIds: [ids['LPC-GRD-HB-12']!], source: 'ui', uploadedBy: null } },
      { id: 'upload-enrich', name: 'product/uploaded', data: { companyId, productIds: [ids['LPC-GRD-HB-12']!], source: 'ui', uploadedBy: null, enrich: { fields: ['flavor'] } } },
    ]);
    const runs = () => t.current.database.sql<{ id: string }[]>`
      select event->>'id' as id from ember_exec.runs where function_slug like '%-enrichment-pipeline' and event->>'name' = 'product/uploaded' and event->>'id' like 'upload-%' order by 1`;
    // The enriching upload's run is the witness that both events were routed.
    await waitForJob(t.current.database, 'event:upload-enrich');
    expect((await runs()).map((r) => r.id)).not.toContain('upload-plain');
    expect((await runs()).map((r) => r.id)).toContain('upload-enrich');
  });

  it('absorbs a storm of ten 429s with retry-after: the job completes with exactly one extra request per 429', async () => {
    const { id: companyId } = await companyIds(t.current.database);
    const all = await t.current.database.db.execute<{ id: string }>(sql`select id from products where company_id = ${companyId} order by sku limit 15`);
    answerEnrichment(fake);
    fake.fault('429', 10);
    const before = fake.count();
    const started = Date.now();
    // 15 products × title: three batches call in parallel, so the storm spreads over several calls (none runs out of
    // its retries), each retried after the 1 s the API asked for.
    await h.sendEvent([{ id: 'upload-429', name: 'product/uploaded', data: { companyId, productIds: all.map((p) => p.id), source: 'ui', uploadedBy: null, enrich: { fields: ['title'] } } }]);
    const job = await waitForJob(t.current.database, 'event:upload-429');
    expect(job.status).toBe('completed');
    expect(fake.count() - before).toBe(15 + 10);
    // retry-after: 1 is honoured: the job cannot finish before a second has passed.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    const [a] = await t.current.database.db.execute<{ n: number; attempts: number }>(sql`
      select count(*)::int as n, sum(attempts)::int as attempts from agent_runs where correlation->>'jobId' = ${job.id}`);
    expect(a).toEqual({ n: 15, attempts: 25 });
  });

  it('an enrich_products step feeds "confidence ≥ 0.9 → publish, else a person": the run branches on steps.e.minConfidence', async () => {
    const ids = await productIdsBySku(t.current.database, ['LPC-GRD-HB-12', 'FW-HS-UNS-12']);
    answerEnrichment(fake, { title: (sku) => (sku === 'LPC-GRD-HB-12' ? { title: 'Lantern Peak House Blend Ground Coffee, Medium Roast, 12 oz Bag', confidence: 0.97 } : { title: 'Fernwell Unscented Liquid Hand Soap, 12 fl oz', confidence: 0.75 }) });
    const g: Graph = graph(
      [trig(), step('e', 'enrich_products', 'action', { fields: ['title'], retailer: 'amazon_us' }), cond('c', 'steps.e.minConfidence >= 0.9'), step('y', 'transform', 'action', { mapping: { publish: 'true' } }), step('n', 'transform', 'action', { mapping: { publish: 'false' } })],
      [edge('t', 'e'), edge('e', 'c'), edge('c', 'y', 'yes'), edge('c', 'n', 'no')],
    );
    const wf = await publishWorkflow(h, 'Enrich then decide', { ...g, steps: g.steps.map((s, i) => ({ ...s, position: { x: i * 200, y: 0 } })) });
    const start = async (productIds: string[]) => {
      const { runId } = await h.editor.runs.start({ companySlug: SLUG, workflowId: wf.id, payload: { productIds } });
      await waitForRun(t.current.database, runId, ['completed'], 25_000);
      return { runId, steps: await runSteps(t.current.database, runId) };
    };
    const confident = await start([ids['LPC-GRD-HB-12']!]);
    expect(confident.steps.e!.output).toMatchObject({ status: 'completed', suggestions: 1, autoApproved: 1, pendingReview: 0, failed: 0, minConfidence: 0.97, meanConfidence: 0.97 });
    expect([confident.steps.y!.status, confident.steps.n!.status]).toEqual(['completed', 'skipped']);
    // The job belongs to the run: its auto-approved write names the run as origin (the field-changed loop guard).
    const [job] = await t.current.database.db.execute<{ id: string; workflow_run_id: string; source: string }>(sql`select id, workflow_run_id, source from enrichment_jobs where id = ${(confident.steps.e!.output as { jobId: string }).jobId}`);
    expect(job).toMatchObject({ workflow_run_id: confident.runId, source: 'workflow' });
    const [hist] = await t.current.database.db.execute<{ origin_run_id: string }>(sql`select origin_run_id from product_field_history where actor_type = 'enrichment' and actor_id = ${job!.id}`);
    expect(hist!.origin_run_id).toBe(confident.runId);

    const unsure = await start([ids['FW-HS-UNS-12']!]);
    expect(unsure.steps.e!.output).toMatchObject({ suggestions: 1, autoApproved: 0, pendingReview: 1, minConfidence: 0.75 });
    expect([unsure.steps.y!.status, unsure.steps.n!.status]).toEqual(['skipped', 'completed']);
  });
});
