/**
 * Retailer monitoring in the browser, against the app's own demo retailer site: the Monitoring page shows the
 * seeded drift (Walmart's stale "12 oz" pack size, the delisted page) and the seeded spec history; after Walmart
 * publishes its newer item spec (the demo site's switch), "Check now" runs the sentinel and the watchdog and the page
 * shows the new spec change with the six products that lack a country of origin.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser.ts';
import { openPage, poll, signIn, snap } from './helpers.ts';

const SLUG = 'copper-kettle';
const NEW_VERSION = '5.0.20250612-15_17_48';
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('monitoring', () => {
  it('shows the seeded findings, and "Check now" finds Walmart\'s new spec version', async () => {
    const { page, pageErrors, close } = await openPage(browser);
    await signIn(page, 'priya@copperkettle.example', SLUG);
    await page.getByTestId('nav-monitoring').click();
    await page.waitForURL(`**/supplier/${SLUG}/monitoring`);

    const pack = page.getByTestId('listing-row').filter({ has: page.locator('[data-classification="pack_size_mismatch"]') });
    await expect.poll(() => pack.getAttribute('data-sku'), { timeout: 10_000 }).toBe('LPC-GRD-FR-10');
    expect(await pack.getAttribute('data-retailer')).toBe('walmart_us');
    await expect.poll(() => pack.locator('[data-classification="pack_size_mismatch"]').textContent()).toContain('12 oz');
    await poll(() => page.locator('[data-testid="finding"][data-classification="delisted"]').count()).toBe(1);
    await poll(() => page.getByTestId('spec-change-row').count()).toBe(1);
    await snap(page, 'monitoring-seeded');

    // Walmart publishes its newer item spec on the demo retailer site.
    const flip = await page.request.post('/demo-retailer/admin/walmart-spec-version', { data: NEW_VERSION });
    expect(flip.ok()).toBe(true);

    const checkedBefore = await pack.getAttribute('data-checked-at');
    await page.getByTestId('check-now').click();
    const change = page.locator(`[data-testid="spec-change-row"][data-retailer="walmart_us"][data-version="${NEW_VERSION}"]`);
    await change.waitFor({ timeout: 15_000 });
    expect(await change.getByTestId('spec-change-affected').textContent()).toBe('6');
    expect(await change.getByTestId('spec-change-summary').textContent()).toMatch(/\S/);
    await expect.poll(() => page.getByTestId('check-status').textContent(), { timeout: 15_000 }).toContain('Checked');
    // The watchdog swept the demo pages too: the pack listing was checked again and shows the same drift once.
    await expect.poll(() => pack.getAttribute('data-checked-at'), { timeout: 15_000 }).not.toBe(checkedBefore);
    await poll(() => page.locator('[data-testid="finding"][data-classification="pack_size_mismatch"]').count()).toBe(1);
    await snap(page, 'monitoring-after-check');
    expect(pageErrors).toEqual([]);
    await close();
  });
});
