/**
 * The product page's image gallery, driven like a person (in Bluewater, so no other test sees the upload): a file
 * that is not an image is refused at the control; an 800 px image uploads, is validated against Amazon's rules and
 * shows the zoom warning with expected vs actual, its thumbnail, and Claude's tags once they arrive.
 */
import sharp from 'sharp';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser.ts';
import { api, apiSignIn } from './canvas-helpers.ts';
import { openPage, poll, snap } from './helpers.ts';

const SLUG = 'bluewater';
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('asset gallery', () => {
  it('uploads an image on the product page and shows its validation per retailer', async () => {
    const { page, pageErrors, close } = await openPage(browser);
    await apiSignIn(page.request, 'owen@bluewater.example');
    const products = await api<{ items: { id: string; sku: string }[] }>(page.request, 'products.list', { companySlug: SLUG, search: 'BW-TWL-WHT' }, 'query');
    const product = products.items.find((p) => p.sku === 'BW-TWL-WHT')!;
    await page.goto(`/supplier/${SLUG}/products/${product.id}`);
    await page.getByTestId('asset-gallery').waitFor();

    await page.getByTestId('asset-file-input').setInputFiles({ name: 'notes.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('not really a picture') });
    await poll(() => page.getByTestId('asset-upload-error').textContent()).toContain('Not an image');
    expect(await page.getByTestId('asset-card').count()).toBe(0);

    // An 800 × 800 packshot on white: fine for Amazon except the zoom recommendation (≥ 1000 px).
    const image = await sharp({ create: { width: 800, height: 800, channels: 3, background: '#ffffff' } })
      .composite([{ input: await sharp({ create: { width: 720, height: 720, channels: 3, background: '#2a4d8f' } }).png().toBuffer(), top: 40, left: 40 }])
      .jpeg({ quality: 92 })
      .toBuffer();
    await page.getByTestId('asset-upload-role').selectOption('main');
    await page.getByTestId('asset-file-input').setInputFiles({ name: 'BW-TWL-WHT_front.jpg', mimeType: 'image/jpeg', buffer: image });
    const card = page.getByTestId('asset-card').filter({ has: page.getByText('BW-TWL-WHT_front.jpg') });
    await card.waitFor();
    await expect.poll(() => card.getAttribute('data-status'), { timeout: 15_000 }).toBe('validated');
    const amazon = card.locator('[data-testid="asset-validation"][data-retailer="amazon_us"]');
    expect(await amazon.getAttribute('data-passed')).toBe('true');
    const zoom = amazon.locator('[data-rule="AMZ_IMG_ZOOM"]');
    expect(await zoom.getAttribute('data-outcome')).toBe('warn');
    expect(await zoom.textContent()).toContain('expected ≥ 1000 px');
    expect(await zoom.textContent()).toContain('got 800');
    expect(await amazon.locator('[data-rule="AMZ_MAIN_WHITE_BG"]').getAttribute('data-outcome')).toBe('pass');
    // Claude's tags (the e2e fake answers tag_image) replace "Tagging…" without a reload.
    await card.getByTestId('asset-tags').waitFor({ timeout: 15_000 });
    await poll(() => card.getByRole('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(320);
    await snap(page, 'asset-gallery');
    expect(pageErrors).toEqual([]);
    await close();
  });
});
