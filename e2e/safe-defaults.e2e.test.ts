/**
 * Issue 17, points 6, 7, 8 and 11, in the browser, by mouse and keyboard:
 * - an approval forbids self-approval by default: Owen (admin, Bluewater) starts a run of a workflow whose gate never
 *   set the option, and cannot decide it, in the run view or through the API; Rachel (approver) can;
 * - the company default is a switch in Settings, and a new approval step dropped from the palette takes it;
 * - the HTTP step's form refuses a local or private URL, a URL with a space, a body that is not JSON and a header
 *   name that is no token, as they are typed, under the field;
 * - a name has a counter, a 600-character paste is kept whole and refused with the limit named, and the editor
 *   header shows a long name on one line with an ellipsis and the whole name as its title;
 * - the GTIN reads the same on the product list and the product page; an unknown product says so once and links
 *   back; a viewer's disabled "New workflow" button looks disabled.
 * Deletes the workflows it makes (the smoke test counts them).
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { launchBrowser } from './browser.ts';
import { api, shot, signedInPage } from './canvas-helpers.ts';
import { poll } from './helpers.ts';

const SLUG = 'bluewater';
let browser: Browser;
const contexts: BrowserContext[] = [];
const created: string[] = [];
let owen: BrowserContext;

const contextFor = (email: string, viewport = { width: 1280, height: 800 }) => signedInPage(browser, email, contexts, { viewport });

const step = (id: string, kind: string, type: string, name: string, x: number, config: Record<string, unknown> = {}) => ({ id, kind, type, name, config, position: { x, y: 100 } });

async function newWorkflow(name: string, graph?: unknown): Promise<{ id: string; revision: number }> {
  const wf = await api<{ id: string; revision: number }>(owen.request, 'workflows.create', { companySlug: SLUG, name });
  created.push(wf.id);
  if (!graph) return wf;
  const saved = await api<{ revision: number }>(owen.request, 'workflows.saveGraph', { companySlug: SLUG, id: wf.id, expectedRevision: wf.revision, graph });
  return { id: wf.id, revision: saved.revision };
}

beforeAll(async () => {
  browser = await launchBrowser();
  owen = (await contextFor('owen@bluewater.example')).context;
});

afterAll(async () => {
  for (const id of created) await api(owen.request, 'workflows.delete', { companySlug: SLUG, id }).catch(() => undefined);
  for (const c of contexts) await c.close();
  await browser?.close();
});

describe('safe defaults for approvals', () => {
  it('the starter of a run cannot decide its new approval step; an approver can', async () => {
    // The gate's config never mentions noSelfApproval: what every approval step stored before this option had.
    const graph = {
      steps: [step('trigger', 'trigger', 'trigger', 'Trigger', 0), step('gate', 'human_gate', 'human_gate', 'Check the order', 300, { instructions: 'Check the order total.', assigneeRole: 'approver', timeout: '1h', onTimeout: 'fail' })],
      edges: [{ id: 'e1', source: 'trigger', target: 'gate', label: null }],
    };
    const wf = await newWorkflow('Four eyes (safe-defaults e2e)', graph);
    await api(owen.request, 'workflows.publish', { companySlug: SLUG, id: wf.id, expectedRevision: wf.revision });
    const { runId } = await api<{ runId: string }>(owen.request, 'runs.start', { companySlug: SLUG, workflowId: wf.id, payload: {} });
    type Gate = { taskId: string; open: boolean; blocked: string | null };
    let gate: Gate | undefined;
    await vi.waitFor(async () => {
      gate = (await api<{ gates: Gate[] }>(owen.request, 'runs.get', { companySlug: SLUG, id: runId }, 'query')).gates[0];
      expect(gate?.open).toBe(true);
    }, { timeout: 15_000, interval: 100 });

    // Owen, who started it, is told why he cannot decide, and offered no buttons; the API refuses him too.
    const { page } = await contextFor('owen@bluewater.example');
    await page.goto(`/supplier/${SLUG}/workflows/${wf.id}/runs/${runId}`);
    await page.getByTestId('overview-gate').click();
    await page.getByTestId('gate-panel').waitFor();
    await poll(() => page.getByTestId('gate-blocked').textContent()).toContain('You started this run, so someone else must decide');
    expect(await page.getByTestId('gate-approve').count()).toBe(0);
    await shot(page, 'safe-defaults-self-approval-refused');
    await expect(api(owen.request, 'gates.resolve', { companySlug: SLUG, taskId: gate!.taskId, decision: 'approved' })).rejects.toThrow(/403|someone else must decide/);

    // Rachel, an approver there, decides it with the mouse.
    const rachel = await contextFor('rachel@copperkettle.example');
    await rachel.page.goto(`/supplier/${SLUG}/workflows/${wf.id}/runs/${runId}`);
    await rachel.page.getByTestId('overview-gate').click();
    await rachel.page.getByTestId('gate-approve').click();
    await poll(() => rachel.page.getByTestId('gate-decided').getAttribute('data-decision')).toBe('approved');
  });

  it('the company default is a switch in Settings, and a new approval step takes it', async () => {
    const { page, errors } = await contextFor('owen@bluewater.example');
    const wf = await newWorkflow('Approval defaults (safe-defaults e2e)');
    await page.goto(`/supplier/${SLUG}/settings`);
    const toggle = page.getByRole('switch', { name: 'New approval steps: the starter may not approve' });
    await poll(() => toggle.getAttribute('aria-checked')).toBe('true');
    await toggle.focus();
    await page.keyboard.press('Space');
    await poll(() => toggle.getAttribute('aria-checked')).toBe('false');
    // The switch shows the choice at once; the server has it when the save returns.
    await poll(async () => (await api<{ noSelfApprovalDefault: boolean }>(owen.request, 'companies.settings', { companySlug: SLUG }, 'query')).noSelfApprovalDefault).toBe(false);
    await shot(page, 'safe-defaults-settings-off');

    // In the editor, an approval step added from the palette starts with the company's choice.
    await page.goto(`/supplier/${SLUG}/workflows/${wf.id}`);
    await page.getByTestId('palette-item-human_gate').click();
    await poll(() => page.getByTestId('field-noSelfApproval').isChecked()).toBe(false);

    await page.goto(`/supplier/${SLUG}/settings`);
    await toggle.click();
    await poll(() => toggle.getAttribute('aria-checked')).toBe('true');
    await poll(async () => (await api<{ noSelfApprovalDefault: boolean }>(owen.request, 'companies.settings', { companySlug: SLUG }, 'query')).noSelfApprovalDefault).toBe(true);
    await page.goto(`/supplier/${SLUG}/workflows/${wf.id}`);
    await page.getByTestId('palette-item-human_gate').click();
    await poll(() => page.getByTestId('field-noSelfApproval').isChecked()).toBe(true);
    expect(errors).toEqual([]);
  });

  it('only an admin sees the switch', async () => {
    const { page } = await contextFor('lena@bluewater.example');
    await page.goto(`/supplier/${SLUG}/settings`);
    await page.getByText('Settings are for admins').waitFor();
    expect(await page.getByTestId('approval-defaults').count()).toBe(0);
  });
});

describe('forms that validate like the server', () => {
  it("refuses the HTTP step's bad URL, body and header name as they are typed", async () => {
    const { page, errors } = await contextFor('owen@bluewater.example');
    const wf = await newWorkflow('HTTP form (safe-defaults e2e)');
    await page.goto(`/supplier/${SLUG}/workflows/${wf.id}`);
    await page.getByTestId('palette-item-http_request').click();
    const panel = page.getByTestId('config-panel');
    const url = page.getByTestId('field-url');
    // The message under the URL field (its chrome holds the control and the error).
    const urlError = () => url.locator('xpath=..').locator('[data-field-error]').textContent();

    for (const [typed, message] of [
      ['http://localhost:5432/', 'Localhost is a local name (.localhost), not a public one'],
      ['http://10.0.0.1/', '10.0.0.1 is a private address'],
      ['https://exa mple.com/a b', 'Not a valid URL (it contains a space; encode it as %20)'],
    ] as const) {
      await url.fill('');
      await url.pressSequentially(typed);
      await poll(urlError).toBe(message);
    }
    await url.fill('https://api.example.com/items');
    await poll(() => url.getAttribute('aria-invalid')).toBeNull();

    await page.getByTestId('field-body').fill('{"broken": json, }');
    await poll(() => panel.getByText(/^Not valid JSON: /).count()).toBe(1);
    await page.getByTestId('field-body').fill('{"ok": true}');
    await poll(() => panel.getByText(/^Not valid JSON: /).count()).toBe(0);

    await page.getByTestId('field-headers-add').click();
    await page.getByTestId('field-headers-key-0').pressSequentially('Bad Header:');
    await page.getByTestId('field-headers-value-0').fill('x');
    await poll(() => page.getByTestId('field-headers').textContent()).toMatch(/A header name is letters, digits and .* only, without spaces or a colon/);
    await shot(page, 'safe-defaults-http-form');
    expect(errors).toEqual([]);
  });

  it('counts a name and refuses 600 characters with the limit named, without cutting the paste', async () => {
    const { page } = await contextFor('owen@bluewater.example');
    await page.goto(`/supplier/${SLUG}/workflows`);
    const before = (await api<unknown[] | { items: unknown[] }>(owen.request, 'workflows.list', { companySlug: SLUG }, 'query'));
    const count = (x: unknown[] | { items: unknown[] }) => (Array.isArray(x) ? x : x.items).length;
    await page.getByTestId('new-workflow').click();
    const name = page.getByTestId('create-name');
    await name.fill('Weekly price check');
    await poll(() => page.getByTestId('create-dialog').getByTestId('char-count').first().textContent()).toBe('18 / 120');
    await name.fill('n'.repeat(600));
    expect((await name.inputValue()).length).toBe(600);
    const counter = page.getByTestId('create-dialog').getByTestId('char-count').first();
    await poll(() => counter.getAttribute('data-over')).toBe('true');
    expect(await counter.textContent()).toContain('600 / 120');
    await poll(() => page.getByTestId('create-dialog').locator('[data-field-error]').first().textContent()).toBe('Too long: at most 120 characters (this has 600)');
    await page.getByTestId('create-submit').click();
    await poll(() => name.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(page.url()).toMatch(/\/workflows$/);
    expect(count(await api(owen.request, 'workflows.list', { companySlug: SLUG }, 'query'))).toBe(count(before));
    await shot(page, 'safe-defaults-name-too-long');
  });

  it('shows a long name on one line in the editor header, whole in its tooltip', async () => {
    const long = `Error Resolve ${'and reconcile the supplier feed '.repeat(4)}`.slice(0, 120);
    const wf = await newWorkflow(long);
    const { page } = await contextFor('owen@bluewater.example');
    await page.goto(`/supplier/${SLUG}/workflows/${wf.id}`);
    const title = page.getByTestId('workflow-name');
    await poll(() => title.getAttribute('title')).toBe(long);
    const look = await title.evaluate((el) => {
      const s = getComputedStyle(el);
      return { whiteSpace: s.whiteSpace, overflow: s.textOverflow, lines: Math.round(el.getBoundingClientRect().height / parseFloat(s.lineHeight)), clipped: el.scrollWidth > el.clientWidth };
    });
    expect(look).toEqual({ whiteSpace: 'nowrap', overflow: 'ellipsis', lines: 1, clipped: true });
    await shot(page, 'safe-defaults-long-name-header');
  });
});

describe("point 11's visible fixes", () => {
  it('the GTIN reads the same on the product list and the product page', async () => {
    const { page } = await contextFor('owen@bluewater.example');
    await page.goto(`/supplier/${SLUG}/products`);
    const row = page.getByTestId('product-row').filter({ hasText: 'GTIN' }).first();
    const listed = (await row.textContent())!.match(/GTIN (\d+)/)![1]!;
    await row.getByRole('link').first().click();
    await page.getByTestId('product-title').waitFor();
    await poll(async () => (await page.locator('article').textContent())?.match(/GTIN (\d+)/)?.[1]).toBe(listed);
    await poll(() => page.getByTestId('field-value-gtin').textContent()).toBe(listed);
    expect(listed.startsWith('00')).toBe(false);
  });

  it('an unknown product says so once and links back to the products', async () => {
    const { page } = await contextFor('owen@bluewater.example');
    await page.goto(`/supplier/${SLUG}/products/3f0c5b8e-8e34-4c71-9d8a-0f6a2d1f9c11`);
    await page.getByTestId('not-found').waitFor();
    expect(await page.getByText('Product not found').count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Retry' }).count()).toBe(0);
    await page.getByTestId('not-found-back').click();
    await page.waitForURL(`**/supplier/${SLUG}/products`);
    await page.getByTestId('product-row').first().waitFor();
  });

  it("a viewer's disabled button looks disabled", async () => {
    const { page } = await contextFor('lena@bluewater.example');
    await page.goto(`/supplier/${SLUG}/workflows`);
    const button = page.getByTestId('new-workflow');
    await poll(() => button.isDisabled()).toBe(true);
    const look = await button.evaluate((el) => {
      const probe = document.createElement('button');
      probe.className = 'bg-orange-600';
      document.body.append(probe);
      const orange = getComputedStyle(probe).backgroundColor;
      probe.remove();
      const s = getComputedStyle(el);
      return { sameAsEnabled: s.backgroundColor === orange, shadow: s.boxShadow.includes('rgba(0, 0, 0, 0.05)'), cursor: s.cursor };
    });
    expect(look).toEqual({ sameAsEnabled: false, shadow: false, cursor: 'not-allowed' });
  });
});
