/**
 * Canvas helpers for the editor e2e: drive the canvas with the mouse by bounding boxes (drag from the palette,
 * drag between handles, rubber-band select) and read back what React Flow drew. Every wait is web-first.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { APIRequestContext, Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { inject } from 'vitest';
import { poll } from './helpers.ts';

type Point = { x: number; y: number };

/** Calls a tRPC procedure over HTTP with the context's session cookie (no batching, no transformer). */
export async function api<T>(request: APIRequestContext, path: string, input: unknown, kind: 'query' | 'mutation' = 'mutation'): Promise<T> {
  const res =
    kind === 'query'
      ? await request.get(`/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`)
      : await request.post(`/trpc/${path}`, { data: input as object });
  const body = (await res.json()) as { result?: { data: T }; error?: { message: string } };
  if (!res.ok() || !body.result) throw new Error(`${path} failed (${res.status()}): ${body.error?.message ?? 'no result'}`);
  return body.result.data;
}

export async function apiSignIn(request: APIRequestContext, email: string, password = 'ember-demo') {
  await api(request, 'auth.signIn', { email, password });
}

/** A fresh browser context signed in as `email` through the API (closed with the others in `contexts`), its page, and
 * the page's uncaught errors, which a test expects to stay empty. */
export async function signedInPage(
  browser: Browser,
  email: string,
  contexts: BrowserContext[],
  opts: { viewport?: { width: number; height: number }; timezoneId?: string } = {},
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ baseURL: inject('baseUrl'), viewport: opts.viewport ?? { width: 1280, height: 800 }, ...(opts.timezoneId ? { timezoneId: opts.timezoneId } : {}) });
  context.setDefaultTimeout(10_000);
  contexts.push(context);
  await apiSignIn(context.request, email);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page, errors };
}

export async function centre(locator: Locator): Promise<Point> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('element has no box (not visible?)');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Presses at `from`, moves to `to` in small steps (so every pointer handler sees the drag), releases. */
export async function drag(page: Page, from: Point, to: Point, opts: { beforeRelease?: () => Promise<void> } = {}) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 8, from.y + 8, { steps: 2 });
  await page.mouse.move(to.x, to.y, { steps: 12 });
  await opts.beforeRelease?.();
  await page.mouse.up();
}

/** Every step node on the canvas, by id. */
export function stepNodes(page: Page): Locator {
  return page.locator('[data-testid^="node-"][data-kind]');
}

export function edgePaths(page: Page): Locator {
  return page.locator('path[data-testid^="edge-"]');
}

export async function nodeIds(page: Page): Promise<string[]> {
  return stepNodes(page).evaluateAll((els) => els.map((el) => el.getAttribute('data-testid')!.slice('node-'.length)));
}

/** Drags a palette item onto the canvas at `at` (page coordinates); returns the id of the step it created. */
export async function dropFromPalette(page: Page, kind: string, at: Point): Promise<string> {
  const before = new Set(await nodeIds(page));
  const item = page.getByTestId(`palette-item-${kind}`);
  await item.scrollIntoViewIfNeeded();
  await drag(page, await centre(item), at);
  await poll(async () => (await nodeIds(page)).length).toBe(before.size + 1);
  const added = (await nodeIds(page)).find((id) => !before.has(id));
  if (!added) throw new Error(`no ${kind} step was added`);
  return added;
}

/** The canvas's top-left corner in page coordinates, for placing drops. */
export async function canvasOrigin(page: Page): Promise<Point> {
  const box = await page.getByTestId('canvas').boundingBox();
  if (!box) throw new Error('no canvas');
  return { x: box.x, y: box.y };
}

/** Drags from one handle to another, as a person connects two steps. */
export async function connectHandles(page: Page, from: string, to: string, opts: { beforeRelease?: () => Promise<void> } = {}) {
  await drag(page, await centre(page.getByTestId(from)), await centre(page.getByTestId(to)), opts);
}

/** A step's position in flow coordinates, read from the transform React Flow gives its wrapper. */
export async function flowPosition(page: Page, stepId: string): Promise<Point> {
  const transform = await page.locator(`.react-flow__node[data-id="${stepId}"]`).evaluate((el) => (el as HTMLElement).style.transform);
  const m = /translate\((-?[\d.]+)px,\s*(-?[\d.]+)px\)/.exec(transform);
  if (!m) throw new Error(`unexpected transform "${transform}"`);
  return { x: Number(m[1]), y: Number(m[2]) };
}

export async function allPositions(page: Page): Promise<Record<string, Point>> {
  const out: Record<string, Point> = {};
  for (const id of await nodeIds(page)) out[id] = await flowPosition(page, id);
  return out;
}

/** Waits until everything is saved. */
export async function saved(page: Page) {
  await poll(() => page.getByTestId('save-state').getAttribute('data-state')).toBe('saved');
}

/**
 * Clicks a node on its title row (not a handle), selecting it. A mouse click lands on whatever is on top at its
 * point, and a node panned out of the canvas's visible pane sits under the palette or a panel there — clicking its
 * coordinates once inserted a palette step instead. So a node not wholly inside the pane is first brought into view
 * (the fit-view control) before the click.
 */
export async function selectNode(page: Page, stepId: string, modifiers: ('Shift' | 'Control')[] = []) {
  const node = page.getByTestId(`node-${stepId}`);
  await node.waitFor();
  if (!(await inPane(page, node))) {
    await page.locator('.react-flow').filter({ has: node }).locator('.react-flow__controls-fitview').click();
    await poll(() => inPane(page, node)).toBe(true);
  }
  const box = (await node.boundingBox())!;
  // Forced: inside the pane, what may lie over a node is the canvas's own (a multi-selection's rectangle), which
  // passes the click on as a person's click would.
  await node.click({ position: { x: box.width / 2, y: 14 }, modifiers, force: true });
  if (!modifiers.length) await page.locator(`.react-flow__node.selected[data-id="${stepId}"]`).waitFor();
}

async function inPane(page: Page, node: Locator): Promise<boolean> {
  const [pane, box] = await Promise.all([page.locator('.react-flow').filter({ has: node }).boundingBox(), node.boundingBox()]);
  return !!pane && !!box && box.x >= pane.x && box.y >= pane.y && box.x + box.width <= pane.x + pane.width && box.y + box.height <= pane.y + pane.height;
}

export async function selectedIds(page: Page): Promise<string[]> {
  return page.locator('.react-flow__node.selected').evaluateAll((els) => els.map((el) => el.getAttribute('data-id')!).sort());
}

/** Saves a screenshot under test-results/e2e/ on every run, so a reviewer can look at the editor without running it. */
export async function shot(page: Page, name: string) {
  const dir = path.resolve(import.meta.dirname, '../test-results/e2e');
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`) });
}

/** What the canvas shows, for comparing states: each step's position, name and config summary, and every edge with its label. */
export async function canvasState(page: Page): Promise<{ steps: Record<string, { x: number; y: number; name: string; summary: string }>; edges: string[] }> {
  return page.evaluate(() => {
    const steps: Record<string, { x: number; y: number; name: string; summary: string }> = {};
    for (const el of document.querySelectorAll<HTMLElement>('.react-flow__node')) {
      const m = /translate\((-?[\d.]+)px,\s*(-?[\d.]+)px\)/.exec(el.style.transform);
      const card = el.querySelector<HTMLElement>('[data-kind]');
      const name = card?.querySelector('[title]')?.getAttribute('title') ?? '';
      steps[el.dataset.id!] = { x: Number(m?.[1]), y: Number(m?.[2]), name, summary: card?.querySelector('[data-testid$="-summary"]')?.textContent ?? '' };
    }
    const edges = [...document.querySelectorAll('.react-flow__edge')].map((el) => el.getAttribute('aria-label') ?? '').sort();
    return { steps, edges };
  });
}

/** A workflow with this graph, made through the API; its id is pushed onto `created` for the cleanup. */
export async function seedWorkflow(request: APIRequestContext, created: string[], name: string, graph: unknown): Promise<{ id: string; revision: number }> {
  const wf = await api<{ id: string; revision: number }>(request, 'workflows.create', { companySlug: 'bluewater', name });
  created.push(wf.id);
  const saved = await api<{ revision: number }>(request, 'workflows.saveGraph', { companySlug: 'bluewater', id: wf.id, expectedRevision: wf.revision, graph });
  return { id: wf.id, revision: saved.revision };
}

export function stepOf(id: string, kind: string, type: string, x: number, y: number, config: Record<string, unknown> = {}, name = id) {
  return { id, kind, type, name, config, position: { x, y } };
}

export function edgeOf(id: string, source: string, target: string, label: 'yes' | 'no' | null = null) {
  return { id, source, target, label };
}

/**
 * Replaces the text of an expression editor (CodeMirror: its content is not an <input>, so `fill` is not how a
 * person types there) by clicking into it, selecting all and typing, so completion and lint see real keystrokes.
 */
export async function typeExpression(page: Page, testId: string, text: string) {
  const editor = page.getByTestId(testId);
  await editor.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(text);
}
