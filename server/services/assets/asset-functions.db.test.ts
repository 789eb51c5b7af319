/**
 * asset-validation (F14) and asset-ai-tagging (F15) through the real executor, with a temporary asset store and the
 * fake Messages API: uploads of generated fixtures → per-retailer validation rows, status and a routed
 * image_noncompliant task; Claude sees a ≤ 1568 px JPEG and its tags become rows, role suggestions and tasks; the
 * `validate_images` step invoked from an "on upload" workflow feeds a condition; the gallery's procedures.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cond, edge, graph, step } from '../../../shared/graph/fixtures.ts';
import type { AssetRole } from '../../../shared/assets/vocab.ts';
import { withCompany } from '../../db/tx.ts';
import { publishWorkflow, runSteps, SLUG, startHarness, waitForRun, type Harness } from '../../workflow/testing/harness.ts';
import { assetUploadedEvent, uploadAsset } from './upload.ts';
import { dbTargets, useTestDatabase } from '../../testing/db.ts';
import { startFakeAnthropic, type FakeAnthropic, type FakeRequest } from '../../testing/fake-anthropic.ts';
import { directoryAssetStore, type AssetStore } from './store.ts';
import { fixture, type FixtureName } from './testing/fixtures.ts';

const PACKSHOT = { shot_type: 'packshot_white', has_text_overlay: false, has_watermark: false, has_props: false, has_people: false, product_count: 1, dominant_colors: ['brown'], detected_text: [], alt_text: 'A bag of coffee on white', matches_product: true, confidence: 0.9 };

describe.each(dbTargets())('asset functions on $name postgres', (target) => {
  const t = useTestDatabase(target, { seeded: true });
  let fake: FakeAnthropic;
  let h: Harness;
  let dir: string;
  let store: AssetStore;
  let companyId: string;
  let editorId: string;
  /** sha256 → canned tags, so each fixture gets its own answer. */
  const tagsBySha = new Map<string, Record<string, unknown>>();
  const seen: { longEdge: number; mediaType: string; format: string | undefined }[] = [];

  const db = () => t.current.database.db;
  const productId = async (sku: string) => (await t.current.database.sql`select id from products where sku = ${sku} and company_id = ${companyId}`)[0]!.id as string;

  async function upload(name: FixtureName, sku: string, role: AssetRole | null, tags: Record<string, unknown> = PACKSHOT) {
    const bytes = await fixture(name);
    const res = await withCompany(db(), companyId, (tx) => uploadAsset(tx, store, { companyId, userId: editorId, productId: pid[sku]!, role, filename: name, bytes }), editorId);
    tagsBySha.set(res.asset.sha256, tags);
    const events = [...(res.created ? [assetUploadedEvent(companyId, res.asset)] : []), ...res.revalidate];
    if (events.length) await h.sendEvent(events);
    return res.asset;
  }
  const pid: Record<string, string> = {};
  let firstMainId: string;

  async function settled(assetId: string) {
    await expect.poll(async () => (await t.current.database.sql`select status from assets where id = ${assetId}`)[0]!.status, { timeout: 15_000, interval: 50 }).not.toBe('uploaded');
    return (await t.current.database.sql`select * from assets where id = ${assetId}`)[0]!;
  }
  const validations = async (assetId: string) =>
    Object.fromEntries((await t.current.database.sql`
      select r.code, v.role_evaluated, v.passed, v.results from asset_validations v join retailers r on r.id = v.retailer_id where v.asset_id = ${assetId} order by r.code`).map((v) => [
      v.code as string,
      { role: v.role_evaluated, passed: v.passed, failed: (v.results as { rule: string; passed: boolean; severity: string }[]).filter((x) => !x.passed).map((x) => `${x.rule}:${x.severity}`) },
    ]));
  const tagRow = async (assetId: string) => (await t.current.database.sql`select * from asset_tags where asset_id = ${assetId}`)[0];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'ember-assets-'));
    store = directoryAssetStore(dir);
    fake = await startFakeAnthropic();
    fake.on('tag_image', (req: FakeRequest) => {
      const sha = /sha256 ([0-9a-f]{64})/.exec(req.text)?.[1];
      return (sha && tagsBySha.get(sha)) || { status: 400, body: { type: 'error', error: { type: 'invalid_request_error', message: 'unknown image' } } };
    });
    h = await startHarness(t.current.database, { claude: fake.config(), assets: store });
    companyId = (await t.current.database.sql`select id from companies where slug = ${SLUG}`)[0]!.id as string;
    editorId = h.editorId;
    for (const sku of ['LPC-GRD-FR-10', 'LPC-WB-COL-32', 'LPC-WB-ETH-12', 'LPC-GRD-DEC-12']) pid[sku] = await productId(sku);
  });
  afterAll(async () => {
    await h?.stop();
    await fake?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('validates an upload per retailer of its listings: a compliant main image is valid everywhere', async () => {
    const a = await upload('ok_2000.jpg', 'LPC-GRD-FR-10', 'main');
    firstMainId = a.id;
    const row = await settled(a.id);
    expect(row).toMatchObject({ status: 'validated', width: 2000, height: 2000, color_space: 'rgb', is_animated: false });
    expect(row.dhash).toMatch(/^[0-9a-f]{16}$/);
    expect(await validations(a.id)).toEqual({
      amazon_us: { role: 'main', passed: true, failed: [] },
      target_plus: { role: 'main', passed: true, failed: [] },
      walmart_us: { role: 'main', passed: true, failed: [] },
    });
  });

  it('an off-white main image of active listings is invalid everywhere and opens one routed image_noncompliant task', async () => {
    const a = await upload('offwhite_bg.jpg', 'LPC-GRD-FR-10', 'main');
    expect((await settled(a.id)).status).toBe('invalid');
    expect(await validations(a.id)).toEqual({
      amazon_us: { role: 'main', passed: false, failed: ['AMZ_MAIN_WHITE_BG:error'] },
      target_plus: { role: 'main', passed: false, failed: ['TGT_MAIN_WHITE_BG:error'] },
      walmart_us: { role: 'main', passed: false, failed: ['WMT_MAIN_WHITE_BG:error'] },
    });
    // The orchestrator routes it by the seeded rule: image_noncompliant → Sam.
    await expect.poll(async () => (await t.current.database.sql`
      select t.status, u.email, t.category from tasks t left join users u on u.id = t.assignee_user_id where t.dedupe_key = ${`asset:${a.id}:validation`}`).map((r) => ({ ...r })), { timeout: 15_000, interval: 50 })
      .toEqual([{ status: 'open', email: 'sam@copperkettle.example', category: 'image_noncompliant' }]);
    // The new main demoted the earlier one, which is re-validated as a secondary image.
    expect((await t.current.database.sql`select role from assets where id = ${firstMainId}`)[0]!.role).toBe('secondary');
    await expect.poll(async () => Object.values(await validations(firstMainId)).map((v) => `${v.role}:${v.passed}`), { timeout: 15_000, interval: 50 }).toEqual(['secondary:true', 'secondary:true', 'secondary:true']);
  });

  it('a secondary image gets the technical rules only, at the retailers of its listings: warnings, no task', async () => {
    const small = await upload('small_800.jpg', 'LPC-WB-ETH-12', 'secondary');
    expect((await settled(small.id)).status).toBe('validated');
    // LPC-WB-ETH-12 is listed at Amazon and Target (not Walmart): only those are checked.
    expect(await validations(small.id)).toEqual({
      amazon_us: { role: 'secondary', passed: true, failed: ['AMZ_IMG_ZOOM:warning'] },
      target_plus: { role: 'secondary', passed: true, failed: ['TGT_IMG_MIN:warning'] },
    });
    expect(await t.current.database.sql`select id from tasks where source_id = ${small.id}`).toHaveLength(0);
  });

  it('tagging: Claude gets a base64 JPEG ≤ 1568 px; a text overlay on the main image opens a task', async () => {
    const a = await upload('text_overlay.png', 'LPC-WB-COL-32', 'main', { ...PACKSHOT, has_text_overlay: true, detected_text: ['NEW!'], confidence: 0.95 });
    await expect.poll(() => tagRow(a.id), { timeout: 15_000, interval: 50 }).toBeTruthy();
    const mine = fake.requests.filter((r) => r.skill === 'tag_image' && r.text.includes(a.sha256));
    expect(mine).toHaveLength(1);
    const req = mine[0]!;
    expect(req.images).toHaveLength(1);
    const img = Buffer.from(req.images[0]!.data, 'base64');
    const meta = await sharp(img).metadata();
    expect({ mediaType: req.images[0]!.mediaType, format: meta.format, longEdge: Math.max(meta.width!, meta.height!) <= 1568, magic: img.subarray(0, 3).toString('hex') })
      .toEqual({ mediaType: 'image/jpeg', format: 'jpeg', longEdge: true, magic: 'ffd8ff' });
    expect(req.text).toContain('LPC-WB-COL-32');
    const tags = await tagRow(a.id);
    expect({ ...tags, confidence: Number(tags!.confidence) }).toMatchObject({ source: 'claude', shot_type: 'packshot_white', has_text_overlay: true, detected_text: ['NEW!'], confidence: 0.95 });
    await expect.poll(async () => (await t.current.database.sql`select type, status from tasks where dedupe_key = ${`asset:${a.id}:tags`}`).map((r) => ({ ...r })), { timeout: 15_000, interval: 50 })
      .toEqual([{ type: 'image_noncompliant', status: 'open' }]);
    // The run is on the ledger, correlated to the asset.
    expect((await t.current.database.sql`select status from agent_runs where correlation->>'assetId' = ${a.id}`).map((r) => r.status)).toEqual(['completed']);
  });

  it('tagging: a lifestyle shot suggests the lifestyle role and opens no task while its role is secondary', async () => {
    const a = await upload('lifestyle.jpg', 'LPC-WB-COL-32', 'secondary', { ...PACKSHOT, shot_type: 'lifestyle', has_props: true, matches_product: true, confidence: 0.9 });
    await expect.poll(async () => (await t.current.database.sql`select suggested_role from assets where id = ${a.id}`)[0]!.suggested_role, { timeout: 15_000, interval: 50 }).toBe('lifestyle');
    expect(await tagRow(a.id)).toMatchObject({ shot_type: 'lifestyle', has_props: true });
    expect(await t.current.database.sql`select id from tasks where source_id = ${a.id}`).toHaveLength(0);

    // The gallery shows it; accepting the suggestion re-validates without asking Claude again.
    const calls = () => fake.requests.filter((r) => r.skill === 'tag_image' && r.text.includes(a.sha256)).length;
    expect(calls()).toBe(1);
    const list = await h.editor.assets.list({ companySlug: SLUG, productId: pid['LPC-WB-COL-32']! });
    const shown = list.assets.find((x) => x.id === a.id)!;
    expect(shown).toMatchObject({ role: 'secondary', suggestedRole: 'lifestyle', tags: { shotType: 'lifestyle' }, taggingError: null });
    expect(shown.validations.map((v) => v.retailer)).toEqual(['amazon_us', 'walmart_us']);
    expect(await h.editor.assets.setRole({ companySlug: SLUG, id: a.id, role: 'lifestyle' })).toEqual({ changed: true });
    await expect.poll(async () => (await validations(a.id)).amazon_us?.role, { timeout: 15_000, interval: 50 }).toBe('lifestyle');
    expect(Object.values(await validations(a.id)).map((v) => v.role)).toEqual(['lifestyle', 'lifestyle']);
    await expect.poll(async () => (await t.current.database.sql`select suggested_role, status from assets where id = ${a.id}`).map((r) => ({ ...r })), { timeout: 15_000, interval: 50 }).toEqual([{ suggested_role: null, status: 'validated' }]);
    expect(calls()).toBe(1);

    expect(await h.editor.assets.archive({ companySlug: SLUG, id: a.id })).toEqual({ changed: true });
    expect((await h.editor.assets.list({ companySlug: SLUG, productId: pid['LPC-WB-COL-32']! })).assets.map((x) => x.id)).not.toContain(a.id);
  });

  it('"on upload → validate images → condition": the step invokes asset-validation and its totals pick the branch', async () => {
    const g = graph(
      [step('t', 'trigger', 'trigger'), step('v', 'validate_images', 'action', {}), cond('c', 'steps.v.passed'), step('y', 'transform', 'action', { mapping: { ok: 'true' } }), step('n', 'transform', 'action', { mapping: { ok: 'false' } })],
      [edge('t', 'v'), edge('v', 'c'), edge('c', 'y', 'yes'), edge('c', 'n', 'no')],
    );
    const wf = await publishWorkflow(h, 'On upload, validate images', { ...g, steps: g.steps.map((s, i) => ({ ...s, position: { x: i * 200, y: 0 } })) }, { type: 'event', event: 'asset/uploaded', filter: `event.data.productId == '${pid['LPC-GRD-DEC-12']}'` });
    await h.editor.workflows.setEnabled({ companySlug: SLUG, id: wf.id, enabled: true });
    const a = await upload('low_fill.png', 'LPC-GRD-DEC-12', 'main');
    await expect.poll(async () => (await t.current.database.sql`select id from workflow_runs where workflow_id = ${wf.id}`).length, { timeout: 15_000, interval: 50 }).toBe(1);
    const runId = (await t.current.database.sql`select id from workflow_runs where workflow_id = ${wf.id}`)[0]!.id as string;
    const done = await waitForRun(t.current.database, runId, ['completed', 'failed']);
    expect(done.error).toBeNull();
    const steps = await runSteps(t.current.database, runId);
    expect(steps.v!.output).toMatchObject({ passed: false, errors: 1, assets: 1, perRetailer: { amazon_us: { passed: false, errors: 1 }, walmart_us: { passed: true, errors: 0 } }, results: [{ assetId: a.id, role: 'main', passed: false }] });
    expect([steps.y!.status, steps.n!.status]).toEqual(['skipped', 'completed']);
  });
});
