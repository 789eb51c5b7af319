/**
 * The workflow list as an operator uses it: each row's last run (status, linked) and its runs and failures over 7
 * days; search by words (focused with `/`), filters by status and trigger, all kept in the URL across a reload;
 * an empty result says so and clears. The runs are real: a workflow this file publishes, run once to completion and
 * once into a failure (division by zero), deleted afterwards.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { launchBrowser } from './browser.ts';
import { api, apiSignIn, edgeOf, stepOf } from './canvas-helpers.ts';
import { openPage, poll, row, signIn } from './helpers.ts';

const SLUG = 'copper-kettle';
const NAME = 'List e2e: price ratio';

let browser: Browser;
let admin: BrowserContext;
let workflowId = '';
let failedRunId = '';

interface Listed {
  id: string;
  runs7d: number;
  failures7d: number;
  lastRunId: string | null;
  lastRunStatus: string | null;
}

beforeAll(async () => {
  browser = await launchBrowser();
  admin = await browser.newContext({ baseURL: inject('baseUrl') });
  await apiSignIn(admin.request, 'priya@copperkettle.example');
  const wf = await api<{ id: string; revision: number }>(admin.request, 'workflows.create', { companySlug: SLUG, name: NAME, description: 'Divides the total by the count' });
  workflowId = wf.id;
  const graph = {
    steps: [stepOf('trigger', 'trigger', 'trigger', 0, 0, {}, 'By hand'), stepOf('ratio', 'transform', 'action', 320, 0, { mapping: { perUnit: 'event.data.total / event.data.count' } }, 'Per unit')],
    edges: [edgeOf('e1', 'trigger', 'ratio')],
  };
  const saved = await api<{ revision: number }>(admin.request, 'workflows.saveGraph', { companySlug: SLUG, id: wf.id, expectedRevision: wf.revision, graph });
  await api(admin.request, 'workflows.publish', { companySlug: SLUG, id: wf.id, expectedRevision: saved.revision });
  const lastRun = async () => (await api<Listed[]>(admin.request, 'workflows.list', { companySlug: SLUG }, 'query')).find((w) => w.id === workflowId)!.lastRunStatus;
  // vi.waitFor, not expect.poll: a hook is not a test.
  await api(admin.request, 'runs.start', { companySlug: SLUG, workflowId, payload: { total: 10, count: 2 } });
  await vi.waitFor(async () => expect(await lastRun()).toBe('completed'), { timeout: 20_000, interval: 100 });
  failedRunId = (await api<{ runId: string }>(admin.request, 'runs.start', { companySlug: SLUG, workflowId, payload: { total: 10, count: 0 } })).runId;
  await vi.waitFor(async () => expect(await lastRun()).toBe('failed'), { timeout: 20_000, interval: 100 });
});

afterAll(async () => {
  // Loud on failure: a leftover workflow would change the smoke test's Copper Kettle row count.
  if (workflowId) await api(admin.request, 'workflows.delete', { companySlug: SLUG, id: workflowId });
  await admin?.close();
  await browser?.close();
});

const names = (page: Page) => page.getByTestId('workflow-row').evaluateAll((rows) => rows.map((r) => r.querySelector('a')?.textContent ?? ''));

describe('the workflow list', () => {
  it("shows each workflow's last run and its week, and finds workflows by words, status and trigger", async () => {
    const { page, pageErrors, close } = await openPage(browser);
    await signIn(page, 'priya@copperkettle.example', SLUG);
    const ours = row(page, NAME);
    await poll(() => ours.getByTestId('workflow-runs-7d').textContent()).toBe('2 runs');
    expect(await ours.getByTestId('workflow-failures-7d').textContent()).toBe('1 failed');
    expect(await ours.getByTestId('workflow-last-run').getAttribute('data-status')).toBe('failed');
    expect(await row(page, 'Monday Walmart freshness').getByText('Never run').count()).toBe(1);
    const total = (await names(page)).length;

    // `/` focuses the search; every word must match, in any case.
    await page.locator('body').press('/');
    await poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('workflow-search');
    await page.keyboard.type('RATIO price');
    await poll(() => names(page)).toEqual([NAME]);
    expect(await page.getByTestId('workflow-filter-count').textContent()).toContain(`1 of ${total}`);
    await page.waitForURL(/\?q=RATIO\+price$/);
    // The description counts too.
    await page.getByTestId('workflow-search').fill('divides');
    await poll(() => names(page)).toEqual([NAME]);
    await page.getByTestId('workflow-search').press('Escape');
    await poll(() => names(page)).toHaveLength(total);

    // Failed in the last 7 days: ours, not the seeded ones that never ran.
    await page.getByTestId('workflow-status-filter').selectOption('failing');
    await poll(() => names(page)).toContain(NAME);
    expect(await names(page)).not.toContain('Monday Walmart freshness');
    expect(await page.getByTestId('workflow-failures-7d').evaluateAll((els) => els.every((e) => e.textContent !== '0 failed'))).toBe(true);

    // And started by a schedule: nothing is both, which the page says, with a way out.
    await page.getByTestId('workflow-trigger-filter').selectOption('schedule');
    await page.getByText('No workflow matches').waitFor();
    await page.waitForURL((url) => url.searchParams.get('status') === 'failing' && url.searchParams.get('trigger') === 'schedule');
    await page.reload();
    await page.getByText('No workflow matches').waitFor();
    expect(await page.getByTestId('workflow-trigger-filter').inputValue()).toBe('schedule');
    await page.getByTestId('workflow-filters-reset').click();
    await poll(() => names(page)).toHaveLength(total);
    expect(new URL(page.url()).search).toBe('');

    await page.getByTestId('workflow-trigger-filter').selectOption('schedule');
    await poll(() => names(page)).toEqual(['Monday Walmart freshness']);
    await page.getByTestId('workflow-filters-clear').click();
    await poll(() => names(page)).toHaveLength(total);

    // The last run's badge opens that run.
    await ours.getByRole('link', { name: `Last run of ${NAME}` }).click();
    await page.waitForURL(`**/workflows/${workflowId}/runs/${failedRunId}`);
    await page.getByTestId('run-view').waitFor();
    expect(pageErrors).toEqual([]);
    await close();
  });
});
