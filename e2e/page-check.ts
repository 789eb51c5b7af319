/**
 * What every page check needs: wait until a page has settled (its heading shown, nothing loading), save its
 * screenshot under test-results/e2e/pages/, and run axe-core on it, answering the serious and critical
 * violations in a form a failure message can print.
 */
import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from 'playwright-core';
import { poll } from './helpers.ts';

export const PAGES_DIR = path.resolve(import.meta.dirname, '../test-results/e2e/pages');

/** Waits for `ready` and for every loading state (`aria-busy`) to be gone. */
export async function settled(page: Page, ready: Locator) {
  await ready.waitFor({ state: 'visible' });
  await poll(() => page.locator('[aria-busy="true"]').count()).toBe(0);
}

export async function screenshot(page: Page, name: string) {
  fs.mkdirSync(PAGES_DIR, { recursive: true });
  await page.screenshot({ path: path.join(PAGES_DIR, `${name}.png`), fullPage: true });
}

/** "rule-id (impact): target, target …" for each serious or critical violation; empty when there are none. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => `${n.target.join(' ')}${n.failureSummary ? ` — ${n.failureSummary.split('\n').slice(1).join(' ').trim()}` : ''}`).join('\n    ')}`);
}
