/**
 * enrichment-job-cleanup (F5) with the clock injected through the function deps, and shadow-enrichment (F6) with
 * the fake Messages API: stale jobs closed once with one completion event, superseded suggestions, retention that
 * deletes exactly the old rows; shadow results with a key-facts fingerprint and no writes to values or suggestions.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../workflow/testing/harness.ts';
import { dbTargets, useTestDatabase } from '../../testing/db.ts';
import { startFakeAnthropic, type FakeAnthropic } from '../../testing/fake-anthropic.ts';
import { answerEnrichment, companyIds, productIdsBySku } from './testing/pipeline-harness.ts';

const DAY = 86_400_000;

describe.each(dbTargets())('enrichment cleanup and shadow runs on $name postgres', (target) => {
  const t = useTestDatabase(target, { seeded: true });
  let fake: FakeAnthropic;
  let h: Harness;
  // The functions read this clock (deps.now); tests move it instead of sleeping.
  let clock = new Date();

  beforeAll(async () => {
    fake = await startFakeAnthropic();
    h = await startHarness(t.current.database, { claude: fake.config(), now: () => clock });
  });
  afterAll(async () => {
    await h?.stop();
    await fake?.close();
  });

  async function sweep(id: string) {
    await h.sendEvent([{ id, name: 'enrichment/cleanup.requested', data: {} }]);
    let output: Record<string, number> | undefined;
    await expect
      .poll(async () => {
        const [run] = await t.current.database.sql<{ status: string; output: Record<string, number> }[]>`
          select status, output from ember_exec.runs where function_slug like '%enrichment-job-cleanup' and event->>'id' = ${id}`;
        output = run?.output;
        return run?.status;
      }, { timeout: 15_000 })
      .toBe('completed');
    return output!;
  }

  it('marks only the job whose heartbeat stopped 2+ hours ago stale, announces it once, supersedes and deletes exactly the old rows', async () => {
    const db = t.current.database.db;
    clock = new Date();
    const { id: companyId } = await companyIds(t.current.database);
    const ids = await productIdsBySku(t.current.database, ['LPC-GRD-HB-12', 'LPC-GRD-FR-10']);
    const iso = (ms: number) => new Date(clock.getTime() - ms).toISOString();
    // The seeded stuck job beats last at seed time − 3 h; this one 10 minutes ago.
    const [fresh] = await db.execute<{ id: string }>(sql`
      insert into enrichment_jobs (company_id, job_key, source, fields, product_count, skill, status, started_at, heartbeat_at)
      values (${companyId}, 'test:fresh', 'manual', '{title}', 1, 'generate_title', 'running', ${iso(20 * 60_000)}::timestamptz, ${iso(10 * 60_000)}::timestamptz) returning id`);
    const [stuck] = await db.execute<{ id: string }>(sql`select id from enrichment_jobs where job_key = 'seed:enrichment:stuck'`);
    const [old] = await db.execute<{ id: string }>(sql`select id from enrichment_jobs where job_key = 'seed:enrichment:coffee'`);
    // Old pending suggestions: one whose field changed since (→ superseded), one untouched (stays pending).
    const [changed] = await db.execute<{ id: string }>(sql`
      insert into enrichment_suggestions (company_id, job_id, product_id, attribute_code, suggested_value, model_confidence, confidence, model, status, created_at)
      values (${companyId}, ${old!.id}, ${ids['LPC-GRD-HB-12']!}, 'description', '{"text":"old idea"}', 0.5, 0.5, 'm', 'pending', ${iso(31 * DAY)}::timestamptz) returning id`);
    await db.execute(sql`
      insert into product_field_history (company_id, product_id, attribute_code, channel_code, locale, old_value, new_value, actor_type, actor_id, changed_at)
      values (${companyId}, ${ids['LPC-GRD-HB-12']!}, 'description', '', 'en_US', null, '{"text":"edited"}', 'system', 'test', ${iso(10 * DAY)}::timestamptz)`);
    const [untouched] = await db.execute<{ id: string }>(sql`
      insert into enrichment_suggestions (company_id, job_id, product_id, attribute_code, suggested_value, model_confidence, confidence, model, status, created_at)
      values (${companyId}, ${old!.id}, ${ids['LPC-GRD-FR-10']!}, 'description', '{"text":"old idea"}', 0.5, 0.5, 'm', 'pending', ${iso(31 * DAY)}::timestamptz) returning id`);
    // Retention: rejected 91 days old goes, 89 days stays; shadow results 31 days old go, 29 stay.
    const rejected = await db.execute<{ id: string; created_at: string }>(sql`
      insert into enrichment_suggestions (company_id, job_id, product_id, attribute_code, suggested_value, model_confidence, confidence, model, status, created_at)
      select ${companyId}, ${old!.id}, ${ids['LPC-GRD-FR-10']!}, a, '{"text":"no"}', 0.5, 0.5, 'm', 'rejected', ${clock.toISOString()}::timestamptz - (d || ' days')::interval
      from (values ('scent', 91), ('flavor', 89)) v(a, d) returning id, created_at`);
    const [run] = await db.execute<{ id: string }>(sql`
      insert into enrichment_shadow_runs (company_id, reason, skill, status) values (${companyId}, 'test', 'generate_title', 'completed') returning id`);
    await db.execute(sql`
      insert into enrichment_shadow_results (company_id, shadow_run_id, product_id, attribute_code, created_at)
      values (${companyId}, ${run!.id}, ${ids['LPC-GRD-HB-12']!}, 'title', ${iso(31 * DAY)}::timestamptz), (${companyId}, ${run!.id}, ${ids['LPC-GRD-FR-10']!}, 'title', ${iso(29 * DAY)}::timestamptz)`);

    expect(await sweep('cleanup-1')).toEqual({ stale: 1, superseded: 1, shadowResultsDeleted: 1, suggestionsDeleted: 1 });
    const jobs = await db.execute<{ id: string; status: string }>(sql`select id, status from enrichment_jobs where id in (${fresh!.id}, ${stuck!.id}) order by status`);
    expect(Object.fromEntries(jobs.map((j) => [j.id, j.status]))).toEqual({ [fresh!.id]: 'running', [stuck!.id]: 'stale' });
    const items = await db.execute<{ status: string; error: string | null }>(sql`select status, error from enrichment_job_items where job_id = ${stuck!.id} order by status, error`);
    expect(items).toEqual([{ status: 'completed', error: null }, { status: 'completed', error: null }, { status: 'failed', error: 'stale' }, { status: 'failed', error: 'stale' }]);
    const statuses = await db.execute<{ id: string; status: string }>(sql`select id, status from enrichment_suggestions where id in (${changed!.id}, ${untouched!.id})`);
    expect(Object.fromEntries(statuses.map((s) => [s.id, s.status]))).toEqual({ [changed!.id]: 'superseded', [untouched!.id]: 'pending' });
    const left = await db.execute<{ id: string }>(sql`select id from enrichment_suggestions where id in (${rejected[0]!.id}, ${rejected[1]!.id})`);
    expect(left.map((r) => r.id)).toEqual([rejected[1]!.id]);
    expect((await db.execute(sql`select 1 from enrichment_shadow_results where shadow_run_id = ${run!.id}`)).length).toBe(1);

    // A second sweep finds nothing to do and announces nothing again.
    expect(await sweep('cleanup-2')).toEqual({ stale: 0, superseded: 0, shadowResultsDeleted: 0, suggestionsDeleted: 0 });
    const events = await t.current.database.sql<{ data: { status: string; workflowRunId?: string } }[]>`
      select data from ember_exec.events where name = 'enrichment/pipeline.completed' and data->>'jobId' = ${stuck!.id}`;
    expect(events.map((e) => e.data.status)).toEqual(['failed']);

    // Moving the clock 3 hours on makes the fresh job stale too: the clock is the injected one, not the wall.
    clock = new Date(clock.getTime() + 3 * 3600_000);
    expect((await sweep('cleanup-3')).stale).toBe(1);
    clock = new Date();
  });

  it('shadow run: fingerprints the shadow title, compares with current and published, writes no values or suggestions', async () => {
    const db = t.current.database.db;
    const { id: companyId } = await companyIds(t.current.database);
    const ids = await productIdsBySku(t.current.database, ['LPC-GRD-FR-10']);
    answerEnrichment(fake, { title: (sku) => (sku === 'LPC-GRD-FR-10' ? { title: 'Lantern Peak French Roast Ground Coffee, Dark Roast, 10 oz', confidence: 0.93 } : undefined) });
    const count = async () => {
      const [r] = await db.execute<{ values: number; latest: string; suggestions: number; history: number }>(sql`
        select (select count(*)::int from product_values) as values, (select max(updated_at)::text from product_values) as latest,
               (select count(*)::int from enrichment_suggestions) as suggestions, (select count(*)::int from product_field_history) as history`);
      return r;
    };
    const before = await count();
    const shadowRunId = randomUUID();
    const calls = fake.count('generate_title');
    await h.sendEvent([{ id: `shadow-${shadowRunId}`, name: 'enrichment/shadow.run', data: { companyId, shadowRunId, productIds: [ids['LPC-GRD-FR-10']!], fields: ['title'], skill: 'generate_title', reason: 'watchdog_baseline' } }]);
    await expect
      .poll(async () => (await db.execute<{ status: string }>(sql`select status from enrichment_shadow_runs where id = ${shadowRunId}`))[0]?.status, { timeout: 15_000 })
      .toBe('completed');
    expect(fake.count('generate_title') - calls).toBe(1);
    const results = await db.execute<{ attribute_code: string; shadow_value: string; published_value: { text: string }; similarity_to_current: number; similarity_to_published: number; fingerprint: Record<string, unknown>; input_tokens: number }>(sql`
      select attribute_code, shadow_value, published_value, similarity_to_current::float8 as similarity_to_current, similarity_to_published::float8 as similarity_to_published, fingerprint, input_tokens from enrichment_shadow_results where shadow_run_id = ${shadowRunId}`);
    expect(results).toHaveLength(1);
    const r = results[0]!;
    expect(r.fingerprint).toMatchObject({ netContent: { amount: 10, unit: 'oz' } });
    expect(r.published_value.text).toContain('10 oz');
    for (const s of [r.similarity_to_current, r.similarity_to_published]) {
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThanOrEqual(1);
    }
    expect(r.input_tokens).toBeGreaterThan(0);
    expect(await count()).toEqual(before);
  });
  it("the seeded Monday workflow's baseline shadows every product with a watched Walmart listing", async () => {
    const db = t.current.database.db;
    answerEnrichment(fake);
    const [wf] = await db.execute<{ id: string }>(sql`select w.id from workflows w join companies c on c.id = w.company_id where c.slug = 'copper-kettle' and w.name = 'Monday Walmart freshness'`);
    const [counted] = await db.execute<{ n: number }>(sql`
      select count(distinct l.product_id)::int n from listings l join retailers r on r.id = l.retailer_id join companies c on c.id = r.company_id
      where c.slug = 'copper-kettle' and r.code = 'walmart_us' and l.watch`);
    const watched = counted!.n;
    expect(watched).toBeGreaterThan(0);
    const titles = fake.count('generate_title');
    const { runId } = await h.editor.runs.start({ companySlug: 'copper-kettle', workflowId: wf!.id, payload: {} });
    await expect
      .poll(async () => (await db.execute<{ status: string }>(sql`select status from enrichment_shadow_runs where id = ${runId}`))[0]?.status, { timeout: 30_000 })
      .toBe('completed');
    const [r] = await db.execute<{ products: number; reason: string }>(sql`
      select count(distinct x.product_id)::int products, min(s.reason) reason from enrichment_shadow_results x join enrichment_shadow_runs s on s.id = x.shadow_run_id where s.id = ${runId}`);
    expect(r).toEqual({ products: watched, reason: 'watchdog_baseline' });
    expect(fake.count('generate_title') - titles).toBe(watched);
  });
});
