/**
 * The catalog and task pages, driven like a person. Editing a watched field (a title, which the seeded
 * "Content-change guard" watches) on the product page starts that workflow; its run appears on the product page and
 * completes (on the product page and through runs.list), its run view opens from there, and the product's history
 * names the change. Then a task is claimed and completed, and an approval is decided in the decision panel.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser.ts';
import { api } from './canvas-helpers.ts';
import { openPage, poll, signIn, snap } from './helpers.ts';

const SLUG = 'copper-kettle';
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('products', () => {
  it('an edit to a watched field runs the configured workflow, and the history names the change', async () => {
    const { page, pageErrors, close } = await openPage(browser);
    await signIn(page, 'priya@copperkettle.example', SLUG);
    await page.getByTestId('nav-products').click();
    await page.waitForURL(`**/supplier/${SLUG}/products`);
    await poll(() => page.getByTestId('product-row').count()).toBe(30);
    await snap(page, 'products-list');

    await page.getByTestId('product-search').fill('house blend ground');
    await poll(() => page.getByTestId('product-row').count()).toBe(1);
    await page.getByTestId('product-category-filter').selectOption('coffee');
    await page.getByRole('link', { name: 'Lantern Peak House Blend Ground Coffee, Medium Roast, 12 oz' }).click();
    await page.getByTestId('product-title').waitFor();
    expect(await page.getByTestId('product-sku').textContent()).toBe('LPC-GRD-HB-12');
    await snap(page, 'product-page');

    const title = 'Lantern Peak House Blend Ground Coffee, Medium Roast, Smooth and Balanced, 12 oz';
    await page.getByTestId('field-edit-title').click();
    await page.getByTestId('field-input-title').fill(title);
    await page.getByTestId('field-save-title').click();
    await poll(() => page.getByTestId('field-value-title').textContent()).toBe(title);
    await poll(() => page.getByTestId('product-title').textContent()).toBe(title);

    // The trigger waits for the burst of edits to end, then the run starts and completes; the page keeps polling.
    const run = page.getByTestId('product-run').filter({ has: page.getByRole('link', { name: 'Content-change guard' }) });
    await run.first().waitFor({ timeout: 30_000 });
    await expect.poll(() => run.first().getAttribute('data-status'), { timeout: 30_000 }).toBe('completed');

    const workflows = await api<{ id: string; name: string }[]>(page.request, 'workflows.list', { companySlug: SLUG }, 'query');
    const guard = workflows.find((w) => w.name === 'Content-change guard')!;
    const runs = await api<{ id: string; status: string; triggerType: string }[]>(page.request, 'runs.list', { companySlug: SLUG, workflowId: guard.id }, 'query');
    const runId = await run.first().getAttribute('data-run-id');
    expect(runs.find((r) => r.id === runId)).toMatchObject({ status: 'completed', triggerType: 'event' });

    const change = page.getByTestId('history-entry').first();
    expect(await change.getAttribute('data-attribute')).toBe('title');
    expect(await change.getAttribute('data-actor')).toBe('user');
    await poll(() => change.textContent()).toContain('Priya Raman');
    expect(await change.getByTestId('history-new').textContent()).toBe(title);
    expect(await change.getByTestId('history-old').textContent()).toBe('Lantern Peak House Blend Ground Coffee, Medium Roast, 12 oz');
    await snap(page, 'product-after-edit');

    // The run's overlay: the run page of the workflow's version, reached from the product page.
    await run.first().getByTestId('product-run-link').click();
    await page.waitForURL(`**/workflows/${guard.id}/runs/${runId}`);
    await page.getByTestId('run-view').waitFor();
    await snap(page, 'product-run-overlay');
    expect(pageErrors).toEqual([]);
    await close();
  });

  it('a value the attribute refuses is explained at the field and not saved', async () => {
    const { page, pageErrors, close } = await openPage(browser);
    await signIn(page, 'priya@copperkettle.example', SLUG);
    await page.goto(`/supplier/${SLUG}/products`);
    await page.getByTestId('product-search').fill('LPC-GRD-DEC-12');
    await poll(() => page.getByTestId('product-row').count()).toBe(1);
    await page.getByTestId('product-row').getByRole('link').click();
    await page.getByTestId('field-edit-net_content').click();
    await page.getByTestId('field-input-net_content').fill('a dozen');
    await poll(() => page.getByRole('alert').first().textContent()).toContain('is not an amount with a unit');
    expect(await page.getByTestId('field-save-net_content').isDisabled()).toBe(true);
    expect(pageErrors).toEqual([]);
    await close();
  });
});

describe('tasks', () => {
  it('lists my tasks, opens one with its activity, claims it and marks it done', async () => {
    const { page, pageErrors, close } = await openPage(browser);
    await signIn(page, 'dana@copperkettle.example', SLUG, 'inbox');
    await page.getByTestId('nav-tasks').click();
    await page.waitForURL(`**/supplier/${SLUG}/tasks`);
    const row = page.getByTestId('task-row').filter({ hasText: 'FW-HS-OAT-12' });
    await row.waitFor();
    await snap(page, 'tasks-list');
    await row.getByRole('link').click();
    await page.getByTestId('task-title').waitFor();
    await poll(() => page.getByTestId('task-activity-entry').count()).toBeGreaterThanOrEqual(2);
    expect(await page.getByTestId('task-status').textContent()).toBe('Open');
    await snap(page, 'task-page');

    await page.getByTestId('task-claim').click();
    await poll(() => page.getByTestId('task-status').textContent()).toBe('In progress');
    await page.getByTestId('task-comment').fill('Corrected the check digit in the supplier sheet');
    await page.getByTestId('task-complete').click();
    await poll(() => page.getByTestId('task-status').textContent()).toBe('Done');
    await poll(() => page.getByTestId('task-activity').textContent()).toContain('Corrected the check digit in the supplier sheet');
    await snap(page, 'task-done');

    await page.getByRole('link', { name: '← Tasks' }).click();
    await page.getByTestId('task-scope-all').click();
    await poll(() => page.getByTestId('task-row').filter({ hasText: 'FW-HS-OAT-12' }).count()).toBe(0);
    expect(pageErrors).toEqual([]);
    await close();
  });
});

describe('approvals', () => {
  it("a gate task shows the decision panel: a rejection needs a reason, then the decision is recorded", async () => {
    const { page, pageErrors, close } = await openPage(browser);
    await signIn(page, 'owen@bluewater.example', 'bluewater');
    const workflows = await api<{ id: string; name: string }[]>(page.request, 'workflows.list', { companySlug: 'bluewater' }, 'query');
    const intake = workflows.find((w) => w.name === 'New product intake')!;
    await api(page.request, 'runs.start', { companySlug: 'bluewater', workflowId: intake.id, payload: { productIds: [] } });

    await page.getByTestId('nav-tasks').click();
    await page.getByTestId('task-scope-all').click();
    const row = page.getByTestId('task-row').filter({ hasText: 'Approve new products' });
    await row.first().waitFor({ timeout: 20_000 });
    await row.first().getByRole('link').click();
    await page.getByTestId('decision-panel').waitFor();
    await snap(page, 'gate-task');

    await page.getByTestId('gate-reject').click();
    await poll(() => page.getByTestId('decision-panel').getByRole('alert').textContent()).toContain('Say why you reject');
    await page.getByTestId('gate-comment').fill('The product photos are missing');
    await page.getByTestId('gate-reject').click();
    await page.getByTestId('gate-decision').waitFor();
    expect(await page.getByTestId('gate-decision').getAttribute('data-decision')).toBe('rejected');
    await poll(() => page.getByTestId('gate-decision').textContent()).toContain('The product photos are missing');
    await poll(() => page.getByTestId('task-status').textContent()).toBe('Done');
    expect(pageErrors).toEqual([]);
    await close();
  });
});
