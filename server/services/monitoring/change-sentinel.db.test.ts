/**
 * change-sentinel-runner (DOMAIN.md F8) through the real executor, against a loopback retailer spec server and the
 * fake Claude: Walmart's spec bump making country of origin mandatory (one change, the seeded products lacking it,
 * one task, Claude's summary), an unchanged rerun that records nothing, Claude failing (deterministic summary,
 * said so in the row) on an Amazon title-limit cut, and a spec source on a private address refused, not fetched.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { edge, graph, step, trig } from '../../../shared/graph/fixtures.ts';
import { publishWorkflow, runSteps, startHarness, SLUG, waitForRun, type Harness } from '../../workflow/testing/harness.ts';
import { parseAllowlist } from '../../net/ssrf.ts';
import { dbTargets, useTestDatabase } from '../../testing/db.ts';
import { startFakeAnthropic, type FakeAnthropic } from '../../testing/fake-anthropic.ts';
import { amazonSchema, WALMART_NEW_VERSION, WALMART_OLD_VERSION } from '../../demo/retailer/specs.ts';
import { startRetailerServer, type RetailerServer } from './testing/retailer-server.ts';

describe.each(dbTargets())('change sentinel on $name postgres', (target) => {
  const t = useTestDatabase(target, { seeded: true });
  let fake: FakeAnthropic;
  let h: Harness;
  let server: RetailerServer;
  let companyId: string;
  let run = 0;
  const q = <T extends Record<string, unknown>>(query: ReturnType<typeof sql>) => t.current.database.db.execute<T>(query);

  /** Sends the on-demand event and waits until the check of `specKey` at `retailer` is recorded. */
  async function check(retailer: string, specKey: string) {
    const before = (await q<{ at: string | null }>(sql`select spec_source->'checks'->${specKey}->>'at' as at from retailers where company_id = ${companyId} and code = ${retailer}`))[0]?.at ?? null;
    await h.sendEvent([{ id: `specs-check-${++run}-${crypto.randomUUID()}`, name: 'retailer/specs.check.requested', data: { companyId, retailer } }]);
    await expect.poll(async () => (await q<{ at: string | null }>(sql`select spec_source->'checks'->${specKey}->>'at' as at from retailers where company_id = ${companyId} and code = ${retailer}`))[0]?.at ?? null, { timeout: 15_000, interval: 50 }).not.toBe(before);
    return (await q<{ c: Record<string, unknown> }>(sql`select spec_source->'checks'->${specKey} as c from retailers where company_id = ${companyId} and code = ${retailer}`))[0]!.c;
  }
  const walmartChanges = () => q<{ id: string; diff: Record<string, unknown>; severity: string; summary: string; affected_products: number; affected_product_ids: string[] }>(sql`
    select c.id, c.diff, c.severity, c.summary, c.affected_products, c.affected_product_ids from spec_changes c join retailers r on r.id = c.retailer_id where r.company_id = ${companyId} and r.code = 'walmart_us'`);
  const specTasks = () => q<{ id: string; dedupe_key: string; priority: string }>(sql`select id, dedupe_key, priority from tasks where company_id = ${companyId} and type = 'spec_change' and dedupe_key like 'spec:%'`);

  beforeAll(async () => {
    companyId = (await t.current.database.sql`select id from companies where slug = ${SLUG}`)[0]!.id as string;
    server = await startRetailerServer();
    fake = await startFakeAnthropic();
    fake.on('summarize_spec_change', (req) => ({ summary: `Walmart now requires country of origin for ${/Products that now fail \((\d+)\)/.exec(req.text)?.[1]} products.`, severity: 'high' }));
    await q(sql`update retailers set spec_source = ${JSON.stringify({ style: 'walmart', url: `${server.url}/walmart/v3/items/spec`, feedType: 'MP_ITEM' })}::jsonb where company_id = ${companyId} and code = 'walmart_us'`);
    await q(sql`update retailers set spec_source = ${JSON.stringify({ style: 'amazon', definitionsUrl: `${server.url}/amazon/definitions/2020-09-01/productTypes/{productType}` })}::jsonb where company_id = ${companyId} and code = 'amazon_us'`);
    h = await startHarness(t.current.database, { claude: fake.config(), allowlist: parseAllowlist('127.0.0.1/32') });
  });
  afterAll(async () => {
    await h?.stop();
    await fake?.close();
    await server?.close();
  });

  it('Walmart making country of origin mandatory: one change, the products lacking it, one task; a rerun adds nothing', async () => {
    // The seeded products listed at Walmart without a country of origin (DOMAIN.md §4.3 plants 6).
    const lacking = await q<{ id: string }>(sql`
      select p.id from products p join listings l on l.product_id = p.id join retailers r on r.id = l.retailer_id
      where p.company_id = ${companyId} and r.code = 'walmart_us' and l.status <> 'delisted'
        and not exists (select 1 from product_values v where v.product_id = p.id and v.attribute_code = 'country_of_origin' and v.channel_code = '')`);
    expect(lacking).toHaveLength(6);

    server.walmartVersion = WALMART_OLD_VERSION;
    expect(await check('walmart_us', 'MP_ITEM')).toMatchObject({ ok: true, version: WALMART_OLD_VERSION, changed: false });
    expect(await walmartChanges()).toHaveLength(0);

    server.walmartVersion = WALMART_NEW_VERSION;
    expect(await check('walmart_us', 'MP_ITEM')).toMatchObject({ ok: true, version: WALMART_NEW_VERSION, changed: true });
    await expect.poll(async () => (await walmartChanges()).length, { timeout: 10_000 }).toBe(1);
    const [change] = await walmartChanges();
    expect(change!.diff).toMatchObject({ addedRequired: ['countryOfOriginSubstantialTransformation'], removedRequired: [], addedProps: [], constraintChanges: [], mapped: { countryOfOriginSubstantialTransformation: 'country_of_origin' } });
    expect(change!.affected_products).toBe(lacking.length);
    expect([...change!.affected_product_ids].sort()).toEqual(lacking.map((l) => l.id).sort());
    expect(change!.severity).toBe('high');
    expect(change!.summary).toBe('Walmart now requires country of origin for 6 products.');
    expect(change!.diff.summarizedBy).toMatchObject({ source: 'claude' });
    await expect.poll(async () => (await specTasks()).map((x) => x.dedupe_key)).toEqual([`spec:walmart_us:MP_ITEM:${WALMART_NEW_VERSION}`]);
    const required = await q<{ required_attributes: string[]; spec_version: string }>(sql`
      select s.required_attributes, s.spec_version from retailer_category_specs s join retailers r on r.id = s.retailer_id where r.company_id = ${companyId} and r.code = 'walmart_us'`);
    expect(required).toHaveLength(3);
    for (const r of required) expect(r).toMatchObject({ spec_version: WALMART_NEW_VERSION, required_attributes: expect.arrayContaining(['country_of_origin', 'title']) });
    expect(fake.count('summarize_spec_change')).toBe(1);
    // What the Monitoring page reads, through the router.
    const page = await h.editor.monitoring.specChanges({ companySlug: SLUG });
    const shown = page.changes.find((c) => c.retailer === 'walmart_us')!;
    expect(shown).toMatchObject({ toVersion: WALMART_NEW_VERSION, fromVersion: WALMART_OLD_VERSION, severity: 'high', affectedProducts: 6, addedRequired: ['countryOfOriginSubstantialTransformation'] });
    expect(shown.affectedSkus).toEqual(['FW-REF-CIT-34', 'LPC-CB-CON-32', 'LPC-GRD-FR-10', 'TH-BUL-12-6', 'TH-DEN-LRG-18', 'TH-JRK-BEEF-16']);
    expect(page.checks.find((c) => c.retailer === 'walmart_us')!.checks.MP_ITEM).toMatchObject({ ok: true, version: WALMART_NEW_VERSION });

    expect(await check('walmart_us', 'MP_ITEM')).toMatchObject({ ok: true, version: WALMART_NEW_VERSION, changed: false });
    expect(await walmartChanges()).toHaveLength(1);
    expect(await specTasks()).toHaveLength(1);
    expect(fake.count('summarize_spec_change')).toBe(1);
    const versions = await q<{ n: number }>(sql`select count(*)::int n from retailer_spec_versions v join retailers r on r.id = v.retailer_id where r.company_id = ${companyId} and r.code = 'walmart_us'`);
    expect(versions[0]!.n).toBe(2);
  });

  it('when Claude fails, the change is still recorded with a deterministic summary that says so', async () => {
    const coffee = amazonSchema('COFFEE')!;
    server.amazon.set('COFFEE', { version: 'U1.0', schema: coffee });
    expect(await check('amazon_us', 'COFFEE')).toMatchObject({ ok: true, changed: false });
    // Amazon cuts the title limit to 60 characters: the coffee titles longer than that now fail.
    const props = coffee.properties as Record<string, unknown>;
    server.amazon.set('COFFEE', { version: 'U1.1', schema: { ...coffee, properties: { ...props, item_name: { type: 'array', items: { type: 'object', properties: { value: { type: 'string', maxLength: 60 } } } } } } });
    fake.fault('400', 1, { skill: 'summarize_spec_change' });
    const checked = await check('amazon_us', 'COFFEE');
    expect(checked).toMatchObject({ ok: true, version: 'U1.1', changed: true });
    // The run goes on to the other Amazon product types (not served here): let it finish before the next test.
    await expect.poll(async () => (await q<{ n: number }>(sql`
      select count(*)::int n from retailers r, jsonb_each(r.spec_source->'checks') c where r.company_id = ${companyId} and r.code = 'amazon_us' and (c.value->>'at')::timestamptz >= ${String(checked.at)}::timestamptz`))[0]!.n, { timeout: 10_000 }).toBe(3);
    const rows = () => q<{ severity: string; summary: string; affected_products: number; diff: Record<string, unknown> }>(sql`
      select c.severity, c.summary, c.affected_products, c.diff from spec_changes c join retailer_spec_versions v on v.id = c.to_version_id where c.company_id = ${companyId} and v.version_label = 'U1.1'`);
    await expect.poll(async () => (await rows()).length, { timeout: 10_000 }).toBe(1);
    const [row] = await rows();
    const long = await q<{ n: number }>(sql`
      select count(*)::int n from products p join categories c on c.id = p.category_id join listings l on l.product_id = p.id join retailers r on r.id = l.retailer_id
      join product_values v on v.product_id = p.id and v.attribute_code = 'title' and v.channel_code = ''
      where p.company_id = ${companyId} and c.code = 'coffee' and r.code = 'amazon_us' and length(v.value->>'text') > 60`);
    expect(long[0]!.n).toBeGreaterThan(0);
    expect(row!.affected_products).toBe(long[0]!.n);
    expect(row!.severity).toBe('medium');
    expect(row!.diff).toMatchObject({ constraintChanges: [{ prop: 'item_name', kind: 'maxLength', before: 200, after: 60 }], summarizedBy: { source: 'fallback' } });
    expect(row!.summary).toContain('changes maxLength of item_name from 200 to 60');
    expect(row!.summary).toMatch(/Summary written without Claude: Claude failed/);
  });

  it('a check_retailer_specs step reports the changes and the products they break', async () => {
    const pet = amazonSchema('PET_FOOD')!;
    // A new required attribute Ember has no mapping for: every dog-treat listing at Amazon now fails it.
    server.amazon.set('PET_FOOD', { version: 'U2.0', schema: { ...pet, required: [...(pet.required as string[]), 'battery_cell_composition'] } });
    const g = graph([trig(), step('s', 'check_retailer_specs', 'action', { retailer: 'amazon_us' })], [edge('t', 's')]);
    const wf = await publishWorkflow(h, 'Check Amazon specs', { ...g, steps: g.steps.map((x, i) => ({ ...x, position: { x: i * 200, y: 0 } })) });
    const { runId } = await h.editor.runs.start({ companySlug: SLUG, workflowId: wf.id, payload: {} });
    await waitForRun(t.current.database, runId, ['completed']);
    const dogs = await q<{ n: number }>(sql`
      select count(*)::int n from products p join categories c on c.id = p.category_id join listings l on l.product_id = p.id join retailers r on r.id = l.retailer_id
      where p.company_id = ${companyId} and c.code = 'dog_treats' and r.code = 'amazon_us' and l.status <> 'delisted'`);
    const out = (await runSteps(t.current.database, runId)).s!.output;
    expect(out).toMatchObject({ changes: 1, affectedProducts: dogs[0]!.n, versions: [{ specKey: 'PET_FOOD', version: 'U2.0', severity: 'high' }] });
  });

  it('a spec source on a private address outside the allowlist is refused and recorded, never fetched', async () => {
    const seen = server.requests.length;
    await q(sql`update retailers set spec_source = ${JSON.stringify({ style: 'walmart', url: 'http://10.20.30.40/walmart/v3/items/spec' })}::jsonb where company_id = ${companyId} and code = 'walmart_us'`);
    const c = await check('walmart_us', 'MP_ITEM');
    expect(c).toMatchObject({ ok: false, refused: true });
    expect(String(c.error)).toMatch(/^refused: 10\.20\.30\.40 is a private address/);
    // (The Amazon checks of the previous test may still be finishing; no Walmart request may arrive.)
    expect(server.requests.slice(seen).filter((r) => r.path.startsWith('/walmart'))).toEqual([]);
  });
});
