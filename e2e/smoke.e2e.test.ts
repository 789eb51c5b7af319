import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser.ts';
import { clickToggle, openPage, poll, row, signIn, snap, toggleOf } from './helpers.ts';

const SEEDED = ['Post-enrichment review & publish', 'Content-change guard', 'Monday Walmart freshness', 'New product: images, enrichment and review'];

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('client shell', () => {
  it('signs in, toggles a workflow durably, switches company and signs out', async () => {
    const { page, pageErrors, close } = await openPage(browser);
    // companies.mine is ordered by name, so Rachel's first company is Bluewater, where she is an approver: she
    // lands on the approvals waiting for her, and finds the workflows in the sidebar.
    await signIn(page, 'rachel@copperkettle.example', 'bluewater', 'inbox');
    await poll(() => page.getByTestId('user-name').textContent()).toBe('Rachel Kim');
    await page.getByTestId('nav-workflows').click();
    await page.waitForURL('**/supplier/bluewater/workflows');
    await row(page, 'New product intake').waitFor({ state: 'visible' });
    expect(await toggleOf(page, 'New product intake').isDisabled()).toBe(true);

    await page.getByTestId('company-switcher').selectOption({ label: 'Copper Kettle Brands, Inc.' });
    await page.waitForURL('**/supplier/copper-kettle/workflows');
    await poll(() => page.getByTestId('workflow-row').count()).toBe(4);
    for (const name of SEEDED) await row(page, name).waitFor({ state: 'visible' });
    await snap(page, 'workflows-editor');

    const monday = toggleOf(page, 'Monday Walmart freshness');
    expect(await monday.getAttribute('aria-checked')).toBe('false');
    const on = await clickToggle(page, monday);
    expect(on.ok()).toBe(true);
    await poll(() => monday.getAttribute('aria-checked')).toBe('true');

    await page.reload();
    await row(page, 'Monday Walmart freshness').waitFor();
    await poll(() => monday.getAttribute('aria-checked')).toBe('true');

    const off = await clickToggle(page, monday);
    expect(off.ok()).toBe(true);
    await poll(() => monday.getAttribute('aria-checked')).toBe('false');
    expect(await page.getByTestId('workflow-row-error').count()).toBe(0);

    // Switching company lands where her role there works: Bluewater's approvals.
    await page.getByTestId('company-switcher').selectOption({ label: 'Bluewater Home Co.' });
    await page.waitForURL('**/supplier/bluewater/inbox');
    await page.getByTestId('nav-workflows').click();
    await page.waitForURL('**/supplier/bluewater/workflows');
    await row(page, 'New product intake').waitFor({ state: 'visible' });
    // Rachel only approves at Bluewater, so she may look but not switch workflows on or off.
    expect(await toggleOf(page, 'New product intake').isDisabled()).toBe(true);
    expect(await page.getByTestId('workflow-row').count()).toBe(1);
    await snap(page, 'workflows-bluewater-approver');

    await page.getByTestId('sign-out').click();
    await page.waitForURL('**/signin');
    await page.getByTestId('signin-email').waitFor({ state: 'visible' });
    await page.reload();
    await page.getByTestId('signin-email').waitFor({ state: 'visible' });
    expect(pageErrors).toEqual([]);
    await close();
  });

  it('shows a viewer every toggle disabled', async () => {
    const { page, pageErrors, close } = await openPage(browser);
    await page.goto('/signin');
    await page.getByTestId('signin-email').fill('hannah@copperkettle.example');
    await page.getByTestId('signin-password').fill('not-her-password');
    await page.getByTestId('signin-submit').click();
    await poll(() => page.getByTestId('signin-error').textContent()).toBe('Wrong email or password');
    await snap(page, 'signin-error');

    await signIn(page, 'hannah@copperkettle.example', 'copper-kettle');
    const toggles = page.getByTestId('workflow-toggle');
    await poll(() => toggles.count()).toBe(4);
    await poll(() => toggles.evaluateAll((els) => els.map((el) => (el as HTMLButtonElement).disabled))).toEqual([true, true, true, true]);
    expect(await page.getByTestId('new-workflow').isDisabled()).toBe(true);
    await snap(page, 'workflows-viewer');
    expect(pageErrors).toEqual([]);
    await close();
  });

  it('creates a workflow through the dialog, and refuses to enable it before it is published', async () => {
    const { page, pageErrors, close } = await openPage(browser);
    await signIn(page, 'owen@bluewater.example', 'bluewater');
    const dialog = page.getByTestId('create-dialog');
    const name = page.getByTestId('create-name');

    await page.getByTestId('new-workflow').click();
    await dialog.waitFor({ state: 'visible' });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    await page.getByTestId('new-workflow').click();
    await dialog.waitFor({ state: 'visible' });
    await poll(() => name.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.getByTestId('create-submit').click();
    await poll(() => name.getAttribute('aria-invalid')).toBe('true');
    await dialog.getByText('A workflow needs a name').waitFor({ state: 'visible' });
    await snap(page, 'create-dialog-error');

    await name.fill('Quarterly supplier audit');
    await page.getByTestId('create-submit').click();
    await page.waitForURL(/\/supplier\/bluewater\/workflows\/[0-9a-f-]{36}$/);
    await poll(() => page.getByTestId('workflow-name').textContent()).toBe('Quarterly supplier audit');
    await poll(() => page.getByTestId('workflow-step-count').textContent()).toBe('1');
    await snap(page, 'workflow-placeholder');

    await page.getByRole('link', { name: 'Back to workflows' }).click();
    await page.waitForURL('**/supplier/bluewater/workflows');
    const created = toggleOf(page, 'Quarterly supplier audit');
    const refused = await clickToggle(page, created);
    expect(refused.ok()).toBe(false);
    const error = row(page, 'Quarterly supplier audit').getByTestId('workflow-row-error');
    await poll(() => error.textContent()).toBe('Publish the workflow before enabling it');
    await poll(() => created.getAttribute('aria-checked')).toBe('false');
    await snap(page, 'workflows-row-error');
    expect(pageErrors).toEqual([]);
    await close();
  });

  it('says so for a company you are not in, and recovers from a failed load with Retry', async () => {
    const { page, pageErrors, close } = await openPage(browser);
    await signIn(page, 'priya@copperkettle.example', 'copper-kettle');

    await page.goto('/supplier/bluewater/workflows');
    await page.getByText('You are not a member of this company').waitFor({ state: 'visible' });
    expect(await page.getByTestId('workflow-row').count()).toBe(0);
    await snap(page, 'not-member');

    // The network drops every list request until we let it through again.
    await page.route('**/trpc/*workflows.list*', (route) => route.abort('connectionfailed'));
    await page.goto('/supplier/copper-kettle/workflows');
    const retry = page.getByRole('button', { name: 'Retry' });
    await retry.waitFor({ state: 'visible' });
    await page.getByText('Could not load workflows').waitFor({ state: 'visible' });
    await snap(page, 'list-error');
    await page.unroute('**/trpc/*workflows.list*');
    await retry.click();
    await poll(() => page.getByTestId('workflow-row').count()).toBe(4);
    expect(pageErrors).toEqual([]);
    await close();
  });
});
