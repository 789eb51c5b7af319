/**
 * watchdog-runner (DOMAIN.md F9) through the real executor, against a loopback retailer with six fixture pages for
 * seeded listings and the fake Claude: a compliant page, the stale "12 oz" title (critical pack size mismatch), the
 * old hero image, 3 of 5 bullets (read through the DOM fallback), a retailer-rewritten description (Claude: retailer
 * rewrite, info, no task) and a 404 (delisted). A second sweep over identical pages duplicates nothing; a fixed page
 * resolves its finding; a page on a private address is refused and recorded, never fetched.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directoryAssetStore } from '../assets/store.ts';
import { cond, edge, graph, step, trig } from '../../../shared/graph/fixtures.ts';
import { publishWorkflow, runSteps, startHarness, SLUG, waitForRun, type Harness } from '../../workflow/testing/harness.ts';
import { parseAllowlist } from '../../net/ssrf.ts';
import { dbTargets, useTestDatabase } from '../../testing/db.ts';
import { startFakeAnthropic, type FakeAnthropic } from '../../testing/fake-anthropic.ts';
import { renderPackShot, type PdpContent, type RetailerStyle } from '../../demo/retailer/pages.ts';
import { REWRITTEN_24 } from '../../demo/retailer/site.ts';
import { dhash as dHash } from '../assets/measure.ts';
import { startRetailerServer, type RetailerServer } from './testing/retailer-server.ts';

const CASES = [
  { key: 'compliant', sku: 'LPC-GRD-HB-12', retailer: 'amazon_us', style: 'amazon' },
  { key: 'pack', sku: 'LPC-GRD-FR-10', retailer: 'walmart_us', style: 'walmart' },
  { key: 'image', sku: 'FW-HS-LAV-12', retailer: 'walmart_us', style: 'walmart' },
  { key: 'bullets', sku: 'TH-JRK-CHK-16', retailer: 'target_plus', style: 'target' },
  { key: 'rewrite', sku: 'TH-DEN-MED-30', retailer: 'amazon_us', style: 'amazon' },
  { key: 'gone', sku: 'TH-PUP-LAMB-8', retailer: 'walmart_us', style: 'walmart' },
] as const;
type Key = (typeof CASES)[number]['key'];

describe.each(dbTargets())('watchdog on $name postgres', (target) => {
  const t = useTestDatabase(target, { seeded: true });
  let fake: FakeAnthropic;
  let h: Harness;
  let server: RetailerServer;
  let assetsDir: string;
  let companyId: string;
  const ids = {} as Record<Key, string>;
  const content = {} as Record<Key, PdpContent>;
  const q = <T extends Record<string, unknown>>(query: ReturnType<typeof sql>) => t.current.database.db.execute<T>(query);
  const pathOf = (k: Key) => `/${CASES.find((c) => c.key === k)!.style}/page/${k}`;
  const page = (k: Key, over: Partial<PdpContent> = {}, jsonLd = true) => server.pages.set(pathOf(k), { style: CASES.find((c) => c.key === k)!.style as RetailerStyle, page: { ...content[k], ...over }, jsonLd });

  /** Runs a sweep over `keys` and waits until every listing of it has its compliance row (or refused snapshot). */
  async function sweep(listingIds: string[], expectSnapshots = listingIds.length) {
    const id = `watch-${crypto.randomUUID()}`;
    await h.sendEvent([{ id, name: 'retailer/watchdog.requested', data: { companyId, listingIds } }]);
    const sweepKey = `sweep:${id}`;
    await expect
      .poll(async () => (await q<{ n: number }>(sql`select count(*)::int n from pdp_snapshots s where s.sweep_key = ${sweepKey} and (exists (select 1 from pdp_compliance c where c.snapshot_id = s.id) or s.http_status is null)`))[0]!.n, { timeout: 15_000, interval: 50 })
      .toBe(expectSnapshots);
    return sweepKey;
  }
  const openFindings = () => q<{ listing_id: string; field: string; classification: string; severity: string; task_id: string | null; id: string; last_seen_at: string }>(sql`
    select id, listing_id, field, classification, severity, task_id, last_seen_at from pdp_drift_findings where company_id = ${companyId} and status = 'open'
      and listing_id::text in (select jsonb_array_elements_text(${JSON.stringify(Object.values(ids))}::jsonb)) order by listing_id, field`);
  const driftTasks = () => q<{ id: string; dedupe_key: string; priority: string }>(sql`select id, dedupe_key, priority from tasks where company_id = ${companyId} and type = 'pdp_drift' and dedupe_key like 'pdp:%' order by id`);
  const of = <T extends { listing_id: string }>(rows: T[], k: Key): T[] => rows.filter((r) => r.listing_id === ids[k]);

  beforeAll(async () => {
    companyId = (await t.current.database.sql`select id from companies where slug = ${SLUG}`)[0]!.id as string;
    server = await startRetailerServer();
    fake = await startFakeAnthropic();
    fake.on('classify_pdp_drift', () => ({ classification: 'retailer_rewrite', severity: 'info', explanation: 'Amazon reworded the description; the facts are the same.' }));
    assetsDir = await mkdtemp(path.join(os.tmpdir(), 'ember-watchdog-'));
    const [current, old] = await Promise.all([renderPackShot(3, 'current'), renderPackShot(3, 'old')]);
    server.images.set('current.png', current);
    server.images.set('old.png', old);
    const approved = await dHash(current);
    for (const c of CASES) {
      const [row] = await q<{ id: string; published_content: { title: { text: string }; bullets: { items: string[] }; description: { text: string } } }>(sql`
        select l.id, l.published_content from listings l join products p on p.id = l.product_id join retailers r on r.id = l.retailer_id
        where p.company_id = ${companyId} and p.sku = ${c.sku} and r.code = ${c.retailer}`);
      ids[c.key] = row!.id;
      const pc = row!.published_content;
      content[c.key] = { title: pc.title.text, bullets: pc.bullets.items, description: pc.description.text, brand: 'Demo', heroImageUrl: '/img/current.png' };
      await q(sql`update listings set pdp_url = ${server.url + pathOf(c.key)}, published_content = published_content || ${JSON.stringify({ mainImage: { dhash: approved } })}::jsonb where id = ${row!.id}`);
    }
    // Start from a clean slate: the seeded last sweep's findings for these listings are not this test's.
    await q(sql`update pdp_drift_findings set status = 'resolved', resolved_at = now() where listing_id::text in (select jsonb_array_elements_text(${JSON.stringify(Object.values(ids))}::jsonb))`);
    page('compliant');
    page('pack', { title: content.pack.title.replace('10 oz', '12 oz') });
    page('image', { heroImageUrl: '/img/old.png' });
    page('bullets', { bullets: content.bullets.bullets.slice(0, 3) }, false);
    page('rewrite', { description: REWRITTEN_24 });
    server.pages.set(pathOf('gone'), { status: 404 });
    h = await startHarness(t.current.database, { claude: fake.config(), allowlist: parseAllowlist('127.0.0.1/32'), assets: directoryAssetStore(assetsDir) });
  });
  afterAll(async () => {
    await h?.stop();
    await fake?.close();
    await server?.close();
    if (assetsDir) await rm(assetsDir, { recursive: true, force: true });
  });

  it('scores six pages, records the right findings and opens tasks only for warnings and critical ones; a second sweep duplicates nothing', async () => {
    const first = await sweep(Object.values(ids));
    const scores = await q<{ listing_id: string; overall_score: number; band: string; extraction_method: string }>(sql`
      select c.listing_id, c.overall_score::float8 as overall_score, c.band, s.extraction_method from pdp_compliance c join pdp_snapshots s on s.id = c.snapshot_id where s.sweep_key = ${first}`);
    expect(of(scores, 'compliant')[0]).toMatchObject({ band: 'compliant', extraction_method: 'json_ld' });
    expect(of(scores, 'compliant')[0]!.overall_score).toBeGreaterThanOrEqual(85);
    expect(of(scores, 'bullets')[0]!.extraction_method).toBe('dom');
    expect(of(scores, 'gone')[0]).toMatchObject({ overall_score: 0, band: 'non_compliant' });

    const findings = await openFindings();
    const summary = (k: Key) => of(findings, k).filter((f) => f.severity !== 'info' || k === 'rewrite').map((f) => [f.field, f.classification, f.severity]);
    expect(of(findings, 'compliant')).toEqual([]);
    expect(summary('pack')).toEqual([['pack_size', 'pack_size_mismatch', 'critical']]);
    expect(summary('image')).toEqual([['image', 'wrong_image', 'warning']]);
    expect(summary('bullets')).toEqual([['bullets', 'truncated', 'warning']]);
    expect(summary('rewrite')).toEqual([['description', 'retailer_rewrite', 'info']]);
    expect(summary('gone')).toEqual([['page', 'delisted', 'critical']]);
    expect(fake.count('classify_pdp_drift')).toBe(1);

    // Tasks: one per warning/critical finding, none for info (the rewrite, the pack page's slightly different title).
    const withTasks = findings.filter((f) => f.severity !== 'info');
    expect(findings.filter((f) => f.severity === 'info').every((f) => f.task_id === null)).toBe(true);
    const tasks = await driftTasks();
    expect(tasks.map((x) => x.dedupe_key).sort()).toEqual(withTasks.map((f) => `pdp:${f.id}`).sort());
    expect(withTasks.every((f) => f.task_id !== null)).toBe(true);
    expect(tasks).toHaveLength(4);
    expect(tasks.filter((x) => x.priority === 'urgent')).toHaveLength(2);

    // What the Monitoring page reads, through the router: the pack listing with its finding, expected vs observed.
    const rows = await h.editor.monitoring.compliance({ companySlug: SLUG, onlyDrift: true });
    const packRow = rows.find((r) => r.listingId === ids.pack)!;
    expect(packRow.findings.find((f) => f.classification === 'pack_size_mismatch')).toMatchObject({ severity: 'critical', expected: '10 oz', observed: '12 oz' });
    expect(packRow.band).toBe('at_risk');
    expect(rows.some((r) => r.listingId === ids.compliant)).toBe(false);

    const second = await sweep(Object.values(ids));
    expect(second).not.toBe(first);
    const again = await openFindings();
    expect(again.map((f) => f.id)).toEqual(findings.map((f) => f.id));
    expect(again.every((f, i) => new Date(f.last_seen_at).getTime() >= new Date(findings[i]!.last_seen_at).getTime())).toBe(true);
    expect(await driftTasks()).toEqual(tasks);
    const open = await q<{ n: number }>(sql`select count(*)::int n from pdp_drift_findings where listing_id::text in (select jsonb_array_elements_text(${JSON.stringify(Object.values(ids))}::jsonb)) and status = 'open'`);
    expect(open[0]!.n).toBe(findings.length);
  });

  it('a page put right resolves its open finding; flipped to 404 it becomes delisted', async () => {
    page('image');
    await sweep([ids.image]);
    expect(of(await openFindings(), 'image')).toEqual([]);
    const [resolved] = await q<{ status: string; resolved_at: string | null }>(sql`select status, resolved_at from pdp_drift_findings where listing_id = ${ids.image} and classification = 'wrong_image' order by first_seen_at desc limit 1`);
    expect(resolved).toMatchObject({ status: 'resolved' });
    expect(resolved!.resolved_at).not.toBeNull();

    server.pages.set(pathOf('compliant'), { status: 410 });
    await sweep([ids.compliant]);
    expect(of(await openFindings(), 'compliant').map((f) => [f.field, f.classification, f.severity])).toEqual([['page', 'delisted', 'critical']]);
  });

  it('a product page on a private address outside the allowlist is refused and recorded, never fetched', async () => {
    const [listing] = await q<{ id: string }>(sql`
      select l.id from listings l join products p on p.id = l.product_id join retailers r on r.id = l.retailer_id where p.company_id = ${companyId} and p.sku = 'FW-HS-UNS-12' and r.code = 'amazon_us'`);
    await q(sql`update listings set pdp_url = 'http://192.168.7.7/dp/B0CKDEMO13' where id = ${listing!.id}`);
    const sweepKey = await sweep([listing!.id]);
    const [snap] = await q<{ http_status: number | null; extracted: { error?: string }; extraction_method: string }>(sql`select http_status, extracted, extraction_method from pdp_snapshots where listing_id = ${listing!.id} and sweep_key = ${sweepKey}`);
    expect(snap).toMatchObject({ http_status: null, extraction_method: 'none' });
    expect(snap!.extracted.error).toMatch(/^refused: 192\.168\.7\.7 is a private address/);
    expect((await q(sql`select 1 from pdp_compliance c join pdp_snapshots s on s.id = c.snapshot_id where s.sweep_key = ${sweepKey}`)).length).toBe(0);
  });
  it('a check_listings step returns the product\'s worst score and its critical findings to a condition', async () => {
    const g = graph(
      [trig(), step('w', 'check_listings', 'action', { retailer: 'walmart_us' }), cond('c', 'steps.w.critical == 0'), step('y', 'transform', 'action', { mapping: { ok: 'true' } }), step('n', 'transform', 'action', { mapping: { ok: 'false' } })],
      [edge('t', 'w'), edge('w', 'c'), edge('c', 'y', 'yes'), edge('c', 'n', 'no')],
    );
    const wf = await publishWorkflow(h, 'Check the pack listing', { ...g, steps: g.steps.map((x, i) => ({ ...x, position: { x: i * 200, y: 0 } })) });
    const [p] = await t.current.database.sql`select id from products where sku = 'LPC-GRD-FR-10' and company_id = ${companyId}`;
    const { runId } = await h.editor.runs.start({ companySlug: SLUG, workflowId: wf.id, payload: { productId: p!.id } });
    await waitForRun(t.current.database, runId, ['completed']);
    const steps = await runSteps(t.current.database, runId);
    expect(steps.w!.output).toMatchObject({ band: 'at_risk', critical: 1, findings: 1, listings: 1 });
    expect((steps.w!.output as { score: number }).score).toBeLessThan(100);
    expect([steps.y!.status, steps.n!.status]).toEqual(['skipped', 'completed']);
  });
});
