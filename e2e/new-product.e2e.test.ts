/**
 * The demo, end to end, driven like an ops person: import a new coffee from CSV, upload its main image on the product
 * page, and watch the seeded "New product" workflow run on its own — images validated for every retailer, copy
 * enriched by Claude (the e2e fake Messages API), and, since the suggestions are not confident enough to publish
 * alone, a content manager's review. Approving in the run view's side panel publishes it; the overlay follows live.
 */
import path from 'node:path';
import sharp from 'sharp';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser.ts';
import { api } from './canvas-helpers.ts';
import { openPage, poll, signIn } from './helpers.ts';

const SLUG = 'copper-kettle';
const WORKFLOW = 'New product: images, enrichment and review';
const SHOTS = path.resolve(import.meta.dirname, '../test-results/e2e');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const node = (page: Page, id: string) => page.getByTestId(`node-${id}`);

describe('new product demo', () => {
  it('import, upload the main image, and the seeded workflow validates, enriches and waits for review; approving publishes, live', async () => {
    const { page, pageErrors, close } = await openPage(browser);
    await page.context().addInitScript(() => {
      // Every status a node shows, in order: proof the overlay moved on its own rather than after a reload.
      const w = window as unknown as { __seen: Record<string, string[]> };
      w.__seen = {};
      const record = (el: Element) => {
        const id = el.getAttribute('data-testid')?.slice('node-'.length);
        const status = el.getAttribute('data-status');
        if (!id || !status) return;
        const list = (w.__seen[id] ??= []);
        if (list.at(-1) !== status) list.push(status);
      };
      new MutationObserver((ms) => {
        for (const m of ms) {
          if (m.type === 'attributes') record(m.target as Element);
          for (const n of m.addedNodes) if (n instanceof Element) n.querySelectorAll('[data-status]').forEach(record);
        }
      }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-status'] });
    });
    await signIn(page, 'priya@copperkettle.example', SLUG);

    // 1. The product arrives as a CSV row.
    const sku = `LPC-NEW-${Date.now().toString(36).toUpperCase()}`;
    const csv = `sku,category,title,description\n${sku},coffee,"Lantern Peak Cascade Morning Whole Bean Coffee, 12 oz","A bright, medium roast of washed Ethiopian and Colombian beans with notes of citrus and cocoa."\n`;
    await page.goto(`/supplier/${SLUG}/products`);
    await page.getByTestId('import-open').click();
    await page.getByTestId('import-file').setInputFiles({ name: 'new-coffee.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByTestId('import-submit').click();
    await poll(() => page.getByTestId('import-result').textContent()).toContain('1 created');
    const products = await api<{ items: { id: string; sku: string }[] }>(page.request, 'products.list', { companySlug: SLUG, search: sku }, 'query');
    const productId = products.items.find((p) => p.sku === sku)!.id;

    // 2. Its main image: a clean 2000 px packshot on pure white, which passes every retailer's rules.
    const image = await sharp({ create: { width: 2000, height: 2000, channels: 3, background: '#ffffff' } })
      .composite([{ input: await sharp({ create: { width: 1800, height: 1800, channels: 3, background: '#6b3f1d' } }).png().toBuffer(), top: 100, left: 100 }])
      .jpeg({ quality: 92 })
      .toBuffer();
    await page.goto(`/supplier/${SLUG}/products/${productId}`);
    await page.getByTestId('asset-gallery').waitFor();
    await page.getByTestId('asset-upload-role').selectOption('main');
    await page.getByTestId('asset-file-input').setInputFiles({ name: `${sku}_main.jpg`, mimeType: 'image/jpeg', buffer: image });
    await page.getByTestId('asset-card').filter({ has: page.getByText(`${sku}_main.jpg`) }).waitFor();

    // 3. The upload started the seeded workflow for this product: open its run and watch it.
    const workflows = await api<{ id: string; name: string }[] | { items: { id: string; name: string }[] }>(page.request, 'workflows.list', { companySlug: SLUG }, 'query');
    const workflowId = (Array.isArray(workflows) ? workflows : workflows.items).find((w) => w.name === WORKFLOW)!.id;
    let runId = '';
    await expect
      .poll(async () => {
        const runs = await api<{ items: { id: string }[] } | { id: string }[]>(page.request, 'runs.list', { companySlug: SLUG, workflowId, limit: 5 }, 'query');
        const list = Array.isArray(runs) ? runs : runs.items;
        for (const r of list) {
          const detail = await api<{ run: { triggerPayload: { productId?: string } } }>(page.request, 'runs.get', { companySlug: SLUG, id: r.id }, 'query');
          if (detail.run.triggerPayload.productId === productId) runId = r.id;
        }
        return runId;
      }, { timeout: 15_000 })
      .not.toBe('');
    await page.goto(`/supplier/${SLUG}/workflows/${workflowId}/runs/${runId}`);
    await poll(() => page.getByTestId('live-indicator').getAttribute('data-state')).toBe('live');

    await expect.poll(() => node(page, 'n4').getAttribute('data-status'), { timeout: 30_000 }).toBe('waiting');
    expect(await node(page, 'n1').getAttribute('data-status')).toBe('completed');
    expect(await node(page, 'n2').getAttribute('data-status')).toBe('completed');
    await poll(() => node(page, 'n3').getAttribute('data-branch')).toBe('no');
    await poll(() => page.getByTestId('run-status').getAttribute('data-status')).toBe('waiting');
    await page.screenshot({ path: path.join(SHOTS, 'new-product-at-review.png') });

    // 4. The review: approve in the side panel; the run publishes and finishes without a reload.
    await page.getByTestId('overview-gate').click();
    await page.getByTestId('gate-panel').waitFor();
    await page.getByTestId('gate-comment').fill('Images pass everywhere; copy reads well.');
    await page.getByTestId('gate-approve').click();
    await poll(() => page.getByTestId('run-status').getAttribute('data-status')).toBe('completed');
    await poll(() => node(page, 'n5').getAttribute('data-status')).toBe('completed');
    expect(await node(page, 'n6').getAttribute('data-status')).toBe('skipped');
    const seen = await page.evaluate(() => (window as unknown as { __seen: Record<string, string[]> }).__seen);
    expect(seen.n4).toEqual(expect.arrayContaining(['waiting', 'completed']));
    expect(seen.n5!.at(-1)).toBe('completed');
    // What it cost: one executor run, the validation child, the enrichment child and its Claude calls.
    await poll(() => page.getByTestId('run-cost').textContent()).toMatch(/^\$0\.\d{4}$/);
    await page.screenshot({ path: path.join(SHOTS, 'new-product-published.png') });
    expect(pageErrors).toEqual([]);
    await close();
  });
});
