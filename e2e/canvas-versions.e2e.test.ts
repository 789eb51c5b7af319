/**
 * Versions in the editor, driven like a person: the version list says who published what and when (with their
 * message), a version opens read-only on the canvas, a comparison marks what was added, removed, changed and moved,
 * and restoring a version puts it back into the draft (undo takes it out again). And a viewer: sees everything,
 * changes nothing, and the server refuses them too.
 * Runs in Bluewater and deletes what it creates, so the smoke test's counts still hold.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Graph } from '../shared/graph/schema.ts';
import { launchBrowser } from './browser.ts';
import { api, apiSignIn, canvasState, centre, drag, edgeOf, flowPosition, nodeIds, saved, seedWorkflow, selectNode, shot, stepOf } from './canvas-helpers.ts';
import { openPage, poll, signIn } from './helpers.ts';

const OWEN = 'owen@bluewater.example';
const LENA = 'lena@bluewater.example'; // a viewer in Bluewater
let browser: Browser;
let owen: BrowserContext;
const created: string[] = [];

/** v1: amount over 100 waits an hour (yes) or two (no). */
const V1: Graph = {
  steps: [
    stepOf('trigger', 'trigger', 'trigger', 0, 0, {}, 'Trigger'),
    stepOf('c', 'condition', 'condition', 320, 0, { expression: 'event.data.amount > 100' }, 'Big refund?'),
    stepOf('a', 'delay', 'action', 640, -100, { duration: '1h' }, 'Wait an hour'),
    stepOf('b', 'delay', 'action', 640, 100, { duration: '2h' }, 'Wait two hours'),
  ] as Graph['steps'],
  edges: [edgeOf('e1', 'trigger', 'c'), edgeOf('e2', 'c', 'a', 'yes'), edgeOf('e3', 'c', 'b', 'no')],
};
/** The draft after v1: a higher threshold (changed), "a" nudged (moved) and now on no (label changed), "b" gone, an event added on yes. */
const DRAFT: Graph = {
  steps: [
    V1.steps[0]!,
    { ...V1.steps[1]!, config: { expression: 'event.data.amount > 500' } },
    { ...V1.steps[2]!, position: { x: 660, y: -140 } },
    stepOf('d', 'emit_event', 'action', 640, 240, { event: 'notification/requested', data: { message: "'A big refund'" } }, 'Announce it') as Graph['steps'][number],
  ],
  edges: [edgeOf('e1', 'trigger', 'c'), edgeOf('e2', 'c', 'a', 'no'), edgeOf('e4', 'c', 'd', 'yes')],
};

beforeAll(async () => {
  browser = await launchBrowser();
  owen = await browser.newContext({ baseURL: inject('baseUrl') });
  await apiSignIn(owen.request, OWEN);
});

afterAll(async () => {
  for (const id of created) await api(owen.request, 'workflows.delete', { companySlug: 'bluewater', id });
  await owen?.close();
  await browser?.close();
});

/** A workflow whose v1 is published (with a message) and whose draft has moved on to DRAFT. */
async function withHistory(name: string): Promise<{ id: string; v1: string }> {
  const { id, revision } = await seedWorkflow(owen.request, created, name, V1);
  const p = await api<{ versionId: string }>(owen.request, 'workflows.publish', { companySlug: 'bluewater', id, expectedRevision: revision, message: 'First cut: two waits' });
  await api(owen.request, 'workflows.saveGraph', { companySlug: 'bluewater', id, expectedRevision: revision, graph: DRAFT });
  return { id, v1: p.versionId };
}

describe('versions in the editor', () => {
  it('lists versions, opens one read-only, shows a diff on the canvas, and restores a version into the draft', async () => {
    const { id } = await withHistory('Canvas e2e: versions');
    const { page, pageErrors, close } = await openPage(browser);
    await signIn(page, OWEN, 'bluewater');
    await page.goto(`/supplier/bluewater/workflows/${id}`);
    await page.getByTestId('node-d').waitFor();
    await poll(() => page.getByTestId('published-version').textContent()).toBe('Published v1 · draft has changes');

    // The list: who, when, and what they said.
    await page.getByTestId('versions-toggle').click();
    const row = page.getByTestId('version-row').filter({ has: page.getByText('v1', { exact: true }) });
    await row.waitFor();
    expect(await row.getByTestId('version-message').textContent()).toBe('First cut: two waits');
    expect(await row.getByTestId('version-author').textContent()).toBe('by Owen Park');
    expect(await row.locator('time').textContent()).toBe('just now');

    // Open v1: its graph, read-only (no palette, nodes do not move), the draft untouched behind it.
    await row.getByTestId('version-view').click();
    await poll(() => page.getByTestId('view-title').textContent()).toBe('Version 1');
    expect(await page.getByTestId('view-message').textContent()).toBe('“First cut: two waits”');
    await page.getByTestId('node-b').waitFor();
    expect((await nodeIds(page)).sort()).toEqual(['a', 'b', 'c', 'trigger']);
    expect(await page.getByTestId('palette-search').count()).toBe(0);
    const before = await flowPosition(page, 'b');
    const b = await centre(page.getByTestId('node-b'));
    await drag(page, { x: b.x, y: b.y - 10 }, { x: b.x + 120, y: b.y + 80 });
    expect(await flowPosition(page, 'b')).toEqual(before);
    await page.keyboard.press('Delete');
    expect((await nodeIds(page)).sort()).toEqual(['a', 'b', 'c', 'trigger']);
    await shot(page, 'canvas-version-read-only');

    // Compare v1 with the draft: every kind of change is marked on the canvas and listed.
    await page.getByTestId('view-compare-draft').click();
    await poll(() => page.getByTestId('diff-summary').textContent()).toBe('2 added · 2 removed · 2 changed · 1 moved');
    await page.getByTestId('node-d').waitFor();
    const marks = async () =>
      page.evaluate(() => ({
        steps: Object.fromEntries([...document.querySelectorAll<HTMLElement>('[data-kind]')].map((el) => [el.dataset.testid!.slice(5), el.dataset.diff ?? null])),
        edges: Object.fromEntries([...document.querySelectorAll<SVGPathElement>('path[data-testid^="edge-"]')].map((el) => [el.dataset.testid!.slice(5), el.dataset.diff ?? null])),
      }));
    await poll(marks).toEqual({
      steps: { trigger: null, c: 'changed', a: 'moved', d: 'added', b: 'removed' },
      edges: { e1: null, e2: 'changed', e4: 'added', 'removed-e3': 'removed' },
    });
    expect(await page.getByTestId('node-c').getByTestId('diff-tag').getAttribute('title')).toBe('Changed: Expression (CEL)');
    expect(await page.getByTestId('edge-e2-label').textContent()).toBe('no(was yes)');
    const items = await page.getByTestId('diff-item').evaluateAll((els) => els.map((el) => `${(el as HTMLElement).dataset.status}: ${el.lastElementChild!.textContent}`));
    expect(items).toEqual([
      'added: Announce it',
      'removed: Wait two hours',
      'changed: Big refund?: Expression (CEL)',
      'moved: Wait an hour',
      'added: Big refund? → Announce it (yes)',
      'removed: Big refund? → Wait two hours (no)',
      'changed: Big refund? → Wait an hour: yes → no',
    ]);
    await shot(page, 'canvas-diff');

    // Back to the draft: nothing there changed.
    await page.getByTestId('view-close').click();
    await page.getByTestId('palette-search').waitFor();
    expect((await nodeIds(page)).sort()).toEqual(['a', 'c', 'd', 'trigger']);

    // Publish the draft as v2 (with a message), then compare v1 → v2 by picking both ends.
    await page.getByTestId('publish').click();
    await page.getByTestId('publish-message').fill('Only big refunds wait');
    await page.getByTestId('publish-confirm').click();
    await poll(() => page.getByTestId('published-version').textContent()).toBe('Published v2');
    await poll(() => page.getByTestId('version-row').count()).toBe(2);
    expect(await page.getByTestId('version-message').first().textContent()).toBe('Only big refunds wait');
    await row.getByTestId('version-compare').click();
    await page.getByTestId('diff-summary').waitFor();
    const v2Id = await page.getByTestId('diff-target').locator('option', { hasText: 'v2' }).getAttribute('value');
    await page.getByTestId('diff-target').selectOption(v2Id!);
    await poll(() => page.getByTestId('diff-summary').textContent()).toBe('2 added · 2 removed · 2 changed · 1 moved');
    await page.getByTestId('diff-target').selectOption('draft');
    await page.getByTestId('diff-base').selectOption(v2Id!);
    await poll(() => page.getByTestId('diff-summary').textContent()).toBe('No differences');

    // Restore v1 into the draft: asked first, then the canvas shows v1's graph and the server has it.
    await row.getByTestId('version-restore').click();
    await page.getByTestId('restore-dialog').waitFor({ state: 'visible' });
    await page.getByTestId('restore-confirm').click();
    await poll(() => page.getByTestId('editor-flash').textContent()).toBe('Restored version 1 into the draft. Publish to make it the running version.');
    await page.getByTestId('node-b').waitFor();
    await poll(async () => (await nodeIds(page)).sort()).toEqual(['a', 'b', 'c', 'trigger']);
    await saved(page);
    let server = await api<{ graph: Graph; revision: number }>(owen.request, 'workflows.get', { companySlug: 'bluewater', id }, 'query');
    expect(server.graph.steps.map((st) => st.id).sort()).toEqual(['a', 'b', 'c', 'trigger']);
    expect(server.graph.steps.find((st) => st.id === 'c')?.config).toEqual({ expression: 'event.data.amount > 100' });
    expect(server.graph.edges.map((e) => `${e.source}>${e.target}:${e.label ?? ''}`).sort()).toEqual(['c>a:yes', 'c>b:no', 'trigger>c:']);
    const restoredRevision = server.revision;
    await shot(page, 'canvas-restored');

    // Undo takes the restore back (the draft as it was, v2's graph), and that is saved too.
    await page.keyboard.press('Control+z');
    await poll(async () => (await nodeIds(page)).sort()).toEqual(['a', 'c', 'd', 'trigger']);
    await saved(page);
    server = await api<{ graph: Graph; revision: number }>(owen.request, 'workflows.get', { companySlug: 'bluewater', id }, 'query');
    expect(server.graph.steps.map((st) => st.id).sort()).toEqual(['a', 'c', 'd', 'trigger']);
    expect(server.revision).toBe(restoredRevision + 1);
    expect(pageErrors).toEqual([]);
    await close();
  });

  it('a viewer sees the canvas and the versions but cannot change anything, and the server refuses them', async () => {
    const { id, v1 } = await withHistory('Canvas e2e: viewer');
    const { page, pageErrors, close } = await openPage(browser);
    await signIn(page, LENA, 'bluewater');
    await page.goto(`/supplier/bluewater/workflows/${id}`);
    await page.getByTestId('node-d').waitFor();
    const start = await canvasState(page);

    // No palette, no save state, no undo; publish disabled and saying why.
    expect(await page.getByTestId('palette-search').count()).toBe(0);
    expect(await page.getByTestId('save-state').count()).toBe(0);
    expect(await page.getByTestId('undo').count()).toBe(0);
    expect(await page.getByTestId('publish').isDisabled()).toBe(true);
    expect(await page.getByTestId('publish').locator('..').getAttribute('title')).toBe('Your role cannot publish workflows');
    expect(await page.getByTestId('enable').isDisabled()).toBe(true);

    // Dragging a node, dragging from a handle, Delete, paste, tidy: nothing moves or changes.
    const d = await centre(page.getByTestId('node-d'));
    await drag(page, { x: d.x, y: d.y - 10 }, { x: d.x + 150, y: d.y + 90 });
    await drag(page, await centre(page.getByTestId('handle-d-out')), await centre(page.getByTestId('handle-a-in')));
    await selectNode(page, 'd');
    for (const key of ['Delete', 'Backspace', 'Control+c', 'Control+v', 'Control+d', 't', 'Control+z']) await page.keyboard.press(key);
    await page.getByTestId('edge-e4-label').getByText('yes').click();
    expect(await page.getByRole('button', { name: 'Delete connection' }).count()).toBe(0);
    expect(await canvasState(page)).toEqual(start);

    // The config form is there to read, but disabled.
    await selectNode(page, 'c');
    await page.getByTestId('config-panel').waitFor();
    expect(await page.getByTestId('field-expression').isDisabled()).toBe(true);
    expect(await page.getByTestId('step-name').isDisabled()).toBe(true);
    expect(await page.getByTestId('delete-step').count()).toBe(0);
    await shot(page, 'canvas-viewer');

    // Versions: listed, viewable and comparable, never restorable.
    await page.getByTestId('versions-toggle').click();
    await page.getByTestId('version-row').first().waitFor();
    expect(await page.getByTestId('version-restore').count()).toBe(0);
    await page.getByTestId('version-view').click();
    await poll(() => page.getByTestId('view-title').textContent()).toBe('Version 1');
    expect(await page.getByTestId('view-restore').count()).toBe(0);
    await page.getByTestId('view-compare-draft').click();
    await poll(() => page.getByTestId('diff-summary').textContent()).toBe('2 added · 2 removed · 2 changed · 1 moved');

    // And the server says no to the viewer's session, whatever the UI shows.
    const wf = await api<{ revision: number }>(page.context().request, 'workflows.get', { companySlug: 'bluewater', id }, 'query');
    for (const [route, input] of [
      ['workflows.saveGraph', { companySlug: 'bluewater', id, expectedRevision: wf.revision, graph: V1 }],
      ['workflows.publish', { companySlug: 'bluewater', id, expectedRevision: wf.revision }],
      ['versions.restore', { companySlug: 'bluewater', workflowId: id, id: v1, expectedRevision: wf.revision }],
    ] as const) {
      const res = await page.context().request.post(`/trpc/${route}`, { data: input });
      expect({ route, status: res.status() }).toEqual({ route, status: 403 });
    }
    const after = await api<{ revision: number; graph: Graph }>(owen.request, 'workflows.get', { companySlug: 'bluewater', id }, 'query');
    expect(after.revision).toBe(wf.revision);
    expect(after.graph.steps.map((st) => st.id).sort()).toEqual(['a', 'c', 'd', 'trigger']);
    expect(pageErrors).toEqual([]);
    await close();
  });
});
