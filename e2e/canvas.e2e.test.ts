/**
 * The workflow editor, driven like a person: drag steps from the palette, connect handles with the mouse, see a
 * refused loop explained, fix a CEL error the form and the canvas both point at, reload to find everything saved,
 * undo/redo (through ten edits and back), copy/paste, tidy, publish with a message, run; and a save conflict, faked
 * through the API and for real between two browser contexts, resolved both ways.
 * Runs in the Bluewater company and deletes every workflow it creates, so the smoke test's counts still hold.
 * Screenshots of the editor land in test-results/e2e/ on every run.
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
  canvasState,
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
  shot,
} from './canvas-helpers.ts';
import { openPage, poll, signIn } from './helpers.ts';

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

/** Room for the whole step palette and a canvas that shows the test graphs without panning. */
const EDITOR_VIEWPORT = { width: 1280, height: 1600 };

describe('workflow editor', () => {
  it('builds, validates, saves, edits and publishes a branching workflow by hand', async () => {
    const { page, pageErrors, close } = await openPage(browser, EDITOR_VIEWPORT);
    await signIn(page, OWEN, 'bluewater');
    await page.getByTestId('new-workflow').click();
    await page.getByTestId('create-name').fill('Canvas e2e: refund check');
    await page.getByTestId('create-submit').click();
    await page.waitForURL(/\/supplier\/bluewater\/workflows\/[0-9a-f-]{36}$/);
    created.push(page.url().split('/').at(-1)!);
    await page.getByTestId('node-trigger').waitFor();
    await poll(() => page.getByTestId('workflow-name').textContent()).toBe('Canvas e2e: refund check');
    await shot(page, 'canvas-empty');

    // Palette: searchable, grouped, and the trigger cannot be added twice.
    await page.getByTestId('palette-search').fill('approv');
    await page.getByTestId('palette-item-human_gate').waitFor();
    await poll(() => page.getByTestId('palette-item-delay').count()).toBe(0);
    await page.getByTestId('palette-search').fill('');
    expect(await page.getByTestId('palette-item-trigger').isDisabled()).toBe(true);

    // Make room: zoom out twice, move the trigger to the left. Then drag three steps onto the canvas, all within
    // its ~615 px beside the folded sidebar, the palette and the side panel at 1280 px, and their handles clear of
    // the 40 px band at its edge where dragging a connection pans the canvas.
    await page.getByRole('button', { name: 'Zoom Out' }).click();
    await page.getByRole('button', { name: 'Zoom Out' }).click();
    const o = await canvasOrigin(page);
    const start = await centre(page.getByTestId('node-trigger'));
    await drag(page, { x: start.x, y: start.y - 10 }, { x: o.x + 95, y: start.y - 10 });
    const trigger = await centre(page.getByTestId('node-trigger'));
    expect(trigger.x).toBeLessThan(start.x);
    const cond = await dropFromPalette(page, 'condition', { x: o.x + 285, y: trigger.y });
    const delay = await dropFromPalette(page, 'delay', { x: o.x + 470, y: trigger.y - 90 });
    const task = await dropFromPalette(page, 'create_task', { x: o.x + 470, y: trigger.y + 90 });
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
    await shot(page, 'canvas-refused-loop');

    // A CEL syntax error shows inline and as a badge on the step; Publish stays disabled, saying why.
    await selectNode(page, cond);
    const expression = page.getByTestId('field-expression');
    await expression.fill('event.data.amount >');
    await page.getByTestId('config-panel').getByText(/Syntax error/).waitFor();
    await page.getByTestId(`node-${cond}`).getByTestId('issue-badge').waitFor();
    expect(await page.getByTestId('publish').isDisabled()).toBe(true);
    expect(await page.getByTestId('publish').locator('..').getAttribute('title')).toMatch(/Fix \d+ issues? before publishing/);
    await shot(page, 'canvas-validation-issues');
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
    await poll(() => page.getByTestId('issues-chip').textContent()).toBe('No issues');
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
    await shot(page, 'canvas-workflow');

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
    // From the narrow gap between the trigger and the condition, so the band leaves the trigger out.
    await drag(page, { x: cBox.x - 10, y: dBox.y - 30 }, { x: dBox.x + dBox.width + 30, y: cBox.y + cBox.height + 10 });
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
    await shot(page, 'canvas-shortcuts');
    await page.keyboard.press('Escape');
    await page.getByTestId('shortcut-help').waitFor({ state: 'hidden' });

    // Publish once valid and saved, saying what changed; then start a run with a sample payload.
    await saved(page);
    await page.getByTestId('publish').click();
    await page.getByTestId('publish-dialog').waitFor({ state: 'visible' });
    await poll(() => page.getByTestId('publish-message').evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('Refunds over 100 get a review task');
    await page.keyboard.press('Enter');
    await poll(() => page.getByTestId('published-version').textContent()).toBe('Published v1');
    await poll(() => page.getByTestId('editor-flash').textContent()).toBe('Published version 1');
    await poll(() => page.getByTestId('published-version').getAttribute('title')).toBe('v1: Refunds over 100 get a review task');
    await page.getByTestId('run-now').click();
    await page.getByTestId('run-payload').fill('{"amount": 150}');
    await page.getByTestId('run-start').click();
    // The editor stays open and shows the run above the canvas, with a link to it.
    const link = page.getByTestId('editor-run-link');
    await link.waitFor();
    expect(await link.getAttribute('href')).toMatch(/^\/supplier\/bluewater\/workflows\/[0-9a-f-]{36}\/runs\/[0-9a-f-]{36}$/);
    await shot(page, 'canvas-run-started');
    expect(pageErrors).toEqual([]);
    await close();
  });

  it('shows a conflict when someone else saved first, and resolves it by reloading or by overwriting', async () => {
    const { id } = await api<{ id: string }>(cleanup.request, 'workflows.create', { companySlug: 'bluewater', name: 'Canvas e2e: conflict' });
    created.push(id);
    const { page, pageErrors, close } = await openPage(browser, EDITOR_VIEWPORT);
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
    await shot(page, 'canvas-conflict');
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
    const { page, pageErrors, close } = await openPage(browser, EDITOR_VIEWPORT);
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
    await poll(() => page.getByTestId('config-panel').getByRole('heading', { level: 2 }).textContent()).toBe('Emit event');
    // The event is picked from the catalog's external events.
    await page.getByTestId('field-event').selectOption('notification/requested');
    await poll(() => page.getByTestId(`node-${added}-summary`).textContent()).toBe('notification/requested');

    // Snap to grid is a toggle that says whether it is on.
    const snapToggle = page.getByTestId('snap');
    expect(await snapToggle.getAttribute('aria-pressed')).toBe('true');
    await snapToggle.click();
    await poll(() => snapToggle.getAttribute('aria-pressed')).toBe('false');
    await saved(page);
    expect(pageErrors).toEqual([]);
    await close();
  });

  it('undoes ten edits of every kind one by one, redoes them all, and saves where it ends', async () => {
    const { id } = await api<{ id: string }>(cleanup.request, 'workflows.create', { companySlug: 'bluewater', name: 'Canvas e2e: ten edits' });
    created.push(id);
    const { page, pageErrors, close } = await openPage(browser, EDITOR_VIEWPORT);
    await signIn(page, OWEN, 'bluewater');
    await page.goto(`/supplier/bluewater/workflows/${id}`);
    await page.getByTestId('node-trigger').waitFor();

    const states = [await canvasState(page)];
    /** Does one edit, waits until the canvas shows something new, and records it. */
    async function edit(label: string, act: () => Promise<void>) {
      const before = states.at(-1)!;
      await act();
      await poll(async () => JSON.stringify(await canvasState(page)) !== JSON.stringify(before)).toBe(true);
      states.push(await canvasState(page));
      expect({ label, undoable: await page.getByTestId('undo').isEnabled() }).toEqual({ label, undoable: true });
    }
    const newest = async (before: string[]) => (await nodeIds(page)).find((n) => !before.includes(n))!;

    await selectNode(page, 'trigger');
    let ids = await nodeIds(page);
    await edit('1 add a delay after the trigger', () => page.getByTestId('palette-item-delay').click());
    const delay = await newest(ids);
    ids = await nodeIds(page);
    await edit('2 add a condition after it', () => page.getByTestId('palette-item-condition').click());
    const cond = await newest(ids);
    ids = await nodeIds(page);
    await edit('3 an event on its yes branch', () => page.getByTestId('palette-item-emit_event').click());
    const event = await newest(ids);
    await selectNode(page, cond);
    ids = await nodeIds(page);
    await edit('4 a task on its no branch', () => page.getByTestId('palette-item-create_task').click());
    const task = await newest(ids);
    await selectNode(page, cond);
    await edit('5 rename the condition', () => page.getByTestId('step-name').fill('Big refund?'));
    await edit('6 give it an expression', () => page.getByTestId('field-expression').fill('event.data.amount > 100'));
    await edit('7 drag the event step down', async () => {
      const at = await centre(page.getByTestId(`node-${event}`));
      await drag(page, { x: at.x, y: at.y - 12 }, { x: at.x + 40, y: at.y + 110 });
    });
    await page.keyboard.press('Escape');
    await edit('8 tidy up', () => page.getByTestId('tidy').click());
    await selectNode(page, task);
    await edit('9 delete the task', () => page.keyboard.press('Delete'));
    await selectNode(page, delay);
    await edit('10 duplicate the delay', () => page.keyboard.press('Control+d'));
    expect(states).toHaveLength(11);
    expect(new Set(states.map((st) => JSON.stringify(st))).size).toBe(11);

    // Back through all ten, one at a time, by the toolbar and the keyboard alternately.
    for (let i = 10; i >= 1; i--) {
      if (i % 2) await page.getByTestId('undo').click();
      else await page.keyboard.press('Control+z');
      await poll(() => canvasState(page)).toEqual(states[i - 1]);
    }
    expect(await page.getByTestId('undo').isDisabled()).toBe(true);
    // And forward again.
    for (let i = 1; i <= 10; i++) {
      if (i % 2) await page.getByTestId('redo').click();
      else await page.keyboard.press('Control+Shift+z');
      await poll(() => canvasState(page)).toEqual(states[i]);
    }
    expect(await page.getByTestId('redo').isDisabled()).toBe(true);

    // What is saved is the last state: the duplicate is there, the task is not.
    await saved(page);
    const server = await api<{ graph: Graph }>(cleanup.request, 'workflows.get', { companySlug: 'bluewater', id }, 'query');
    expect(server.graph.steps.map((st) => st.id).sort()).toEqual(Object.keys(states[10]!.steps).sort());
    expect(server.graph.steps.find((st) => st.id === cond)).toMatchObject({ name: 'Big refund?', config: { expression: 'event.data.amount > 100' } });
    expect(server.graph.steps.some((st) => st.id === task)).toBe(false);
    expect(pageErrors).toEqual([]);
    await close();
  });

  it('two browser contexts editing one workflow: the second save conflicts, and both resolutions work', async () => {
    const { id } = await api<{ id: string }>(cleanup.request, 'workflows.create', { companySlug: 'bluewater', name: 'Canvas e2e: two editors' });
    created.push(id);
    // Owen on two machines: separate contexts, separate sessions, the same revision loaded in both.
    const a = await openPage(browser, EDITOR_VIEWPORT);
    const b = await openPage(browser, EDITOR_VIEWPORT);
    for (const { page } of [a, b]) {
      await signIn(page, OWEN, 'bluewater');
      await page.goto(`/supplier/bluewater/workflows/${id}`);
      await page.getByTestId('node-trigger').waitFor();
    }
    const place = async (page: typeof a.page, dy: number) => {
      const t = await centre(page.getByTestId('node-trigger'));
      return { x: t.x + 260, y: t.y + dy };
    };

    // A saves first.
    const fromA = await dropFromPalette(a.page, 'delay', await place(a.page, 0));
    await saved(a.page);
    // B, still on the old revision, saves second: a conflict, nothing of B's is written, and B is told.
    const fromB = await dropFromPalette(b.page, 'create_task', await place(b.page, 120));
    const dialogB = b.page.getByTestId('conflict-dialog');
    await dialogB.waitFor({ state: 'visible' });
    await poll(() => b.page.getByTestId('save-state').getAttribute('data-state')).toBe('error');
    await shot(b.page, 'canvas-conflict-two-contexts');
    let server = await api<{ graph: Graph }>(cleanup.request, 'workflows.get', { companySlug: 'bluewater', id }, 'query');
    expect(server.graph.steps.map((st) => st.id).sort()).toEqual([fromA, 'trigger'].sort());

    // B reloads: A's step appears, B's unsaved one is gone. B carries on from there and saves fine.
    await b.page.getByTestId('conflict-reload').click();
    await dialogB.waitFor({ state: 'hidden' });
    await b.page.getByTestId(`node-${fromA}`).waitFor();
    await poll(() => b.page.getByTestId(`node-${fromB}`).count()).toBe(0);
    const secondB = await dropFromPalette(b.page, 'emit_event', await place(b.page, 240));
    await saved(b.page);

    // Now A is the stale one. A renames its delay: conflict; A overwrites, and A's draft is what the server keeps.
    await selectNode(a.page, fromA);
    await a.page.getByTestId('step-name').fill('Wait for A');
    const dialogA = a.page.getByTestId('conflict-dialog');
    await dialogA.waitFor({ state: 'visible' });
    await a.page.getByTestId('conflict-overwrite').click();
    await dialogA.waitFor({ state: 'hidden' });
    await saved(a.page);
    server = await api<{ graph: Graph }>(cleanup.request, 'workflows.get', { companySlug: 'bluewater', id }, 'query');
    expect(server.graph.steps.map((st) => st.id).sort()).toEqual([fromA, 'trigger'].sort());
    expect(server.graph.steps.find((st) => st.id === fromA)?.name).toBe('Wait for A');

    // B, reloading the page, sees exactly that.
    await b.page.reload();
    await b.page.getByTestId(`node-${fromA}`).waitFor();
    await poll(() => b.page.getByTestId(`node-${secondB}`).count()).toBe(0);
    await poll(() => b.page.getByTestId(`node-${fromA}`).textContent()).toContain('Wait for A');
    expect(a.pageErrors).toEqual([]);
    expect(b.pageErrors).toEqual([]);
    await a.close();
    await b.close();
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
