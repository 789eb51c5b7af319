/**
 * Metrics, heatmap and replay in the browser, on runs made for the test in Bluewater (Owen, admin): a workflow
 * whose "Price per unit" step divides by the payload's count, run three times, twice with count 0 (fails) and
 * once with 2. The dashboard shows it and drills down to its runs and exports CSV; the editor's heatmap colours
 * the failing step red and the healthy one green; the run view's replay slider moves the failing step through
 * pending, running and failed, and compares two runs side by side. Screenshots under test-results/e2e/.
 * Deletes its workflow afterwards (the smoke test counts workflows).
 */
import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import type { Graph } from '../shared/graph/schema.ts';
import { launchBrowser } from './browser.ts';
import { api, apiSignIn, shot } from './canvas-helpers.ts';
import { poll } from './helpers.ts';

const SLUG = 'bluewater';
let browser: Browser;
let context: BrowserContext;
let page: Page;
let workflowId = '';
const runIds: string[] = [];
const errors: string[] = [];

const s = (id: string, kind: string, type: Graph['steps'][number]['type'], name: string, x: number, y: number, config: Record<string, unknown> = {}) => ({ id, kind, type, name, config, position: { x, y } });
const GRAPH: Graph = {
  steps: [
    s('trigger', 'trigger', 'trigger', 'Invoice received', 0, 100),
    s('prep', 'transform', 'action', 'Read the invoice', 300, 100, { mapping: { count: 'event.data.count' } }),
    s('ratio', 'transform', 'action', 'Price per unit', 600, 100, { mapping: { perUnit: 'event.data.total / event.data.count' } }),
  ],
  edges: [{ id: 'e1', source: 'trigger', target: 'prep', label: null }, { id: 'e2', source: 'prep', target: 'ratio', label: null }],
};

beforeAll(async () => {
  browser = await launchBrowser();
  context = await browser.newContext({ baseURL: inject('baseUrl'), viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  context.setDefaultTimeout(10_000);
  await apiSignIn(context.request, 'owen@bluewater.example');
  const wf = await api<{ id: string; revision: number }>(context.request, 'workflows.create', { companySlug: SLUG, name: 'Invoice metrics (metrics e2e)' });
  workflowId = wf.id;
  const saved = await api<{ revision: number }>(context.request, 'workflows.saveGraph', { companySlug: SLUG, id: wf.id, expectedRevision: wf.revision, graph: GRAPH });
  await api(context.request, 'workflows.publish', { companySlug: SLUG, id: wf.id, expectedRevision: saved.revision });
  for (const count of [0, 2, 0]) {
    runIds.push((await api<{ runId: string }>(context.request, 'runs.start', { companySlug: SLUG, workflowId, payload: { total: 120, count } })).runId);
  }
  for (const id of runIds) {
    // Waits on the run's real state (no expect.poll outside a test).
    await vi.waitFor(async () => expect((await api<{ run: { status: string } }>(context.request, 'runs.get', { companySlug: SLUG, id }, 'query')).run.status).toMatch(/^(completed|failed)$/), { timeout: 15_000, interval: 100 });
  }
  page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
});

afterAll(async () => {
  if (workflowId) await api(context.request, 'workflows.delete', { companySlug: SLUG, id: workflowId });
  await context?.close();
  await browser?.close();
});

describe('metrics, heatmap and replay', () => {
  it('the dashboard charts the runs, drills down to them and exports CSV', async () => {
    await page.goto(`/supplier/${SLUG}/workflows`);
    await page.getByTestId('nav-metrics').click();
    await page.waitForURL(`**/supplier/${SLUG}/metrics`);
    const bar = page.getByTestId('chart-steps-per-run-bar').and(page.locator(`[data-key="${workflowId}"]`));
    await poll(() => bar.getAttribute('title')).toContain('3 runs');
    await bar.click();
    await poll(() => page.getByTestId('metrics-drill-row').count()).toBe(3);
    expect(await page.getByTestId('metrics-drill').getByRole('link').first().getAttribute('href')).toMatch(new RegExp(`/workflows/${workflowId}/runs/[0-9a-f-]{36}$`));
    const download = page.waitForEvent('download');
    await page.getByTestId('metric-avg_steps_per_run-csv').click();
    const file = await (await download).path();
    const csv = fs.readFileSync(file!, 'utf8');
    expect(csv.split('\r\n')[0]).toBe('workflow_id,workflow,runs,steps,avg_steps');
    expect(csv).toContain(`${workflowId},Invoice metrics (metrics e2e),3,`);
    await shot(page, 'metrics-dashboard');
    // The Prometheus endpoint, scraped from loopback with no EMBER_METRICS_TOKEN set: open, and it counts these runs.
    const prom = await context.request.get('/metrics');
    expect(prom.status()).toBe(200);
    expect(prom.headers()['content-type']).toContain('text/plain; version=0.0.4');
    const started = /^ember_function_runs_started_total\{function="ember-workflows-workflow-executor"\} (\d+)$/m.exec(await prom.text());
    expect(Number(started?.[1])).toBeGreaterThanOrEqual(3);
  });

  it('the heatmap toggle colours steps by failure rate from the runs', async () => {
    await page.goto(`/supplier/${SLUG}/workflows/${workflowId}`);
    await page.getByTestId('node-ratio').waitFor();
    expect(await page.getByTestId('node-ratio').getAttribute('data-heat')).toBeNull();
    await page.getByTestId('heatmap-toggle').click();
    // 2 of 3 runs failed at "Price per unit": past the 50% top of the scale, so full red; "Read the invoice" never failed.
    await poll(() => page.getByTestId('node-ratio').getAttribute('data-heat')).toBe('1.000');
    expect(await page.getByTestId('node-prep').getAttribute('data-heat')).toBe('0.000');
    expect(await page.getByTestId('node-ratio-heat').textContent()).toBe('66.7% failed');
    expect(await page.getByTestId('node-ratio').getAttribute('title')).toContain('3 runs, 3 finished, 2 failed (66.7%)');
    expect(await page.getByTestId('heatmap-runs').textContent()).toContain('Over 3 runs');
    await shot(page, 'metrics-heatmap');
    await page.getByTestId('heatmap-mode').selectOption('p95_duration');
    await poll(() => page.getByTestId('node-ratio-heat').textContent()).toMatch(/^p95 /);
  });

  it('the replay slider moves a step through its recorded states; two runs side by side', async () => {
    const failed = runIds[0]!;
    const history = await api<{ transitions: { stepId: string; status: string; at: string }[] }>(context.request, 'metrics.runHistory', { companySlug: SLUG, id: failed }, 'query');
    const start = Math.min(...history.transitions.map((t) => Date.parse(t.at)));
    const ratio = history.transitions.filter((t) => t.stepId === 'ratio');
    expect(ratio.map((t) => t.status)).toContain('failed');
    await page.goto(`/supplier/${SLUG}/workflows/${workflowId}/runs/${failed}`);
    await poll(() => page.getByTestId('node-ratio').getAttribute('data-status')).toBe('failed');
    await page.getByTestId('replay-open').click();
    const slider = page.getByTestId('replay-slider');
    await slider.waitFor();
    const seen: string[] = [];
    await slider.fill('0');
    await poll(() => page.getByTestId('node-ratio').getAttribute('data-status')).toBe('pending');
    seen.push('pending');
    for (const t of ratio) {
      await slider.fill(String(Date.parse(t.at) - start));
      await poll(() => page.getByTestId('node-ratio').getAttribute('data-step-status')).toBe(t.status);
      if (seen.at(-1) !== t.status) seen.push(t.status);
    }
    expect(seen[0]).toBe('pending');
    expect(seen.at(-1)).toBe('failed');
    expect(seen.length).toBeGreaterThanOrEqual(2);
    await shot(page, 'metrics-replay');
    // Back to the start, compare with the run that succeeded: at the end, one failed and one completed.
    await page.getByTestId('replay-compare-select').selectOption(runIds[1]!);
    await page.getByTestId('replay-compare').getByTestId('node-ratio').waitFor();
    await slider.fill(await slider.getAttribute('max') ?? '0');
    await poll(() => page.getByTestId('replay-compare').getByTestId('node-ratio').getAttribute('data-status')).toBe('completed');
    expect(await page.getByTestId('replay').getByTestId('node-ratio').first().getAttribute('data-status')).toBe('failed');
    await shot(page, 'metrics-replay-compare');
    expect(errors).toEqual([]);
  });
});
