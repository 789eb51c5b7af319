/**
 * Test helpers for the enrichment db tests: fake Claude answers for the enrichment skills, keyed by the SKU in the rendered request, with
 * evidence quoted from the request's own source text (so grounding is real, not assumed).
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../../../db/client.ts';
import type { FakeAnthropic, FakeRequest } from '../../../testing/fake-anthropic.ts';

export function skuOf(req: FakeRequest): string {
  return /Product (\S+) —/.exec(req.text)?.[1] ?? '';
}

export function sourceLine(req: FakeRequest, field: string): string {
  return new RegExp(`^\\[${field}\\] (.*)$`, 'm').exec(req.text)?.[1] ?? '';
}

export interface FakeSkillPlan {
  title?: (sku: string, req: FakeRequest) => { title: string; confidence: number } | undefined;
  bullets?: (sku: string, req: FakeRequest) => { bullets: string[]; confidence: number } | undefined;
  extract?: (sku: string, req: FakeRequest) => Record<string, { value: unknown; confidence: number; evidence?: string[] }> | undefined;
}

/** Sensible defaults for every skill (clean copy, grounded, confidence 0.8 → pending), overridable per SKU. */
export function answerEnrichment(fake: FakeAnthropic, plan: FakeSkillPlan = {}): void {
  const quote = (req: FakeRequest) => {
    const title = sourceLine(req, 'supplier_title');
    return [{ sourceField: 'supplier_title', quote: title.split(',')[0]!.trim() }];
  };
  fake.on('generate_title', (req) => {
    const sku = skuOf(req);
    const t = plan.title?.(sku, req) ?? { title: `${sourceLine(req, 'supplier_title').split(',')[0]}, ${sku}`, confidence: 0.8 };
    return { ...t, rationale: 'brand, product, size', evidence: quote(req) };
  });
  fake.on('generate_bullets', (req) => {
    const sku = skuOf(req);
    const b = plan.bullets?.(sku, req) ?? { bullets: ['Roasted in small batches', 'Smooth and balanced', 'Sealed for freshness'], confidence: 0.92 };
    return { ...b, rationale: 'facts from the supplier text', evidence: quote(req) };
  });
  fake.on('generate_description', (req) => ({
    description: `${sourceLine(req, 'supplier_title').split(',')[0]} for everyday brewing at home.`,
    confidence: 0.85,
    rationale: 'short',
    evidence: quote(req),
  }));
  fake.on('extract_attributes', (req) => {
    const sku = skuOf(req);
    const codes = [...req.text.matchAll(/^- ([a-z_]+) \(/gm)].map((m) => m[1]!);
    const planned = plan.extract?.(sku, req) ?? {};
    return {
      fields: Object.fromEntries(codes.map((c) => [c, { evidence: [], ...(planned[c] ?? { value: null, confidence: 0 }) }])),
    };
  });
}

export async function productIdsBySku(database: Database, skus: string[]): Promise<Record<string, string>> {
  const rows = await database.db.execute<{ id: string; sku: string }>(sql`
    select p.id, p.sku from products p join companies c on c.id = p.company_id where c.slug = 'copper-kettle' and p.sku in (select jsonb_array_elements_text(${JSON.stringify(skus)}::jsonb))`);
  return Object.fromEntries(rows.map((r) => [r.sku, r.id]));
}

export async function waitForJob(database: Database, jobKey: string, timeoutMs = 25_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [job] = await database.db.execute<{ id: string; status: string; stats: Record<string, number> }>(sql`select id, status, stats from enrichment_jobs where job_key = ${jobKey}`);
    if (job && ['completed', 'partial', 'failed'].includes(job.status)) return job;
    if (Date.now() > deadline) {
      const runs = await database.sql`select function_slug, status, error from ember_exec.runs where function_slug like '%enrichment%' order by created_at`;
      const queue = await database.sql`select q.kind, q.step_id, q.attempt, q.run_at, r.function_slug from ember_exec.queue q join ember_exec.runs r on r.id = q.run_id`;
      throw new Error(`job ${jobKey} is ${job?.status ?? 'missing'} after ${timeoutMs} ms\n${JSON.stringify({ runs, queue }, null, 1).slice(0, 4000)}`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}

export async function companyIds(database: Database) {
  const [c] = await database.db.execute<{ id: string; amazon: string }>(sql`
    select c.id, r.id as amazon from companies c join retailers r on r.company_id = c.id and r.code = 'amazon_us' where c.slug = 'copper-kettle'`);
  return c!;
}


/** The 10 seeded coffee products plus 40 clones (same values, SKUs suffixed -C1…-C4): 50 products with 4 fields to enrich. */
export async function fiftyCoffeeProducts(database: Database, companyId: string): Promise<{ id: string; sku: string }[]> {
  await database.db.execute(sql`
    with src as (select p.* from products p join categories c on c.id = p.category_id where p.company_id = ${companyId} and c.code = 'coffee'),
    ins as (
      insert into products (company_id, sku, gtin, brand, category_id, status)
      select company_id, sku || '-C' || n, null, brand, category_id, status from src, generate_series(1, 4) n returning id, sku)
    insert into product_values (company_id, product_id, attribute_code, channel_code, locale, value, source)
    select ${companyId}, ins.id, v.attribute_code, v.channel_code, v.locale, v.value, v.source
    from ins join products o on o.sku = regexp_replace(ins.sku, '-C[0-9]+$', '') and o.company_id = ${companyId}
    join product_values v on v.product_id = o.id`);
  return [
    ...(await database.db.execute<{ id: string; sku: string }>(sql`
      select p.id, p.sku from products p join categories c on c.id = p.category_id where p.company_id = ${companyId} and c.code = 'coffee' order by p.sku`)),
  ];
}
