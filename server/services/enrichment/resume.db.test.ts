/**
 * A 20-product × 4-field enrichment (80 Claude calls, each its own durable step) interrupted mid-flight: one call
 * hangs, the executor is stopped, a new executor on the same database finishes the job — and the fake Messages API
 * saw exactly one answered request per product × field (the hung call is the only one asked twice).
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../workflow/testing/harness.ts';
import { dbTargets, useTestDatabase } from '../../testing/db.ts';
import { startFakeAnthropic, type FakeAnthropic } from '../../testing/fake-anthropic.ts';
import { answerEnrichment, companyIds, fiftyCoffeeProducts, skuOf, waitForJob } from './testing/pipeline-harness.ts';

describe.each(dbTargets())('enrichment resumes after a crash on $name postgres', (target) => {
  const t = useTestDatabase(target, { seeded: true });
  let fake: FakeAnthropic;
  let h: Harness | null = null;

  beforeAll(async () => {
    fake = await startFakeAnthropic();
  });
  afterAll(async () => {
    await h?.stop();
    await fake?.close();
  });

  it('continues from the interrupted call without repeating finished ones', async () => {
    const database = t.current.database;
    const { id: companyId } = await companyIds(database);
    const all = await fiftyCoffeeProducts(database, companyId);
    expect(all.length).toBe(50);
    // Four batches of five are enough to interrupt one mid-flight with whole batches before and after it.
    const products = all.slice(0, 20);

    answerEnrichment(fake, { extract: () => ({ roast_level: { value: 'dark', confidence: 0.7, evidence: [] } }) });
    // The second product of the third batch (5 products each): its title call starts after its batch finished one product.
    const victim = products[11]!.sku;
    fake.fault('hang', 1, { skill: 'generate_title', text: `Product ${victim} ` });
    h = await startHarness(database, { claude: fake.config({ timeoutMs: 1500 }) });
    await h.sendEvent([{ id: 'upload-crash', name: 'product/uploaded', data: { companyId, productIds: products.map((p) => p.id), source: 'ui', uploadedBy: null, enrich: { fields: ['title', 'bullets', 'description', 'roast_level'] } } }]);

    // Mid-flight: the victim's title call is hanging; stop this executor (it drains what is in flight).
    await expect.poll(() => fake.requests.some((r) => r.skill === 'generate_title' && skuOf(r) === victim), { timeout: 30_000, interval: 20 }).toBe(true);
    await h.stop();
    const [mid] = await database.db.execute<{ status: string; done: number }>(sql`
      select j.status, (select count(*)::int from enrichment_job_items i where i.job_id = j.id and i.status = 'completed') as done from enrichment_jobs j where j.job_key = 'event:upload-crash'`);
    expect(mid!.status).toBe('running');
    expect(mid!.done).toBeLessThan(20);

    h = await startHarness(database, { claude: fake.config({ timeoutMs: 1500 }) });
    const job = await waitForJob(database, 'event:upload-crash', 60_000);
    expect(job.status).toBe('completed');
    expect(job.stats).toMatchObject({ failed: 0, calls: 80 });

    const perCall = new Map<string, number>();
    for (const r of fake.requests.filter((r) => r.text.includes('Product LPC-'))) {
      const key = `${skuOf(r)}:${r.skill}`;
      perCall.set(key, (perCall.get(key) ?? 0) + 1);
    }
    expect(perCall.size).toBe(80);
    const repeated = [...perCall].filter(([, n]) => n > 1);
    expect(repeated).toEqual([[`${victim}:generate_title`, 2]]);
    const [ledger] = await database.db.execute<{ n: number }>(sql`select count(*)::int as n from agent_runs where correlation->>'jobId' = (select id::text from enrichment_jobs where job_key = 'event:upload-crash') and status = 'completed'`);
    expect(ledger!.n).toBe(80);
  }, 100_000);
});
