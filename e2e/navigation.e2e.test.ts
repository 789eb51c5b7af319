/**
 * The sidebar: every section the role may use is on screen (inside the viewport, not covered, not scrolled away) at
 * 1024 × 768 and 1920 × 1080, folded or not; each is reached with Tab in the order shown and opened with Enter,
 * which marks it current; and each role lands where its work is (an approver on Approvals, with the waiting count
 * in sight).
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from './browser.ts';
import { api, apiSignIn, stepNodes } from './canvas-helpers.ts';
import { openPage, poll, signIn } from './helpers.ts';

const ADMIN_SECTIONS = ['workflows', 'runs', 'approvals', 'products', 'tasks', 'suggestions', 'monitoring', 'metrics', 'settings'];
const PATH_OF: Record<string, string> = { approvals: 'inbox' };

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** In the viewport and the topmost thing at its centre: what a person actually sees. */
function onScreen(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return false;
    if (r.left < 0 || r.top < 0 || r.right > window.innerWidth || r.bottom > window.innerHeight) return false;
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return hit !== null && (hit === el || el.contains(hit));
  });
}

async function sectionsOnScreen(page: Page): Promise<string[]> {
  const seen: string[] = [];
  for (const s of ADMIN_SECTIONS) if (await onScreen(page.getByTestId(`nav-${s}`))) seen.push(s);
  return seen;
}

const activeTestId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName ?? null);

describe('the sidebar', () => {
  for (const viewport of [
    { width: 1024, height: 768 },
    { width: 1920, height: 1080 },
  ]) {
    it(`shows every section at ${viewport.width} × ${viewport.height}, folded or not`, async () => {
      const { page, pageErrors, close } = await openPage(browser, viewport);
      await signIn(page, 'priya@copperkettle.example', 'copper-kettle');
      await page.getByTestId('nav-settings').waitFor();
      expect(await sectionsOnScreen(page)).toEqual(ADMIN_SECTIONS);
      // Each section is named for assistive technology by its label alone (plus the count on Approvals).
      expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Monitoring', exact: true }).count()).toBe(1);

      // Folded to icons, every section is still there, named, and the fold survives a reload.
      await page.getByTestId('sidebar-toggle').click();
      await poll(() => page.getByTestId('sidebar').getAttribute('data-collapsed')).toBe('true');
      expect(await sectionsOnScreen(page)).toEqual(ADMIN_SECTIONS);
      expect(await page.getByRole('link', { name: 'Metrics', exact: true }).count()).toBe(1);
      const folded = await page.getByTestId('sidebar').evaluate((el) => el.getBoundingClientRect().width);
      expect(folded).toBeLessThan(80);
      await page.reload();
      await page.getByTestId('nav-workflows').waitFor();
      expect(await page.getByTestId('sidebar').getAttribute('data-collapsed')).toBe('true');
      expect(await sectionsOnScreen(page)).toEqual(ADMIN_SECTIONS);
      await page.getByTestId('sidebar-toggle').click();
      await poll(() => page.getByTestId('sidebar').getAttribute('data-collapsed')).toBe('false');
      expect(pageErrors).toEqual([]);
      await close();
    });
  }

  it('folds on the editor to give the canvas room, every section still in sight, and unfolds on demand', async () => {
    const { page, pageErrors, close } = await openPage(browser, { width: 1024, height: 768 });
    await signIn(page, 'priya@copperkettle.example', 'copper-kettle');
    expect(await page.getByTestId('sidebar').getAttribute('data-collapsed')).toBe('false');
    await page.getByTestId('workflow-row').first().getByRole('link').first().click();
    await stepNodes(page).first().waitFor();
    expect(await page.getByTestId('sidebar').getAttribute('data-collapsed')).toBe('true');
    expect(await sectionsOnScreen(page)).toEqual(ADMIN_SECTIONS);
    const left = async () => (await page.getByTestId('canvas').boundingBox())!.x;
    const foldedLeft = await left();

    await page.getByTestId('sidebar-toggle').click();
    await poll(() => page.getByTestId('sidebar').getAttribute('data-collapsed')).toBe('false');
    await poll(left).toBeGreaterThan(foldedLeft + 100);
    expect(await sectionsOnScreen(page)).toEqual(ADMIN_SECTIONS);

    // Back on a list page the sidebar is as the user left it there: unfolded.
    await page.getByTestId('nav-workflows').click();
    await page.getByTestId('workflow-row').first().waitFor();
    expect(await page.getByTestId('sidebar').getAttribute('data-collapsed')).toBe('false');
    expect(pageErrors).toEqual([]);
    await close();
  });

  it('reaches every section with Tab, in the order shown, and opens it with Enter', async () => {
    const { page, pageErrors, close } = await openPage(browser, { width: 1024, height: 768 });
    await signIn(page, 'priya@copperkettle.example', 'copper-kettle');
    expect(await page.getByTestId('nav-workflows').getAttribute('aria-current')).toBe('page');

    // From the top of the page: skip link, home, fold, company, then the first section.
    await page.locator('body').focus();
    let presses = 0;
    while ((await activeTestId(page)) !== 'nav-workflows' && presses < 10) {
      await page.keyboard.press('Tab');
      presses++;
    }
    expect(await activeTestId(page)).toBe('nav-workflows');

    for (const section of ADMIN_SECTIONS.slice(1)) {
      await page.keyboard.press('Tab');
      expect(await activeTestId(page)).toBe(`nav-${section}`);
      await page.keyboard.press('Enter');
      await page.waitForURL(`**/supplier/copper-kettle/${PATH_OF[section] ?? section}`);
      await poll(() => page.getByTestId(`nav-${section}`).getAttribute('aria-current')).toBe('page');
      expect(await page.locator('[aria-current="page"]').count()).toBe(1);
      await page.getByRole('heading', { level: 1 }).waitFor();
    }
    expect(pageErrors).toEqual([]);
    await close();
  });

  it('skips to the content with the first Tab', async () => {
    const { page, close } = await openPage(browser, { width: 1280, height: 800 });
    await signIn(page, 'priya@copperkettle.example', 'copper-kettle');
    await page.locator('body').focus();
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to content' });
    expect(await onScreen(skip)).toBe(true);
    await page.keyboard.press('Enter');
    await poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main');
    await close();
  });
});

describe('landing', () => {
  it('an approver signs in on Approvals, the waiting count in sight; an editor lands on Workflows', async () => {
    // Something to approve: a run of Bluewater's intake waits at its approval step for Rachel's role.
    const owen = await browser.newContext({ baseURL: inject('baseUrl') });
    await apiSignIn(owen.request, 'owen@bluewater.example');
    const workflows = await api<{ id: string; name: string }[]>(owen.request, 'workflows.list', { companySlug: 'bluewater' }, 'query');
    const intake = workflows.find((w) => w.name === 'New product intake')!;
    await api(owen.request, 'runs.start', { companySlug: 'bluewater', workflowId: intake.id, payload: { productIds: [] } });
    await owen.close();

    const { page, pageErrors, close } = await openPage(browser, { width: 1024, height: 768 });
    // Rachel approves at Bluewater, her first company by name.
    await signIn(page, 'rachel@copperkettle.example', 'bluewater', 'inbox');
    expect(await page.getByTestId('nav-approvals').getAttribute('aria-current')).toBe('page');
    const count = page.getByTestId('nav-approvals').getByTestId('approvals-count');
    await count.waitFor({ timeout: 20_000 });
    expect(Number((await count.textContent())?.replace(/\D/g, ''))).toBeGreaterThanOrEqual(1);
    expect(await onScreen(count)).toBe(true);
    // Settings is for admins: not offered to her.
    expect(await page.getByTestId('nav-settings').count()).toBe(0);

    // At Copper Kettle she edits: switching company lands on its workflows.
    await page.getByTestId('company-switcher').selectOption({ label: 'Copper Kettle Brands, Inc.' });
    await page.waitForURL('**/supplier/copper-kettle/workflows');
    expect(await page.getByTestId('nav-workflows').getAttribute('aria-current')).toBe('page');
    expect(pageErrors).toEqual([]);
    await close();
  });

  it('an approver who opens / lands on Approvals too', async () => {
    const { page, close } = await openPage(browser);
    await signIn(page, 'dana@copperkettle.example', 'copper-kettle', 'inbox');
    await page.goto('/');
    await page.waitForURL('**/supplier/copper-kettle/inbox');
    await page.getByRole('heading', { level: 1, name: /^Approvals/ }).waitFor();
    await close();
  });
});
