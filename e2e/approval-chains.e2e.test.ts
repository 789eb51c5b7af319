/**
 * Issue 16 in the browser, by mouse, in Copper Kettle:
 * - Rachel (editor) turns a one-level approval into a two-level chain on the step's panel and publishes it; the
 *   stored config is exactly what chain-config accepts;
 * - Dana (approver) and Priya (admin) each decide their level in the run view's side panel; Hannah (viewer), watching
 *   the same run, sees each level close live, with the decision and its comment; Priya's inbox shows the chain;
 * - Priya adds a company policy in Settings (the form refuses an empty one, under its fields); Rachel's editor marks
 *   the HTTP step that breaks it and keeps Publish shut, the API refuses the publish, and a second level with an
 *   admin lifts the mark. The policy is removed again in Settings.
 * Deletes the workflows it makes and leaves the company without policies (other e2e files share the database).
 */
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { launchBrowser } from './browser.ts';
import { api, saved, selectNode, shot, signedInPage, typeExpression } from './canvas-helpers.ts';
import { poll } from './helpers.ts';

const SLUG = 'copper-kettle';
let browser: Browser;
let rachel: BrowserContext;
let priya: BrowserContext;
const contexts: BrowserContext[] = [];
const created: string[] = [];

const signedIn = (email: string) => signedInPage(browser, email, contexts, { viewport: { width: 1280, height: 900 } });

/** axe-core's serious and critical findings inside one part of the page (what this file adds), by rule and target. */
async function violationsIn(page: Page, selector: string): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).include(selector).analyze();
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const step = (id: string, kind: string, type: string, name: string, x: number, config: Record<string, unknown> = {}) => ({ id, kind, type, name, config, position: { x, y: 120 } });
const GATE = { instructions: 'Check the price change.', assigneeRole: 'approver', timeout: '1h', onTimeout: 'fail', noSelfApproval: true };

async function seed(name: string, third: ReturnType<typeof step>): Promise<{ id: string; revision: number }> {
  const wf = await api<{ id: string; revision: number }>(rachel.request, 'workflows.create', { companySlug: SLUG, name });
  created.push(wf.id);
  const graph = {
    steps: [step('trigger', 'trigger', 'trigger', 'Price changed', 0), step('gate', 'human_gate', 'human_gate', 'Price review', 320, GATE), third],
    edges: [{ id: 'e1', source: 'trigger', target: 'gate', label: null }, { id: 'e2', source: 'gate', target: third.id, label: 'yes' }],
  };
  const saved = await api<{ revision: number }>(rachel.request, 'workflows.saveGraph', { companySlug: SLUG, id: wf.id, expectedRevision: wf.revision, graph });
  return { id: wf.id, revision: saved.revision };
}

beforeAll(async () => {
  browser = await launchBrowser();
  rachel = (await signedIn('rachel@copperkettle.example')).context;
  priya = (await signedIn('priya@copperkettle.example')).context;
});

afterAll(async () => {
  await api(priya.request, 'companies.setApprovalPolicies', { companySlug: SLUG, policies: [] }).catch(() => undefined);
  for (const id of created) await api(rachel.request, 'workflows.delete', { companySlug: SLUG, id }).catch(() => undefined);
  for (const c of contexts) await c.close();
  await browser?.close();
});

describe('approval chains', () => {
  it('an editor makes a two-level chain by mouse; two approvers decide in the side panel while a watcher sees each level close', async () => {
    const members = await api<{ userId: string; name: string }[]>(rachel.request, 'members.list', { companySlug: SLUG }, 'query');
    const dana = members.find((m) => m.name === 'Dana Okafor')!.userId;
    const wf = await seed('Price review chain (approval-chains e2e)', step('apply', 'transform', 'action', 'Apply the price', 640, { mapping: { applied: 'true' } }));

    // Rachel: level 1 is Dana alone, level 2 any admin, each named; then Publish.
    const editor = await signedIn('rachel@copperkettle.example');
    const page = editor.page;
    await page.goto(`/supplier/${SLUG}/workflows/${wf.id}`);
    await selectNode(page, 'gate');
    await page.getByTestId('field-assigneeRole').waitFor();
    await page.getByTestId('levels-add').click();
    await page.getByTestId('level-1').waitFor();
    // The levels replace the assignee: the form no longer offers it.
    expect(await page.getByTestId('field-assigneeRole').count()).toBe(0);
    await page.getByTestId('level-0-name').fill('Catalog');
    await page.getByTestId('level-0-role').selectOption('');
    await page.getByTestId('level-0-deciders').getByLabel(/Dana Okafor/).check();
    await page.getByTestId('level-1-name').fill('Final');
    await page.getByTestId('level-1-role').selectOption('admin');
    await page.getByTestId('level-1-sla').fill('30m');
    await page.getByTestId('level-1-remind').fill('50, 90');
    await poll(() => page.getByTestId('node-gate-summary').textContent()).toBe('2 levels · times out after 1h');
    await poll(() => page.getByTestId('issues-chip').textContent()).toBe('No issues');
    await shot(page, 'approval-chain-form');
    expect(await violationsIn(page, '[data-testid="field-levels"]')).toEqual([]);
    await page.getByTestId('publish').click();
    await page.getByTestId('publish-confirm').click();
    await poll(() => page.getByTestId('published-version').textContent()).toBe('Published v1');
    const stored = await api<{ graph: { steps: { id: string; config: Record<string, unknown> }[] } }>(rachel.request, 'workflows.get', { companySlug: SLUG, id: wf.id }, 'query');
    expect(stored.graph.steps.find((s) => s.id === 'gate')!.config.levels).toEqual([
      { name: 'Catalog', deciders: { userIds: [dana] }, approvals: 'any', onBreach: 'timeout' },
      { name: 'Final', deciders: { role: 'admin' }, approvals: 'any', onBreach: 'timeout', sla: '30m', remindAt: [50, 90] },
    ]);

    const { runId } = await api<{ runId: string }>(rachel.request, 'runs.start', { companySlug: SLUG, workflowId: wf.id, payload: { sku: 'CK-1', price: 12 } });
    const runUrl = `/supplier/${SLUG}/workflows/${wf.id}/runs/${runId}`;
    await vi.waitFor(async () => {
      const run = await api<{ gates: { open: boolean }[] }>(rachel.request, 'runs.get', { companySlug: SLUG, id: runId }, 'query');
      expect(run.gates[0]?.open).toBe(true);
    }, { timeout: 15_000, interval: 100 });

    // Hannah watches the run with the approval's chain open.
    const watcher = await signedIn('hannah@copperkettle.example');
    await watcher.page.goto(runUrl);
    await watcher.page.getByTestId('node-gate').click();
    const levels = watcher.page.getByTestId('gate-level');
    const statuses = () => levels.evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.status));
    await poll(statuses).toEqual(['open', 'waiting']);
    await poll(() => watcher.page.getByTestId('gate-pending').textContent()).toBe('Still to decide: Dana Okafor');

    // Dana decides level 1 in the side panel.
    const danaView = await signedIn('dana@copperkettle.example');
    await danaView.page.goto(runUrl);
    await danaView.page.getByTestId('node-gate').click();
    await danaView.page.getByTestId('gate-comment').fill('New price matches the supplier sheet.');
    await danaView.page.getByTestId('gate-approve').click();
    await poll(() => danaView.page.getByTestId('gate-decided').textContent()).toBe('Approved. Final decides next.');

    // Hannah sees level 1 close and level 2 open, without reloading, with Dana's comment.
    await poll(statuses).toEqual(['approved', 'open']);
    await poll(() => levels.first().getByTestId('gate-vote').textContent()).toBe('Approved by Dana Okafor — “New price matches the supplier sheet.”');
    await shot(watcher.page, 'approval-chain-level-one-closed');

    // Priya's inbox shows the chain: level 1 decided by Dana with her comment, level 2 open for her.
    const admin = await signedIn('priya@copperkettle.example');
    await admin.page.goto(`/supplier/${SLUG}/inbox`);
    const entry = admin.page.locator(`[data-testid="inbox-entry"]`).filter({ has: admin.page.locator(`[data-run-id="${runId}"]`) });
    await poll(() => entry.getByTestId('inbox-chain-level').evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.status))).toEqual(['approved', 'open']);
    expect(await entry.getByTestId('inbox-chain-vote').textContent()).toBe('Approved by Dana Okafor — “New price matches the supplier sheet.”');
    await poll(() => entry.getByTestId('inbox-chain-sla').textContent()).toMatch(/due in (29|30) min/);
    await shot(admin.page, 'approval-chain-inbox');
    expect(await violationsIn(admin.page, '[data-testid="inbox-list"]')).toEqual([]);

    // Priya decides level 2 in the run's side panel; Hannah sees it close and the run finish.
    await admin.page.goto(runUrl);
    await admin.page.getByTestId('node-gate').click();
    await admin.page.getByTestId('gate-approve').click();
    await poll(() => admin.page.getByTestId('gate-decided').getAttribute('data-decision')).toBe('approved');
    await poll(statuses).toEqual(['approved', 'approved']);
    await poll(() => watcher.page.getByTestId('run-status').getAttribute('data-status')).toBe('completed');
    expect([...editor.errors, ...watcher.errors, ...danaView.errors, ...admin.errors]).toEqual([]);
  });

  it("an admin's policy blocks a publish: Settings refuses a bad policy, the canvas marks the step that breaks the saved one", async () => {
    const wf = await seed('Price push (approval-chains e2e)', step('push', 'http_request', 'action', 'Push the price', 640, { method: 'POST', url: 'https://retailer.example/prices', headers: {}, timeoutMs: 5000 }));

    // Priya, in Settings: an empty policy is refused under its fields; then a real one.
    const admin = await signedIn('priya@copperkettle.example');
    const settings = admin.page;
    await settings.goto(`/supplier/${SLUG}/settings`);
    await settings.getByTestId('policies-empty').waitFor();
    await settings.getByTestId('new-policy').click();
    await settings.getByTestId('policy-save').click();
    const dialog = settings.getByTestId('policy-dialog');
    await poll(() => dialog.locator('[data-field-error]').allTextContents()).toEqual(['Name the policy', 'Choose at least one kind of step']);
    await poll(() => settings.getByTestId('policy-name-input').evaluate((el) => el === document.activeElement)).toBe(true);
    await settings.getByTestId('policy-name-input').fill('Two approvals before a price push');
    await settings.getByTestId('policy-kind-http_request').check();
    await settings.getByTestId('policy-min-levels').fill('2');
    await settings.getByTestId('policy-role').selectOption('admin');
    await shot(settings, 'approval-policy-dialog');
    expect(await violationsIn(settings, '[data-testid="policy-dialog"]')).toEqual([]);
    await settings.getByTestId('policy-save').click();
    await poll(() => settings.getByTestId('policy-rule').textContent()).toBe(
      'Every HTTP request step needs an approval with at least 2 levels before it on every path, one of them decided by an admin.',
    );
    // Edited: a bad value is refused under its field; the new name is kept under the same id.
    await settings.getByTestId('edit-policy').click();
    await settings.getByTestId('policy-min-levels').fill('11');
    await settings.getByTestId('policy-save').click();
    await poll(() => dialog.locator('[data-field-error]').allTextContents()).toEqual(['A whole number of levels from 1 to 10']);
    await settings.getByTestId('policy-min-levels').fill('2');
    await settings.getByTestId('policy-name-input').fill('Two approvals before any price push');
    await settings.getByTestId('policy-save').click();
    await poll(() => settings.getByTestId('policy-name').textContent()).toBe('Two approvals before any price push');
    expect(await api(priya.request, 'companies.approvalPolicies', { companySlug: SLUG }, 'query')).toEqual([
      { id: 'two-approvals-before-a-price-push', name: 'Two approvals before any price push', kinds: ['http_request'], minLevels: 2, role: 'admin' },
    ]);

    // Rachel's editor marks the push and names the policy; Publish stays shut, and the API refuses it.
    const editor = await signedIn('rachel@copperkettle.example');
    const page = editor.page;
    await page.goto(`/supplier/${SLUG}/workflows/${wf.id}`);
    await poll(() => page.getByTestId('node-push-policy').textContent()).toBe('Breaks “Two approvals before any price push”');
    await poll(() => page.getByTestId('publish').isDisabled()).toBe(true);
    await page.getByTestId('issues-chip').click();
    await poll(() => page.locator('[data-testid="issue-item"][data-code="POLICY"]').textContent()).toContain('needs an approval with at least 2 levels');
    await shot(page, 'approval-policy-marked');
    expect(await violationsIn(settings, '[data-testid="approval-policies"]')).toEqual([]);
    await expect(api(rachel.request, 'workflows.publish', { companySlug: SLUG, id: wf.id, expectedRevision: wf.revision })).rejects.toThrow(/policy/);

    // A second level, decided by an admin, meets it: the mark goes and Publish opens.
    await selectNode(page, 'gate');
    await page.getByTestId('levels-add').click();
    await page.getByTestId('level-1-role').selectOption('admin');
    await poll(() => page.getByTestId('node-push-policy').count()).toBe(0);
    await poll(() => page.getByTestId('publish').isDisabled()).toBe(false);
    // Its deciders may also be chosen by CEL over the run's data, typed in the expression editor.
    await typeExpression(page, 'level-1-expression', 'event.data.price > 100 ? "admin" : "approver"');
    await saved(page);
    const stored = await api<{ graph: { steps: { id: string; config: { levels?: unknown[] } }[] } }>(rachel.request, 'workflows.get', { companySlug: SLUG, id: wf.id }, 'query');
    expect(stored.graph.steps.find((s) => s.id === 'gate')!.config.levels).toEqual([
      { deciders: { role: 'approver' }, approvals: 'any', onBreach: 'timeout' },
      { deciders: { role: 'admin', expression: 'event.data.price > 100 ? "admin" : "approver"' }, approvals: 'any', onBreach: 'timeout' },
    ]);

    // Priya removes the policy again.
    await settings.getByTestId('remove-policy').click();
    await settings.getByTestId('remove-policy-confirm').click();
    await settings.getByTestId('policies-empty').waitFor();
    expect(await api(priya.request, 'companies.approvalPolicies', { companySlug: SLUG }, 'query')).toEqual([]);
    expect([...admin.errors, ...editor.errors]).toEqual([]);
  });
});
