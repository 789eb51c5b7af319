/**
 * Notifications in the browser: a run's approval waits on Dana, and the bell in her sidebar counts it; the list opens
 * from the keyboard, closes with Escape (focus back on the bell), and its item opens the run and is marked read.
 * An admin's webhook URL that the SSRF rules refuse is refused under its field in Settings.
 * Deletes the workflow it makes; leaves the company without a webhook (other e2e files share the database).
 */
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser.ts';
import { api, signedInPage } from './canvas-helpers.ts';
import { poll } from './helpers.ts';

const SLUG = 'copper-kettle';
let browser: Browser;
const contexts: BrowserContext[] = [];
const created: string[] = [];
let rachel: BrowserContext;
let priya: BrowserContext;

const signedIn = (email: string) => signedInPage(browser, email, contexts, { viewport: { width: 1280, height: 900 } });

beforeAll(async () => {
  browser = await launchBrowser();
  rachel = (await signedIn('rachel@copperkettle.example')).context;
  priya = (await signedIn('priya@copperkettle.example')).context;
});

afterAll(async () => {
  await api(priya.request, 'notifications.setWebhook', { companySlug: SLUG, webhook: null }).catch(() => undefined);
  for (const id of created) await api(rachel.request, 'workflows.delete', { companySlug: SLUG, id }).catch(() => undefined);
  for (const c of contexts) await c.close();
  await browser?.close();
});

describe('notifications', () => {
  it('a decider sees the bell count a decision waiting on them, opens the list by keyboard, and its item opens the run', async () => {
    const members = await api<{ userId: string; name: string }[]>(rachel.request, 'members.list', { companySlug: SLUG }, 'query');
    const dana = members.find((m) => m.name === 'Dana Okafor')!.userId;
    const name = 'Price review (notifications e2e)';
    const wf = await api<{ id: string; revision: number }>(rachel.request, 'workflows.create', { companySlug: SLUG, name });
    created.push(wf.id);
    const step = (id: string, kind: string, type: string, stepName: string, x: number, config: Record<string, unknown> = {}) => ({ id, kind, type, name: stepName, config, position: { x, y: 120 } });
    const graph = {
      steps: [
        step('trigger', 'trigger', 'trigger', 'Price changed', 0),
        step('gate', 'human_gate', 'human_gate', 'Check the price', 320, { instructions: 'Check it.', timeout: '1h', onTimeout: 'fail', noSelfApproval: true, levels: [{ name: 'Pricing', deciders: { userIds: [dana] }, approvals: 'any', onBreach: 'timeout' }] }),
      ],
      edges: [{ id: 'e1', source: 'trigger', target: 'gate', label: null }],
    };
    const saved = await api<{ revision: number }>(rachel.request, 'workflows.saveGraph', { companySlug: SLUG, id: wf.id, expectedRevision: wf.revision, graph });
    await api(rachel.request, 'workflows.publish', { companySlug: SLUG, id: wf.id, expectedRevision: saved.revision });

    const { context, page, errors } = await signedIn('dana@copperkettle.example');
    const unread = () => api<{ unread: number }>(context.request, 'notifications.unreadCount', { companySlug: SLUG }, 'query').then((r) => r.unread);
    const before = await unread();
    const { runId } = await api<{ runId: string }>(rachel.request, 'runs.start', { companySlug: SLUG, workflowId: wf.id, payload: {} });
    await poll(unread).toBe(before + 1);

    await page.goto(`/supplier/${SLUG}/inbox`);
    const bell = page.getByTestId('notifications-bell');
    await poll(() => page.getByTestId('notifications-count').textContent()).toBe(before + 1 > 99 ? '99+' : String(before + 1));
    expect(await bell.getAttribute('aria-label')).toBe(`Notifications, ${before + 1} unread`);

    await bell.focus();
    await page.keyboard.press('Enter');
    const panel = page.getByRole('dialog', { name: 'Notifications' });
    await panel.waitFor();
    const item = panel.getByTestId('notification-item').filter({ hasText: `"Check the price" in ${name} waits for your decision (Pricing)` });
    await item.waitFor();
    expect(await item.getAttribute('data-unread')).toBe('true');
    expect(await item.getAttribute('href')).toBe(`/supplier/${SLUG}/workflows/${wf.id}/runs/${runId}`);
    const { violations } = await new AxeBuilder({ page }).include('[data-testid="notifications-panel"]').analyze();
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('notifications-bell');

    await bell.click();
    await item.click();
    await page.waitForURL(`**/supplier/${SLUG}/workflows/${wf.id}/runs/${runId}`);
    await poll(unread).toBe(before);
    expect(errors).toEqual([]);
    await api(rachel.request, 'runs.cancel', { companySlug: SLUG, id: runId }).catch(() => undefined);
  });

  it('an admin is told under the field when the webhook URL is a private address', async () => {
    const { page, errors } = await signedIn('priya@copperkettle.example');
    await page.goto(`/supplier/${SLUG}/settings`);
    const section = page.getByTestId('notification-webhook');
    // Loaded: the link base starts as the address the admin opened Ember at.
    await poll(() => section.getByTestId('webhook-link-base').inputValue()).toBe(new URL(page.url()).origin);
    await section.getByRole('textbox', { name: 'Webhook URL' }).fill('http://10.0.0.7/hook');
    await section.getByTestId('webhook-save').click();
    await section.getByText('10.0.0.7 is a private address').waitFor();
    expect(await section.getByRole('textbox', { name: 'Webhook URL' }).getAttribute('aria-invalid')).toBe('true');
    expect(await api(priya.request, 'notifications.webhook', { companySlug: SLUG }, 'query')).toEqual({ webhook: null });
    expect(errors).toEqual([]);
  });
});
