/**
 * Runs in the editor, by mouse and keyboard: Run now keeps the editor open and colours its nodes live, with a link
 * to the run; reopened, the editor shows the latest run (and Clear takes it off); a rerun on the run's own version
 * after the user picked it; one step tested alone (a pure one answers, one with side effects asks first). And the
 * first view: "New product: images, enrichment and review" opens whole, clear of every panel, at a readable zoom,
 * and the editor reopens where the user left it.
 * Runs in Bluewater (Owen, admin) and deletes the workflow it creates, so the smoke test's counts still hold; the
 * first-view tests only look at a seeded Copper Kettle workflow (Marcus, editor).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Graph } from '../shared/graph/schema.ts';
import { STATUS_LOOK } from '../shared/runs/status.ts';
import { launchBrowser } from './browser.ts';
import { api, apiSignIn } from './canvas-helpers.ts';
import { poll } from './helpers.ts';

const OWEN = 'owen@bluewater.example';
const MARCUS = 'marcus@copperkettle.example';
const SLUG = 'bluewater';
/** What the editor opens at its least: a node's 12 px text at 7 px (client/canvas/first-view.ts). */
const MIN_ZOOM = 0.6;
const SHOTS = path.resolve(import.meta.dirname, '../test-results/editor-runs');
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`) });

const s = (id: string, kind: string, type: Graph['steps'][number]['type'], name: string, x: number, y: number, config: Record<string, unknown> = {}) => ({ id, kind, type, name, config, position: { x, y } });
const e = (source: string, target: string, label: 'yes' | 'no' | null = null) => ({ id: `${source}-${target}`, source, target, label });
/** A short wait, a condition, and a branch each way; the "no" branch calls a webhook (never reached with a big amount). */
const GRAPH: Graph = {
  steps: [
    s('trigger', 'trigger', 'trigger', 'Refund requested', 0, 100),
    s('nap', 'delay', 'action', 'Wait for the carrier', 300, 100, { duration: '1500ms' }),
    s('check', 'condition', 'condition', 'Large refund?', 600, 100, { expression: 'event.data.amount > 100' }),
    s('big', 'transform', 'action', 'Flag for review', 900, 0, { mapping: { flagged: 'event.data.amount' } }),
    s('hook', 'http_request', 'action', 'Tell the shop', 900, 220, { method: 'POST', url: 'https://hooks.example.com/refunds', headers: {}, timeoutMs: 5000 }),
  ],
  edges: [e('trigger', 'nap'), e('nap', 'check'), e('check', 'big', 'yes'), e('check', 'hook', 'no')],
};

let browser: Browser;
let admin: BrowserContext;
let workflowId = '';
let firstRunId = '';
const created: string[] = [];
const editorUrl = () => `/supplier/${SLUG}/workflows/${workflowId}`;

beforeAll(async () => {
  browser = await launchBrowser();
  fs.mkdirSync(SHOTS, { recursive: true });
  admin = await browser.newContext({ baseURL: inject('baseUrl') });
  await apiSignIn(admin.request, OWEN);
  const wf = await api<{ id: string; revision: number }>(admin.request, 'workflows.create', { companySlug: SLUG, name: 'Refund check (editor runs e2e)' });
  created.push(wf.id);
  workflowId = wf.id;
  const saved = await api<{ revision: number; issues: unknown[] }>(admin.request, 'workflows.saveGraph', { companySlug: SLUG, id: wf.id, expectedRevision: wf.revision, graph: GRAPH });
  expect(saved.issues).toEqual([]);
  await api(admin.request, 'workflows.publish', { companySlug: SLUG, id: wf.id, expectedRevision: saved.revision });
});

afterAll(async () => {
  for (const id of created) await api(admin.request, 'workflows.delete', { companySlug: SLUG, id });
  await admin?.close();
  await browser?.close();
});

/** A signed-in page whose every overlay status change is logged from the first paint (to tell "live" from "loaded"). */
async function signedIn(email: string, viewport = { width: 1920, height: 1080 }): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ baseURL: inject('baseUrl'), viewport });
  context.setDefaultTimeout(15_000);
  await apiSignIn(context.request, email);
  await context.addInitScript(() => {
    const w = window as unknown as { __runLog: { id: string; status: string }[] };
    sessionStorage.setItem('loads', String(Number(sessionStorage.getItem('loads') ?? 0) + 1));
    w.__runLog = [];
    const record = (el: Element) => {
      const id = el.getAttribute('data-testid');
      const status = el.getAttribute('data-step-status');
      if (!id?.endsWith('-run') || !status) return;
      if (w.__runLog.filter((r) => r.id === id).at(-1)?.status !== status) w.__runLog.push({ id, status });
    };
    new MutationObserver((mutations) => {
      for (const m of mutations) {
        if (m.type === 'attributes') record(m.target as Element);
        for (const n of m.addedNodes) {
          if (!(n instanceof Element)) continue;
          record(n);
          n.querySelectorAll('[data-step-status]').forEach(record);
        }
      }
    }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-step-status'] });
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  return { context, page, errors };
}

const overlay = (page: Page, id: string) => page.getByTestId(`node-${id}-run`);
const seen = (page: Page, id: string) => page.evaluate((testId) => (window as unknown as { __runLog: { id: string; status: string }[] }).__runLog.filter((r) => r.id === testId).map((r) => r.status), `node-${id}-run`);
const loads = (page: Page) => page.evaluate(() => Number(sessionStorage.getItem('loads')));
const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;

async function openEditor(page: Page, url: string) {
  await page.goto(url);
  await page.locator('[data-testid="canvas"][data-rendered]').waitFor();
}

describe('runs on the canvas', () => {
  it('Run now keeps the editor open and colours the nodes live, with a link to the run', async () => {
    const { context, page, errors } = await signedIn(OWEN);
    await openEditor(page, editorUrl());
    await expect.poll(() => page.getByTestId('editor-run-none').textContent()).toContain('No runs yet');
    expect(await overlay(page, 'nap').count()).toBe(0);

    await page.getByTestId('run-now').click();
    const payload = page.getByTestId('run-payload');
    await payload.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('{"amount": 250, "orderId": "BW-7"}');
    await page.getByTestId('run-start').click();

    // The dialog closes, the editor stays, and the run is drawn on the draft's nodes as it goes.
    await page.getByTestId('run-now-dialog').waitFor({ state: 'hidden' });
    await poll(() => overlay(page, 'nap').getAttribute('data-step-status')).toBe('completed');
    await poll(() => overlay(page, 'big').getAttribute('data-step-status')).toBe('completed');
    await poll(() => overlay(page, 'hook').getAttribute('data-status')).toBe('skipped');
    await poll(() => page.getByTestId('editor-run-status').getAttribute('data-status')).toBe('completed');
    expect(page.url()).toMatch(new RegExp(`/workflows/${workflowId}$`));
    expect(await loads(page)).toBe(1);
    // Live, not loaded at the end: the wait was seen going before it completed.
    const nap = await seen(page, 'nap');
    expect(nap.indexOf('running'), nap.join(' → ')).toBeGreaterThanOrEqual(0);
    expect(nap.at(-1)).toBe('completed');
    // The run view's own colours.
    expect(await page.getByTestId('node-big-status').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(rgb(STATUS_LOOK.completed.colour.bg));
    expect(await page.getByTestId('node-hook-status').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(rgb(STATUS_LOOK.skipped.colour.bg));
    // Edges too: the branch the run took, and the one it did not.
    await poll(() => page.getByTestId('edge-check-big').getAttribute('data-run-state')).toBe('taken');
    expect(await page.getByTestId('edge-check-hook').getAttribute('data-run-state')).toBe('not-taken');
    await shot(page, 'editor-run-finished');

    // The link opens the run.
    await page.getByTestId('editor-run-link').click();
    await page.waitForURL(/\/runs\/[0-9a-f-]{36}$/);
    firstRunId = page.url().split('/').at(-1)!;
    await poll(() => page.getByTestId('run-status').getAttribute('data-status')).toBe('completed');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the editor reopened shows the latest run; Clear takes it off the canvas', async () => {
    expect(firstRunId).not.toBe('');
    const { context, page, errors } = await signedIn(OWEN);
    await openEditor(page, editorUrl());
    await poll(() => page.getByTestId('editor-run-status').getAttribute('data-status')).toBe('completed');
    expect(await page.getByTestId('editor-run-bar').textContent()).toContain('Latest run');
    expect(await page.getByTestId('editor-run-link').getAttribute('href')).toContain(`/runs/${firstRunId}`);
    await poll(() => overlay(page, 'big').getAttribute('data-step-status')).toBe('completed');
    expect(await overlay(page, 'hook').getAttribute('data-status')).toBe('skipped');

    await page.getByTestId('editor-run-clear').click();
    await poll(() => overlay(page, 'big').count()).toBe(0);
    expect(await page.getByTestId('edge-check-big').getAttribute('data-run-state')).toBeNull();
    expect(await page.getByTestId('editor-run-none').textContent()).toContain('No run shown');
    // And back, by keyboard.
    await page.getByTestId('editor-run-show-latest').focus();
    await page.keyboard.press('Enter');
    await poll(() => overlay(page, 'big').getAttribute('data-step-status')).toBe('completed');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('reruns on its own version after the user picks it, with both version numbers shown', async () => {
    expect(firstRunId).not.toBe('');
    // Version 2 is published after the first run.
    const wf = await api<{ revision: number }>(admin.request, 'workflows.get', { companySlug: SLUG, id: workflowId }, 'query');
    const v2 = { ...GRAPH, steps: GRAPH.steps.map((st) => (st.id === 'big' ? { ...st, name: 'Flag for finance' } : st)) };
    const saved = await api<{ revision: number }>(admin.request, 'workflows.saveGraph', { companySlug: SLUG, id: workflowId, expectedRevision: wf.revision, graph: v2 });
    await api(admin.request, 'workflows.publish', { companySlug: SLUG, id: workflowId, expectedRevision: saved.revision });

    const { context, page, errors } = await signedIn(OWEN);
    await page.goto(`/supplier/${SLUG}/workflows/${workflowId}/runs/${firstRunId}`);
    await poll(() => page.getByTestId('run-status').getAttribute('data-status')).toBe('completed');
    await page.getByTestId('run-rerun').click();
    const dialog = page.getByTestId('rerun-dialog');
    await poll(() => dialog.textContent()).toContain('Its own version, v1');
    expect(await dialog.textContent()).toContain('The published version, v2');
    // The user goes to the published one, then picks the run's own by keyboard; the button says what it starts.
    await page.getByTestId('rerun-version-published').click();
    await poll(() => page.getByTestId('rerun-confirm').textContent()).toBe('Rerun on v2');
    await page.getByTestId('rerun-version-published').press('ArrowUp');
    await poll(() => page.getByTestId('rerun-version-run').isChecked()).toBe(true);
    expect(await page.getByTestId('rerun-confirm').textContent()).toBe('Rerun on v1');
    await shot(page, 'rerun-dialog');
    await page.getByTestId('rerun-confirm').click();

    await page.waitForURL((url) => /\/runs\/[0-9a-f-]{36}$/.test(url.pathname) && !url.pathname.endsWith(firstRunId));
    const rerunId = page.url().split('/').at(-1)!;
    await poll(() => page.getByTestId('run-status').getAttribute('data-status')).toBe('completed');
    const [old, rerun] = await Promise.all([firstRunId, rerunId].map((id) => api<{ version: { version: number } }>(admin.request, 'runs.get', { companySlug: SLUG, id }, 'query')));
    expect(rerun!.version.version).toBe(old!.version.version);
    expect(rerun!.version.version).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('tests one step alone: a condition answers from the last run and from an edited sample; a webhook asks first', async () => {
    const { context, page, errors } = await signedIn(OWEN);
    const calls: string[] = [];
    page.on('request', (r) => void (r.url().includes('/trpc/workflows.testStep') && calls.push(r.postData() ?? '')));
    const runsBefore = (await api<unknown[]>(admin.request, 'runs.list', { companySlug: SLUG, workflowId }, 'query')).length;
    await openEditor(page, editorUrl());

    await page.getByTestId('node-check').click();
    const section = page.getByTestId('test-step');
    await section.waitFor();
    await poll(() => page.getByTestId('test-input-last-run').isChecked()).toBe(true);
    await poll(() => page.getByTestId('test-input-json').inputValue()).toContain('"amount": 250');
    await page.getByTestId('test-step-run').click();
    await poll(() => page.getByTestId('test-step-output').textContent()).toContain('"branch": "yes"');
    expect(await page.getByTestId('test-step-output').textContent()).toContain('"value": true');
    await shot(page, 'test-step-output');

    // A sample, edited by keyboard: a small amount takes the other branch.
    await page.getByTestId('test-input-sample').check();
    const json = page.getByTestId('test-input-json');
    await json.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('{"event": {"name": "manual", "data": {"amount": 5}}, "steps": {}, "data": {}}');
    await page.getByTestId('test-step-run').click();
    await poll(() => page.getByTestId('test-step-output').textContent()).toContain('"branch": "no"');
    expect(calls).toHaveLength(2);
    // Pinned, it is what the step is tested with next time.
    await page.getByTestId('test-input-pin').click();
    await page.getByTestId('node-big').click();
    await page.getByTestId('test-step').waitFor();
    expect(await page.getByTestId('test-input-pinned').count()).toBe(0);
    await page.getByTestId('node-check').click();
    await poll(() => page.getByTestId('test-input-pinned').isChecked()).toBe(true);
    expect(JSON.parse(await page.getByTestId('test-input-json').inputValue())).toEqual({ event: { name: 'manual', data: { amount: 5 } }, steps: {}, data: {} });

    // The webhook acts for real: the editor says what will happen and sends nothing until confirmed.
    await page.getByTestId('node-hook').click();
    await page.getByTestId('test-step').waitFor();
    await page.getByTestId('test-step-run').click();
    const confirm = page.getByTestId('test-step-confirm');
    await poll(() => confirm.textContent()).toContain('This sends a POST to https://hooks.example.com/refunds');
    await shot(page, 'test-step-confirm');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'hidden' });
    expect(calls).toHaveLength(2);
    expect(await page.getByTestId('test-step-result').count()).toBe(0);

    // Testing started no run.
    expect((await api<unknown[]>(admin.request, 'runs.list', { companySlug: SLUG, workflowId }, 'query')).length).toBe(runsBefore);
    expect(errors).toEqual([]);
    await context.close();
  });
});

/** Screen boxes of what covers the canvas: its own overlays. */
async function coverings(page: Page): Promise<{ name: string; box: Box }[]> {
  const named: [string, Locator][] = [
    ['toolbar', page.getByRole('toolbar', { name: 'Canvas tools' })],
    ['heatmap control', page.getByTestId('heatmap-panel')],
    ['minimap', page.locator('.react-flow__minimap')],
    ['zoom controls', page.locator('.react-flow__controls')],
  ];
  const out: { name: string; box: Box }[] = [];
  for (const [name, loc] of named) {
    const box = await loc.boundingBox();
    if (box) out.push({ name, box });
  }
  return out;
}
type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const zoomOf = (page: Page) => page.locator('.react-flow__viewport').evaluate((el) => new DOMMatrixReadOnly(getComputedStyle(el).transform).a);
const transformOf = (page: Page) => page.locator('.react-flow__viewport').evaluate((el) => getComputedStyle(el).transform);

describe('a first view that fits', () => {
  it('"New product: images, enrichment and review" opens whole, clear of the panels, at a readable zoom; the viewport is remembered', async () => {
    const { context, page, errors } = await signedIn(MARCUS, { width: 1920, height: 1080 });
    await page.goto('/supplier/copper-kettle/workflows');
    await page.getByRole('link', { name: 'New product: images, enrichment and review', exact: true }).click();
    await page.locator('[data-testid="canvas"][data-rendered]').waitFor();
    const workflow = page.url().split('/').at(-1)!;
    // Measured once the run strip has settled (its latest run drawn on the nodes, or none).
    await poll(() => page.getByTestId('editor-run-bar').textContent()).toMatch(/started|No runs yet/);
    await shot(page, 'first-view-1920');

    const canvas = (await page.getByTestId('canvas').boundingBox())!;
    const panels = [await page.getByTestId('palette').boundingBox(), await page.getByRole('complementary', { name: 'Details' }).boundingBox()];
    const covers = await coverings(page);
    const nodes = page.locator('.react-flow__node');
    expect(await nodes.count()).toBe(7);
    expect(await zoomOf(page)).toBeGreaterThanOrEqual(MIN_ZOOM);
    for (const n of await nodes.all()) {
      const id = await n.getAttribute('data-id');
      const b = (await n.boundingBox())!;
      expect({ id, inside: b.x >= canvas.x && b.y >= canvas.y && b.x + b.width <= canvas.x + canvas.width && b.y + b.height <= canvas.y + canvas.height }).toEqual({ id, inside: true });
      for (const p of panels) expect({ id, underPanel: !!p && overlaps(b, p) }).toEqual({ id, underPanel: false });
      for (const c of covers) expect({ id, under: c.name, covered: overlaps(b, c.box) }).toEqual({ id, under: c.name, covered: false });
    }

    // The user pans with the wheel and zooms with Ctrl+wheel; the next open starts there.
    const fitted = await transformOf(page);
    const fittedZoom = await zoomOf(page);
    await page.mouse.move(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2);
    await page.mouse.wheel(120, 80);
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -200);
    await page.keyboard.up('Control');
    await poll(() => transformOf(page)).not.toBe(fitted);
    // Once the gestures end, what is stored is what is shown.
    const readBoth = () =>
      page.evaluate((key) => {
        const m = new DOMMatrixReadOnly(getComputedStyle(document.querySelector('.react-flow__viewport')!).transform);
        const stored = JSON.parse(localStorage.getItem(key) ?? 'null') as { x: number; y: number; zoom: number } | null;
        return { stored: stored && { x: Math.round(stored.x), y: Math.round(stored.y), zoom: Number(stored.zoom.toFixed(3)) }, shown: { x: Math.round(m.e), y: Math.round(m.f), zoom: Number(m.a.toFixed(3)) } };
      }, `ember:viewport:${workflow}`);
    await poll(async () => {
      const { stored, shown } = await readBoth();
      return JSON.stringify(stored) === JSON.stringify(shown);
    }).toBe(true);
    const left = (await readBoth()).shown;
    expect(left.zoom).not.toBeCloseTo(fittedZoom, 3);

    await page.reload();
    await page.locator('[data-testid="canvas"][data-rendered]').waitFor();
    await poll(() =>
      page.locator('.react-flow__viewport').evaluate((el) => {
        const m = new DOMMatrixReadOnly(getComputedStyle(el).transform);
        return { x: Math.round(m.e), y: Math.round(m.f), zoom: Number(m.a.toFixed(3)) };
      }),
    ).toEqual(left);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a canvas too narrow for the whole graph opens on the trigger at the readable zoom, not smaller', async () => {
    const { context, page, errors } = await signedIn(MARCUS, { width: 1280, height: 800 });
    await page.goto('/supplier/copper-kettle/workflows');
    await page.getByRole('link', { name: 'New product: images, enrichment and review', exact: true }).click();
    await page.locator('[data-testid="canvas"][data-rendered]').waitFor();
    expect(await zoomOf(page)).toBeCloseTo(MIN_ZOOM, 3);
    await shot(page, 'first-view-1280');
    const canvas = (await page.getByTestId('canvas').boundingBox())!;
    const trigger = (await page.locator('.react-flow__node[data-id="trigger"]').boundingBox())!;
    expect(trigger.x).toBeGreaterThanOrEqual(canvas.x);
    expect(trigger.x + trigger.width).toBeLessThanOrEqual(canvas.x + canvas.width);
    expect(trigger.y).toBeGreaterThanOrEqual(canvas.y);
    expect(trigger.y + trigger.height).toBeLessThanOrEqual(canvas.y + canvas.height);
    for (const c of await coverings(page)) expect({ under: c.name, covered: overlaps(trigger, c.box) }).toEqual({ under: c.name, covered: false });
    expect(errors).toEqual([]);
    await context.close();
  });
});
