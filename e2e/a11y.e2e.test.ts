/**
 * Every page as an admin at 1280 × 800 (plus sign-in and not-found): a screenshot of each under
 * test-results/e2e/pages/, and axe-core finding no serious or critical violation on any. The run shown is one this
 * file starts on a workflow it publishes (and deletes after), so the run view has something to draw.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from './browser.ts';
import { api, apiSignIn, edgeOf, stepNodes, stepOf } from './canvas-helpers.ts';
import { openPage } from './helpers.ts';
import { screenshot, seriousViolations, settled } from './page-check.ts';

const SLUG = 'copper-kettle';
const PRIYA = 'priya@copperkettle.example';
const base = `/supplier/${SLUG}`;

let browser: Browser;
let admin: BrowserContext;
let workflowId = '';
let runId = '';

beforeAll(async () => {
  browser = await launchBrowser();
  admin = await browser.newContext({ baseURL: inject('baseUrl') });
  await apiSignIn(admin.request, PRIYA);
  const wf = await api<{ id: string; revision: number }>(admin.request, 'workflows.create', { companySlug: SLUG, name: 'Accessibility check (e2e)' });
  workflowId = wf.id;
  const graph = {
    steps: [stepOf('trigger', 'trigger', 'trigger', 0, 0, {}, 'Started by hand'), stepOf('note', 'transform', 'action', 320, 0, { mapping: { ok: 'true' } }, 'Note it')],
    edges: [edgeOf('e1', 'trigger', 'note')],
  };
  const saved = await api<{ revision: number }>(admin.request, 'workflows.saveGraph', { companySlug: SLUG, id: wf.id, expectedRevision: wf.revision, graph });
  await api(admin.request, 'workflows.publish', { companySlug: SLUG, id: wf.id, expectedRevision: saved.revision });
  runId = (await api<{ runId: string }>(admin.request, 'runs.start', { companySlug: SLUG, workflowId, payload: {} })).runId;
});

afterAll(async () => {
  // Loud on failure: a leftover workflow would change the smoke test's Copper Kettle row count.
  if (workflowId) await api(admin.request, 'workflows.delete', { companySlug: SLUG, id: workflowId });
  await admin?.close();
  await browser?.close();
});

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });

/** Each page: where it is, and what says it has drawn. */
const PAGES: { name: string; path: () => string; ready: (page: Page) => Locator }[] = [
  { name: 'workflows', path: () => `${base}/workflows`, ready: (p) => p.getByTestId('workflow-row').first() },
  { name: 'editor', path: () => `${base}/workflows/${workflowId}`, ready: (p) => stepNodes(p).nth(1) },
  { name: 'runs', path: () => `${base}/runs`, ready: h1 },
  { name: 'run', path: () => `${base}/workflows/${workflowId}/runs/${runId}`, ready: (p) => p.locator('[data-testid="node-note"][data-step-status="completed"]') },
  { name: 'approvals', path: () => `${base}/inbox`, ready: h1 },
  { name: 'tasks', path: () => `${base}/tasks`, ready: h1 },
  { name: 'products', path: () => `${base}/products`, ready: (p) => p.getByTestId('product-row').first() },
  { name: 'suggestions', path: () => `${base}/suggestions`, ready: h1 },
  { name: 'monitoring', path: () => `${base}/monitoring`, ready: h1 },
  { name: 'metrics', path: () => `${base}/metrics`, ready: h1 },
  { name: 'settings', path: () => `${base}/settings`, ready: h1 },
  { name: 'not-found', path: () => `${base}/no-such-page`, ready: (p) => p.getByText('Page not found') },
];

describe('every page at 1280 × 800', () => {
  it('has no serious or critical accessibility violation, and is photographed', async () => {
    const { page, pageErrors, close } = await openPage(browser, { width: 1280, height: 800 });
    const found: Record<string, string[]> = {};

    // Signed out first: the sign-in page.
    await page.goto('/signin');
    await settled(page, page.getByTestId('signin-email'));
    await screenshot(page, 'sign-in');
    found['sign-in'] = await seriousViolations(page);

    await apiSignIn(page.context().request, PRIYA);
    for (const p of PAGES) {
      await page.goto(p.path());
      await settled(page, p.ready(page));
      await screenshot(page, p.name);
      found[p.name] = await seriousViolations(page);
      if (p.name === 'products') {
        // A product: the first one listed.
        await page.getByTestId('product-row').first().getByRole('link').first().click();
        await settled(page, page.getByTestId('product-title'));
        await screenshot(page, 'product');
        found.product = await seriousViolations(page);
      }
    }

    const failing = Object.entries(found).filter(([, v]) => v.length > 0);
    expect(failing.map(([name, v]) => `${name}:\n  ${v.join('\n  ')}`).join('\n')).toBe('');
    expect(Object.keys(found)).toHaveLength(PAGES.length + 2);
    expect(pageErrors).toEqual([]);
    await close();
  });
});
