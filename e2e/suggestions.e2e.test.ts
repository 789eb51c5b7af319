/**
 * Enrichment review driven like a person, on the seeded coffee job: the suggestions page lists what waits for a
 * decision grouped by product, and the job's review task leads there; two suggestions are selected and accepted together, leave the list, and show up as
 * the products' values on their product pages.
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

describe('enrichment suggestions', () => {
  it('bulk-accepts two suggestions and the product pages show them applied', async () => {
    const { page, pageErrors, close } = await openPage(browser);
    await signIn(page, 'marcus@copperkettle.example', SLUG);
    await page.getByTestId('nav-suggestions').click();
    await page.waitForURL(`**/supplier/${SLUG}/suggestions`);
    await page.getByTestId('suggestions-product-TH-TRN-SAL-6').waitFor();

    // Marcus's review task (T4) leads to the same list, narrowed to its job.
    const tasks = await api<{ id: string; type: string }[]>(page.request, 'tasks.list', { companySlug: SLUG, scope: 'mine', type: 'enrichment_review' }, 'query');
    expect(tasks).toHaveLength(1);
    await page.goto(`/supplier/${SLUG}/tasks/${tasks[0]!.id}`);
    await page.getByTestId('task-review-suggestions').click();
    await page.waitForURL(`**/supplier/${SLUG}/suggestions?job=*`);
    await page.getByTestId('suggestions-job-filter').waitFor();
    // Only the coffee job: the dog-treats suggestions of another job are not listed.
    await poll(() => page.getByTestId('suggestions-product-TH-TRN-SAL-6').count()).toBe(0);
    const colombia = page.getByTestId('suggestions-product-LPC-WB-COL-32');
    const instant = page.getByTestId('suggestions-product-LPC-INS-HB-8');
    await colombia.waitFor();
    // Current beside suggested, with confidence and evidence.
    const title = colombia.locator('[data-attribute="title"]');
    await poll(() => title.getByTestId('suggestion-current').textContent()).toContain('Small Batch Roasted in USA');
    expect(await title.getByTestId('suggestion-value').textContent()).toBe('Lantern Peak Colombia Supremo Whole Bean Coffee, Medium Roast, 100% Arabica, 2 lb Bag');
    expect(await title.getByTestId('suggestion-confidence').textContent()).toBe('88% confident');
    await snap(page, 'suggestions-list');

    const colombiaHref = await colombia.getByRole('link').first().getAttribute('href');
    const instantHref = await instant.getByRole('link').first().getAttribute('href');
    await title.getByTestId('suggestion-select').check();
    await instant.locator('[data-attribute="description"]').getByTestId('suggestion-select').check();
    await poll(() => page.getByTestId('suggestions-selected-count').textContent()).toBe('2 selected');
    await page.getByTestId('suggestions-accept-selected').click();
    await poll(() => colombia.count()).toBe(0);
    await poll(() => instant.count()).toBe(0);
    await poll(() => page.getByTestId('suggestions-notice').textContent()).toBe('2 suggestions applied.');
    expect(await page.getByTestId('suggestions-error').count()).toBe(0);

    await page.goto(colombiaHref!);
    await poll(() => page.getByTestId('product-title').textContent()).toBe('Lantern Peak Colombia Supremo Whole Bean Coffee, Medium Roast, 100% Arabica, 2 lb Bag');
    await page.goto(instantHref!);
    await poll(() => page.getByTestId('field-value-description').textContent()).toContain('Rich, smooth instant coffee made from 100% Arabica beans');
    await snap(page, 'suggestion-applied');
    expect(pageErrors).toEqual([]);
    await close();
  });
});
