/** Small web-first helpers: every wait is Playwright's or expect.poll's, never a sleep. */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page, Response } from 'playwright-core';
import { expect, inject } from 'vitest';

export const DEMO_PASSWORD = 'ember-demo';
const TIMEOUT = 10_000;

/** A fresh browser context (own cookies) and page, with errors thrown in the page collected for the test to check. */
export async function openPage(browser: Browser, viewport = { width: 1280, height: 800 }): Promise<{ page: Page; pageErrors: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext({ baseURL: inject('baseUrl'), viewport });
  context.setDefaultTimeout(TIMEOUT);
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  return { page, pageErrors, close: () => context.close() };
}

/** expect.poll with a timeout long enough for a network round trip. */
export function poll<T>(fn: () => Promise<T> | T) {
  return expect.poll(fn, { timeout: TIMEOUT });
}

/**
 * Signs in through the form (submitting with Enter) and waits for the page the role lands on in company `landsOn`:
 * its workflows, or for an approver there (`'inbox'`) its approvals.
 */
export async function signIn(page: Page, email: string, landsOn: string, section: 'workflows' | 'inbox' = 'workflows') {
  await page.goto('/');
  await page.waitForURL('**/signin');
  await page.getByTestId('signin-email').fill(email);
  await page.getByTestId('signin-password').fill(DEMO_PASSWORD);
  await page.getByTestId('signin-password').press('Enter');
  await page.waitForURL(`**/supplier/${landsOn}/${section}`);
  if (section === 'workflows') await page.getByTestId('workflow-row').first().waitFor();
  else await page.getByRole('heading', { level: 1, name: /^Approvals/ }).waitFor();
}

export function row(page: Page, name: string): Locator {
  return page.getByTestId('workflow-row').filter({ has: page.getByRole('link', { name, exact: true }) });
}

export function toggleOf(page: Page, name: string): Locator {
  return page.getByRole('switch', { name: `Enable ${name}`, exact: true });
}

/** Clicks a toggle and resolves with the setEnabled response, registering the wait before the click. */
export async function clickToggle(page: Page, toggle: Locator): Promise<Response> {
  const response = page.waitForResponse((r) => r.url().includes('/trpc/workflows.setEnabled') && r.request().method() === 'POST');
  await toggle.click();
  return response;
}

/** Saves a screenshot under test-results/e2e/ when E2E_SCREENSHOTS=1, for looking at the UI by eye. */
export async function snap(page: Page, name: string) {
  if (process.env.E2E_SCREENSHOTS !== '1') return;
  const dir = path.resolve(import.meta.dirname, '../test-results/e2e');
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}
