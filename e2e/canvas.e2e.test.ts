/**
 * The workflow editor, driven like a person: drag steps from the palette, connect handles with the mouse, see a
 * refused loop explained, fix a CEL error the form and the canvas both point at, reload to find everything saved,
 * undo/redo, copy/paste, tidy, publish, run; and a save conflict with a second editor resolved both ways.
 * Runs in the Bluewater company and deletes every workflow it creates, so the smoke test's counts still hold.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Graph } from '../shared/graph/schema.ts';
import { launchBrowser } from './browser.ts';
import {
  allPositions,
  api,
  apiSignIn,
  canvasOrigin,
  connectHandles,
  dropFromPalette,
  edgePaths,
  flowPosition,
  nodeIds,
  saved,
  selectedIds,
  selectNode,
  stepNodes,
  drag,
  centre,
} from './canvas-helpers.ts';
import { openPage, poll, signIn, snap } from './helpers.ts';

const OWEN = 'owen@bluewater.example';
let browser: Browser;
let cleanup: BrowserContext;
const created: string[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  cleanup = await browser.newContext({ baseURL: inject('baseUrl') });
  await apiSignIn(cleanup.request, OWEN);
});

afterAll(async () => {
  // Loud on failure: a leftover workflow would break the smoke test's Bluewater row count.
  for (const id of created) await api(cleanup.request, 'workflows.delete', { companySlug: 'bluewater', id });
  await cleanup?.close();
  await browser?.close();
});

describe('workflow editor', () => {
  it('builds, validates, saves, edits and publishes a branching workflow by hand', async () => {
    const { page, pageErrors, close } = await openPage(browser);
    await signIn(page, OWEN, 'bluewater');
    await page.getByTestId('new-workflow').click();
    await page.getByTestId('create-name').fill('Canvas e2e: refund check');
    await page.getByTestId('create-submit').click();
    await page.waitForURL(/\/supplier\/bluewater\/workflows\/[0-9a-f-]{36}$/);
    created.push(page.url().split('/').at(-1)!);
    await page.getByTestId('node-trigger').waitFor();
    await poll(() => page.getByTestId('workflow-name').textContent()).toBe('Canvas e2e: refund check');

    // Palette: searchable, grouped, and the trigger cannot be added twice.
    await page.getByTestId('palette-search').fill('approv');
    await page.getByTestId('palette-item-human_gate').waitFor();
    await poll(() => page.getByTestId('palette-item-delay').count()).toBe(0);
    await page.getByTestId('palette-search').fill('');
    expect(await page.getByTestId('palette-item-trigger').isDisabled()).toBe(true);

    // Make room: zoom out twice, move the trigger to the left. Then drag three steps onto the canvas.
    await page.getByRole('button', { name: 'Zoom Out' }).click();
    await page.getByRole('button', { name: 'Zoom Out' }).click();
    const o = await canvasOrigin(page);
    const start = await centre(page.getByTestId('node-trigger'));
    await drag(page, { x: start.x, y: start.y - 10 }, { x: o.x + 110, y: start.y - 10 });
    const trigger = await centre(page.getByTestId('node-trigger'));
    expect(trigger.x).toBeLessThan(start.x);
    const cond = await dropFromPalette(page, 'condition', { x: o.x + 320, y: trigger.y });
    const delay = await dropFromPalette(page, 'delay', { x: o.x + 540, y: trigger.y - 90 });
    const task = await dropFromPalette(page, 'create_task', { x: o.x + 540, y: trigger.y + 90 });
    await poll(() => page.getByTestId(`node-${cond}-summary`).textContent()).toBe('No expression yet');
    await poll(() => page.getByTestId(`node-${delay}-summary`).textContent()).toBe('Wait 1h');

    // Connect them by dragging between handles; the condition's exits carry yes and no.
    await connectHandles(page, 'handle-trigger-out', `handle-${cond}-in`);
    await connectHandles(page, `handle-${cond}-yes`, `handle-${delay}-in`);
    await connectHandles(page, `handle-${cond}-no`, `handle-${task}-in`);
    await poll(() => edgePaths(page).count()).toBe(3);
    await poll(() => edgePaths(page).evaluateAll((ps) => ps.map((p) => p.getAttribute('data-label')).sort())).toEqual(['', 'no', 'yes']);

    // A connection that would make a loop is refused while dragging, and says why.
    await connectHandles(page, `handle-${delay}-out`, `handle-${cond}-in`, {
      beforeRelease: async () => {
        await page.getByTestId('connect-refusal').waitFor({ state: 'visible' });
      },
    });
    expect(await page.getByTestId('connect-refusal').textContent()).toMatch(/loop/);
    await poll(() => edgePaths(page).count()).toBe(3);
    await snap(page, 'canvas-refused-loop');

    // A CEL syntax error shows inline and as a badge on the step; Publish stays disabled, saying why.
    await selectNode(page, cond);
    const expression = page.getByTestId('field-expression');
    await expression.fill('event.data.amount >');
    await page.getByTestId('config-panel').getByText(/Syntax error/).waitFor();
    await page.getByTestId(`node-${cond}`).getByTestId('issue-badge').waitFor();
    expect(await page.getByTestId('publish').isDisabled()).toBe(true);
    expect(await page.getByTestId('publish').locator('..').getAttribute('title')).toMatch(/Fix \d+ issues? before publishing/);
    await snap(page, 'canvas-cel-error');
    await expression.fill('event.data.amount > 100');
    await page.getByTestId('field-expression-ok').waitFor();
    await poll(() => page.getByTestId(`node-${cond}`).getByTestId('issue-badge').count()).toBe(0);
    await poll(() => page.getByTestId(`node-${cond}-summary`).textContent()).toBe('event.data.amount > 100');

    // The issues list leads to the field at fault: the task still needs a title.
    await page.getByTestId('issues-chip').click();
    const issue = page.getByTestId('issues-list').getByTestId('issue-item').filter({ hasText: 'a task needs a title' });
    await issue.click();
    await poll(() => page.getByTestId('field-title').evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('Review the refund');
    await poll(() => page.getByTestId('issues-chip').textContent()).toBe('✓No issues');
    expect(await page.getByTestId('publish').isDisabled()).toBe(false);

    // Shortcuts never steal keys from a field: typing t and f in the name neither tidies nor fits.
    const before = await allPositions(page);
    await page.getByTestId('step-name').fill('');
    await page.getByTestId('step-name').type('Refund task tf');
    expect(await allPositions(page)).toEqual(before);
    await page.keyboard.press('Control+s');
    await saved(page);

    // Everything, positions included, survives a reload.
    const edgesBefore = await edgePaths(page).count();
    await page.reload();
    await page.getByTestId(`node-${task}`).waitFor();
    expect((await nodeIds(page)).sort()).toEqual(Object.keys(before).sort());
    expect(await allPositions(page)).toEqual(before);
    await poll(() => edgePaths(page).count()).toBe(edgesBefore);
    await poll(() => page.getByTestId(`node-${task}`).textContent()).toContain('Refund task tf');
    expect(await page.getByTestId('undo').isDisabled()).toBe(true);
    await snap(page, 'canvas-after-reload');

    // Delete, undo, redo: by keyboard and by the toolbar.
    await selectNode(page, task);
    await page.keyboard.press('Delete');
    await poll(() => stepNodes(page).count()).toBe(3);
    await poll(() => edgePaths(page).count()).toBe(2);
    await page.keyboard.press('Control+z');
    await poll(() => stepNodes(page).count()).toBe(4);
    await poll(() => edgePaths(page).count()).toBe(3);
    await page.keyboard.press('Control+Shift+z');
    await poll(() => stepNodes(page).count()).toBe(3);
    await page.getByTestId('undo').click();
    await poll(() => stepNodes(page).count()).toBe(4);

    // Rubber-band select the condition and the delay, copy and paste them: fresh ids, their edge comes along.
    const cBox = (await page.getByTestId(`node-${cond}`).boundingBox())!;
    const dBox = (await page.getByTestId(`node-${delay}`).boundingBox())!;
    await drag(page, { x: cBox.x - 30, y: dBox.y - 30 }, { x: dBox.x + dBox.width + 30, y: cBox.y + cBox.height + 10 });
    await poll(() => selectedIds(page)).toEqual([cond, delay].sort());
    await page.getByTestId('selection-panel').waitFor();
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Control+v');
    await poll(() => stepNodes(page).count()).toBe(6);
    await poll(() => edgePaths(page).count()).toBe(4);
    const pasted = await selectedIds(page);
    expect(pasted).toHaveLength(2);
    expect(pasted.some((id) => id === cond || id === delay)).toBe(false);
    await page.keyboard.press('Control+z');
    await poll(() => stepNodes(page).count()).toBe(4);
    await selectNode(page, delay);
    await page.keyboard.press('Control+d');
    await poll(() => stepNodes(page).count()).toBe(5);
    await poll(() => page.getByTestId('step-name').inputValue()).toBe('Delay 2');
    await page.keyboard.press('Delete');
    await poll(() => stepNodes(page).count()).toBe(4);

    // Tidy up lays the graph out left to right, branches in one column; "?" shows the shortcuts.
    await page.keyboard.press('Escape');
    await page.getByTestId('tidy').click();
    await poll(async () => (await flowPosition(page, delay)).x === (await flowPosition(page, task)).x).toBe(true);
    const [t, c, d, k] = await Promise.all(['trigger', cond, delay, task].map((id) => flowPosition(page, id)));
    expect(t!.x).toBeLessThan(c!.x);
    expect(c!.x).toBeLessThan(d!.x);
    expect(d!.y).toBeLessThan(k!.y); // yes above no
    await page.keyboard.press('?');
    await page.getByTestId('shortcut-help').getByText('Tidy up: the selection, or the whole graph').waitFor();
    await snap(page, 'canvas-shortcuts');
    await page.keyboard.press('Escape');
    await page.getByTestId('shortcut-help').waitFor({ state: 'hidden' });

    // Publish once valid and saved, then start a run with a sample payload.
    await saved(page);
    await page.getByTestId('publish').click();
    await poll(() => page.getByTestId('published-version').textContent()).toBe('Published v1');
    await poll(() => page.getByTestId('editor-flash').textContent()).toBe('Published version 1');
    await page.getByTestId('run-now').click();
    await page.getByTestId('run-payload').fill('{"amount": 150}');
    await page.getByTestId('run-start').click();
    const link = page.getByTestId('run-link');
    await link.waitFor();
    expect(await link.getAttribute('href')).toMatch(/^\/supplier\/bluewater\/workflows\/[0-9a-f-]{36}\/runs\/[0-9a-f-]{36}$/);
    await snap(page, 'canvas-run-started');
    expect(pageErrors).toEqual([]);
    await close();
  });

  it('shows a conflict when someone else saved first, and resolves it by reloading or by overwriting', async () => {
    const { id } = await api<{ id: string }>(cleanup.request, 'workflows.create', { companySlug: 'bluewater', name: 'Canvas e2e: conflict' });
    created.push(id);
    const { page, pageErrors, close } = await openPage(browser);
    await signIn(page, OWEN, 'bluewater');
    await page.goto(`/supplier/bluewater/workflows/${id}`);
    await page.getByTestId('node-trigger').waitFor();
    const trigger = await centre(page.getByTestId('node-trigger'));

    // Someone else saves a step behind our back.
    await theyAdd(id, 'theirs-1');
    const mine = await dropFromPalette(page, 'delay', { x: trigger.x + 250, y: trigger.y });
    const dialog = page.getByTestId('conflict-dialog');
    await dialog.waitFor({ state: 'visible' });
    await poll(() => page.getByTestId('save-state').textContent()).toBe('error');
    await snap(page, 'canvas-conflict');
    await page.getByTestId('conflict-reload').click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByTestId('node-theirs-1').waitFor();
    await poll(() => page.getByTestId(`node-${mine}`).count()).toBe(0);
    await saved(page);

    // Again, but this time ours wins.
    await theyAdd(id, 'theirs-2');
    const mine2 = await dropFromPalette(page, 'delay', { x: trigger.x + 250, y: trigger.y + 120 });
    await dialog.waitFor({ state: 'visible' });
    await page.getByTestId('conflict-overwrite').click();
    await dialog.waitFor({ state: 'hidden' });
    await saved(page);
    const server = await api<{ graph: Graph }>(cleanup.request, 'workflows.get', { companySlug: 'bluewater', id }, 'query');
    expect(server.graph.steps.map((s) => s.id).sort()).toEqual(['theirs-1', 'trigger', mine2].sort());
    expect(pageErrors).toEqual([]);
    await close();
  });

  it('reconnects an edge by dragging its end, removes edges, and adds a step after the selected one', async () => {
    const id = await seeded('Canvas e2e: edges', {
      steps: [step('trigger', 'trigger', 'trigger', 0, 0), step('c', 'condition', 'condition', 320, 0, { expression: 'true' }), delayAt('a', 640, -100), delayAt('b', 640, 100), delayAt('d', 640, 260)],
      edges: [edgeOf('e1', 'trigger', 'c'), edgeOf('e2', 'c', 'a', 'yes'), edgeOf('e3', 'c', 'b', 'no')],
    });
    const { page, pageErrors, close } = await openPage(browser);
    await signIn(page, OWEN, 'bluewater');
    await page.goto(`/supplier/bluewater/workflows/${id}`);
    await page.getByTestId('node-d').waitFor();

    // Grab the no edge just before its arrowhead and drop it on another step's input.
    const bIn = await centre(page.getByTestId('handle-b-in'));
    await drag(page, { x: bIn.x - 9, y: bIn.y }, await centre(page.getByTestId('handle-d-in')));
    await poll(() => page.locator('.react-flow__edge[data-id="e3"]').getAttribute('aria-label')).toBe('c to d (no)');

    // Dropping an edge's end on empty canvas removes it; undo brings it back.
    const dIn = await centre(page.getByTestId('handle-d-in'));
    await drag(page, { x: dIn.x - 9, y: dIn.y }, { x: dIn.x - 120, y: dIn.y + 140 });
    await poll(() => edgePaths(page).count()).toBe(2);
    await page.keyboard.press('Control+z');
    await poll(() => edgePaths(page).count()).toBe(3);

    // A selected edge offers a delete button.
    await page.getByTestId('edge-e2-label').getByText('yes').click();
    await page.getByRole('button', { name: 'Delete connection' }).click();
    await poll(() => edgePaths(page).count()).toBe(2);

    // Clicking a palette item with the condition selected adds the step after it, on its free branch.
    await selectNode(page, 'c');
    const before = new Set(await nodeIds(page));
    await page.getByTestId('palette-item-emit_event').click();
    await poll(async () => (await nodeIds(page)).length).toBe(before.size + 1);
    const added = (await nodeIds(page)).find((n) => !before.has(n))!;
    await poll(() => page.locator(`.react-flow__edge[aria-label="c to Emit event (yes)"]`).count()).toBe(1);
    await poll(() => page.getByTestId('config-panel').getByRole('heading').textContent()).toBe('Emit event');
    await page.getByTestId('field-event').fill('refund/approved');
    await poll(() => page.getByTestId(`node-${added}-summary`).textContent()).toBe('refund/approved');

    // Snap to grid is a toggle that says whether it is on.
    const snapToggle = page.getByTestId('snap');
    expect(await snapToggle.getAttribute('aria-pressed')).toBe('true');
    await snapToggle.click();
    await poll(() => snapToggle.getAttribute('aria-pressed')).toBe('false');
    await saved(page);
    expect(pageErrors).toEqual([]);
    await close();
  });
});

/** "Someone else": saves the server's draft plus one delay step through the API. */
async function theyAdd(id: string, stepId: string) {
  const wf = await api<{ revision: number; graph: Graph }>(cleanup.request, 'workflows.get', { companySlug: 'bluewater', id }, 'query');
  const step = { id: stepId, type: 'action', kind: 'delay', name: `Their ${stepId}`, config: { duration: '5m' }, position: { x: 0, y: 200 + wf.graph.steps.length * 120 } } as const;
  await api(cleanup.request, 'workflows.saveGraph', { companySlug: 'bluewater', id, expectedRevision: wf.revision, graph: { ...wf.graph, steps: [...wf.graph.steps, step] } });
}

function step(id: string, kind: string, type: string, x: number, y: number, config: Record<string, unknown> = {}) {
  return { id, kind, type, name: id, config, position: { x, y } };
}
function delayAt(id: string, x: number, y: number) {
  return step(id, 'delay', 'action', x, y, { duration: '1h' });
}
function edgeOf(id: string, source: string, target: string, label: 'yes' | 'no' | null = null) {
  return { id, source, target, label };
}

/** A workflow with this graph, made through the API (and deleted after the run). */
async function seeded(name: string, graph: unknown): Promise<string> {
  const { id, revision } = await api<{ id: string; revision: number }>(cleanup.request, 'workflows.create', { companySlug: 'bluewater', name });
  created.push(id);
  await api(cleanup.request, 'workflows.saveGraph', { companySlug: 'bluewater', id, expectedRevision: revision, graph });
  return id;
}
