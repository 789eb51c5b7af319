/**
 * Out of office in the browser, in Copper Kettle: Priya (admin, so she may decide every approval) hands her
 * approvals to Dana (approver) on the Approvals page — a past end is refused under its field first, and Escape
 * closes the dialog with focus back on its button. Dana's inbox says she decides for Priya and lists the approval
 * waiting on Priya "on behalf of" her; Dana approves it in the side panel, and the vote is Priya's, cast by Dana.
 * Priya then takes her approvals back. Leaves no delegation and deletes its workflow (other e2e files share the
 * database).
 */
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { launchBrowser } from './browser.ts';
import { api, shot, signedInPage } from './canvas-helpers.ts';
import { poll } from './helpers.ts';

const SLUG = 'copper-kettle';
let browser: Browser;
const contexts: BrowserContext[] = [];
let created: { id: string; request: BrowserContext['request'] } | null = null;

// UTC in the page too, so the times the page shows can be written here.
const signedIn = (email: string) => signedInPage(browser, email, contexts, { viewport: { width: 1280, height: 900 }, timezoneId: 'UTC' });

async function violationsIn(page: Page, selector: string): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).include(selector).analyze();
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const focusedTestId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
const shown = (iso: string) => new Date(iso).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  const priya = contexts[0];
  if (priya) await api(priya.request, 'gates.delegate', { companySlug: SLUG, delegateUserId: null }).catch(() => undefined);
  if (created) await api(created.request, 'workflows.delete', { companySlug: SLUG, id: created.id }).catch(() => undefined);
  for (const c of contexts) await c.close();
  await browser?.close();
});

describe('out of office', () => {
  it('an approver hands her approvals to another, who decides one on her behalf in the side panel; then she takes them back', async () => {
    const admin = await signedIn('priya@copperkettle.example');
    const rachel = await signedIn('rachel@copperkettle.example');
    const members = await api<{ userId: string; name: string }[]>(admin.context.request, 'members.list', { companySlug: SLUG }, 'query');
    const id = (name: string) => members.find((m) => m.name === name)!.userId;

    // A published workflow whose approval waits on Priya alone, and a run of it waiting there.
    const wf = await api<{ id: string; revision: number }>(rachel.context.request, 'workflows.create', { companySlug: SLUG, name: 'Price review while away (delegation e2e)' });
    created = { id: wf.id, request: rachel.context.request };
    const graph = {
      steps: [
        { id: 'trigger', kind: 'trigger', type: 'trigger', name: 'Price changed', config: {}, position: { x: 0, y: 0 } },
        { id: 'gate', kind: 'human_gate', type: 'human_gate', name: 'Price review', config: { instructions: 'Check the new price.', assigneeUserId: id('Priya Raman'), timeout: '1h', onTimeout: 'fail', noSelfApproval: true }, position: { x: 320, y: 0 } },
      ],
      edges: [{ id: 'e1', source: 'trigger', target: 'gate', label: null }],
    };
    const saved = await api<{ revision: number }>(rachel.context.request, 'workflows.saveGraph', { companySlug: SLUG, id: wf.id, expectedRevision: wf.revision, graph });
    await api(rachel.context.request, 'workflows.publish', { companySlug: SLUG, id: wf.id, expectedRevision: saved.revision });
    const { runId } = await api<{ runId: string }>(rachel.context.request, 'runs.start', { companySlug: SLUG, workflowId: wf.id, payload: { sku: 'CK-7', price: 14 } });
    await vi.waitFor(async () => {
      const run = await api<{ gates: { open: boolean }[] }>(rachel.context.request, 'runs.get', { companySlug: SLUG, id: runId }, 'query');
      expect(run.gates[0]?.open).toBe(true);
    }, { timeout: 15_000, interval: 100 });

    // Priya, on her Approvals page: the dialog refuses an end in the past under "Until", then hands over to Dana.
    const page = admin.page;
    await page.goto(`/supplier/${SLUG}/inbox`);
    await poll(() => page.getByTestId('ooo-status').getAttribute('data-state')).toBe('in');
    await page.getByTestId('ooo-open').click();
    const dialog = page.getByTestId('ooo-dialog');
    await poll(() => focusedTestId(page)).toBe('ooo-delegate');
    await page.keyboard.press('Escape');
    // Gone from the page, not only hidden: Esc closed the owner's state too, so the opener opens it again at once.
    await page.getByTestId('ooo-delegate').waitFor({ state: 'detached' });
    await poll(() => focusedTestId(page)).toBe('ooo-open');

    await page.keyboard.press('Enter');
    await poll(() => focusedTestId(page)).toBe('ooo-delegate');
    await page.getByTestId('ooo-delegate').selectOption({ label: 'Dana Okafor · Approver' });
    const minute = (ms: number) => new Date(Math.floor((Date.now() + ms) / 60_000) * 60_000).toISOString();
    await page.getByTestId('ooo-until').fill(minute(-86_400_000).slice(0, 16));
    await page.getByTestId('ooo-until').press('Enter');
    await poll(() => dialog.locator('[data-field-error]').allTextContents()).toEqual(['The end is in the past']);
    await poll(() => focusedTestId(page)).toBe('ooo-until');
    await shot(page, 'out-of-office-dialog');
    expect(await violationsIn(page, '[data-testid="ooo-dialog"]')).toEqual([]);
    const until = minute(2 * 86_400_000);
    await page.getByTestId('ooo-until').fill(until.slice(0, 16));
    await page.getByTestId('ooo-until').press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    await poll(() => page.getByTestId('ooo-status').textContent()).toBe(`Your approvals go to Dana Okafor until ${shown(until)}.`);
    await poll(() => focusedTestId(page)).toBe('ooo-open');
    expect(await api(admin.context.request, 'gates.myDelegation', { companySlug: SLUG }, 'query')).toMatchObject({ userId: id('Dana Okafor'), endsAt: until, active: true });

    // Dana's inbox: she decides for Priya, and Priya's approval is there "on behalf of" her.
    const dana = await signedIn('dana@copperkettle.example');
    await dana.page.goto(`/supplier/${SLUG}/inbox`);
    await poll(() => dana.page.getByTestId('ooo-stand-in').textContent()).toBe(`You decide for Priya Raman until ${shown(until)}. Their approvals show here, marked “on behalf of”.`);
    const entry = dana.page.getByTestId('inbox-entry').filter({ has: dana.page.locator(`[data-run-id="${runId}"]`) });
    await poll(() => entry.getByTestId('inbox-on-behalf').textContent()).toBe('on behalf of Priya Raman');
    expect(await violationsIn(dana.page, '[data-testid="ooo"]')).toEqual([]);

    // She opens it beside the list and approves it as Priya.
    await entry.getByTestId('inbox-item').click();
    const panel = dana.page.getByTestId('inbox-detail');
    await poll(() => panel.getByTestId('gate-decide-as').locator('option:checked').textContent()).toBe('On behalf of Priya Raman');
    await panel.getByTestId('gate-comment').fill('Price matches the sheet; decided for Priya.');
    await panel.getByTestId('gate-approve').click();
    await poll(() => panel.getByTestId('gate-decided').getAttribute('data-decision')).toBe('approved');
    await shot(dana.page, 'out-of-office-decided');
    await vi.waitFor(async () => {
      const run = await api<{ run: { status: string }; gates: { chain: { levels: { votes: { userId: string; castBy: string; decision: string }[] }[] } }[] }>(rachel.context.request, 'runs.get', { companySlug: SLUG, id: runId }, 'query');
      expect(run.run.status).toBe('completed');
      expect(run.gates[0]!.chain.levels[0]!.votes).toMatchObject([{ userId: id('Priya Raman'), castBy: id('Dana Okafor'), decision: 'approved' }]);
    }, { timeout: 15_000, interval: 100 });

    // Priya is back: one click takes her approvals back, and focus stays on the page's button.
    await page.getByTestId('ooo-clear').click();
    await poll(() => page.getByTestId('ooo-status').getAttribute('data-state')).toBe('in');
    await poll(() => focusedTestId(page)).toBe('ooo-open');
    expect(await api(admin.context.request, 'gates.myDelegation', { companySlug: SLUG }, 'query')).toBeNull();
    expect(await api(dana.context.request, 'gates.delegatedToMe', { companySlug: SLUG }, 'query')).toEqual([]);
    expect([...admin.errors, ...dana.errors]).toEqual([]);
  });
});
