/**
 * What-if in the editor, on runs made for the test in Bluewater (Owen, admin): a condition on the payload's amount,
 * run four times (50, 150, 300, 20). "What-if" over the last runs puts the counts on the edges (2/4 each way);
 * changing the condition on the canvas (the draft; nothing published) and simulating again moves them (3/4, 1/4)
 * and names the one run whose path changes (the open panel passes axe); sample payloads work the same way; Escape
 * clears the counts; W opens the panel again. Deletes its workflow afterwards (the smoke test counts workflows).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { launchBrowser } from './browser.ts';
import { api, apiSignIn, edgeOf, seedWorkflow, selectNode, shot, stepOf, typeExpression } from './canvas-helpers.ts';
import { poll } from './helpers.ts';
import { seriousViolations } from './page-check.ts';

const SLUG = 'bluewater';
let browser: Browser;
let context: BrowserContext;
let page: Page;
const created: string[] = [];
const errors: string[] = [];

const GRAPH = {
  steps: [
    stepOf('t', 'trigger', 'trigger', 0, 100, {}, 'Order placed'),
    stepOf('c', 'condition', 'condition', 300, 100, { expression: 'event.data.amount > 100' }, 'Large order?'),
    stepOf('big', 'transform', 'action', 600, 0, { mapping: { tier: "'big'" } }, 'Mark large'),
    stepOf('small', 'transform', 'action', 600, 220, { mapping: { tier: "'small'" } }, 'Mark small'),
  ],
  edges: [edgeOf('e1', 't', 'c'), edgeOf('eyes', 'c', 'big', 'yes'), edgeOf('eno', 'c', 'small', 'no')],
};

beforeAll(async () => {
  browser = await launchBrowser();
  context = await browser.newContext({ baseURL: inject('baseUrl'), viewport: { width: 1440, height: 900 } });
  context.setDefaultTimeout(10_000);
  await apiSignIn(context.request, 'owen@bluewater.example');
  const wf = await seedWorkflow(context.request, created, 'Order tiers (what-if e2e)', GRAPH);
  await api(context.request, 'workflows.publish', { companySlug: SLUG, id: wf.id, expectedRevision: wf.revision });
  const runIds: string[] = [];
  for (const amount of [50, 150, 300, 20]) {
    runIds.push((await api<{ runId: string }>(context.request, 'runs.start', { companySlug: SLUG, workflowId: wf.id, payload: { amount } })).runId);
  }
  for (const id of runIds) {
    // Waits on the run's real state (no expect.poll outside a test).
    await vi.waitFor(async () => expect((await api<{ run: { status: string } }>(context.request, 'runs.get', { companySlug: SLUG, id }, 'query')).run.status).toBe('completed'), { timeout: 15_000, interval: 100 });
  }
  page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
});

afterAll(async () => {
  for (const id of created) await api(context.request, 'workflows.delete', { companySlug: SLUG, id }).catch(() => {});
  await context?.close();
  await browser?.close();
});

const count = (edgeId: string) => page.getByTestId(`edge-${edgeId}-what-if`);

describe('what-if on the canvas', () => {
  it('what-if counts appear on the edges, move with a changed condition, and clear with Escape', async () => {
    await page.goto(`/supplier/${SLUG}/workflows/${created[0]}`);
    await page.getByTestId('node-c').waitFor();
    expect(await count('eyes').count()).toBe(0);

    await page.getByTestId('what-if-open').click();
    await page.getByTestId('what-if-last-runs').fill('50');
    await page.getByTestId('what-if-run').click();
    await poll(() => count('eyes').getAttribute('data-taken')).toBe('2');
    expect(await count('eyes').innerText()).toContain('2/4');
    expect(await count('eno').innerText()).toContain('2/4');
    expect(await count('e1').innerText()).toContain('4/4');
    expect(await page.getByTestId('what-if-total').textContent()).toContain('Over 4 runs');
    await page.getByTestId('what-if-changed-none').waitFor();
    await shot(page, 'what-if-counts');

    // The draft as it is on screen: a lower threshold sends the 50 order to "Mark large" too.
    await selectNode(page, 'c');
    await typeExpression(page, 'field-expression', 'event.data.amount > 40');
    await page.getByTestId('what-if-run').click();
    await poll(() => count('eyes').getAttribute('data-taken')).toBe('3');
    expect(await count('eno').innerText()).toContain('1/4');
    expect(await page.getByTestId('what-if-changed-count').textContent()).toContain('1 run would take a different path');
    expect(await page.getByTestId('what-if-changed').textContent()).toContain('now runs Mark large; no longer runs Mark small');
    await shot(page, 'what-if-changed');
    // The panel, its summary and the counts on the edges pass axe's serious and critical rules.
    expect(await seriousViolations(page)).toEqual([]);

    // Sample payloads instead of past runs: 45 passes the edited threshold, 5 does not.
    await page.getByTestId('what-if-source-samples').check();
    await page.getByTestId('what-if-samples').fill('[{"amount": 45}, {"amount": 5}]');
    await page.getByTestId('what-if-run').click();
    await poll(() => page.getByTestId('what-if-total').textContent()).toContain('Over 2 runs');
    expect(await count('eyes').innerText()).toContain('1/2');
    expect(await count('eno').innerText()).toContain('1/2');
    expect(await page.getByTestId('what-if-changed-count').textContent()).toContain('1 run would take a different path');

    await page.keyboard.press('Escape');
    await poll(() => count('eyes').count()).toBe(0);
    await page.getByTestId('what-if-open').waitFor();
    // W opens it again from the canvas (not while typing in a field).
    await page.locator('.react-flow__pane').click({ position: { x: 40, y: 500 } });
    await page.keyboard.press('w');
    await page.getByTestId('what-if-panel').waitFor();
    expect(errors).toEqual([]);
  });
});
