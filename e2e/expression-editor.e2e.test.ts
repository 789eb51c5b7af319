/**
 * The expression editor, used like a person: a condition's expression typed with the keyboard, a step picked from
 * the completion list (an older dashed id offered in the bracket form that parses), the preview showing the value on
 * the last run, and a reference to a step that does not exist refused as you type and by the server's validation.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import type { Graph } from '../shared/graph/schema.ts';
import { launchBrowser } from './browser.ts';
import { api, apiSignIn, edgeOf, saved, seedWorkflow, selectNode, shot, stepOf, typeExpression } from './canvas-helpers.ts';
import { openPage, poll, signIn } from './helpers.ts';

const OWEN = 'owen@bluewater.example';
const SLUG = 'bluewater';
let browser: Browser;
let owen: BrowserContext;
let workflowId: string;
const created: string[] = [];

/** trigger → "legacy-xf" (an id from before ids were identifiers) → check → yes/no. */
const GRAPH: Graph = {
  steps: [
    stepOf('trigger', 'trigger', 'trigger', 0, 100, {}, 'Trigger'),
    stepOf('legacy-xf', 'transform', 'action', 300, 100, { mapping: { total: 'event.data.amount * 2' } }, 'Double it'),
    stepOf('check', 'condition', 'condition', 600, 100, { expression: 'event.data.amount > 1' }, 'Big order?'),
    stepOf('yes_1', 'transform', 'action', 900, 0, { mapping: { big: 'true' } }, 'Mark big'),
    stepOf('no_1', 'transform', 'action', 900, 200, { mapping: { big: 'false' } }, 'Mark small'),
  ] as Graph['steps'],
  edges: [edgeOf('e1', 'trigger', 'legacy-xf'), edgeOf('e2', 'legacy-xf', 'check'), edgeOf('e3', 'check', 'yes_1', 'yes'), edgeOf('e4', 'check', 'no_1', 'no')],
};

beforeAll(async () => {
  browser = await launchBrowser();
  owen = await browser.newContext({ baseURL: inject('baseUrl') });
  await apiSignIn(owen.request, OWEN);
  const wf = await seedWorkflow(owen.request, created, 'Expression editor e2e', GRAPH);
  workflowId = wf.id;
  await api(owen.request, 'workflows.publish', { companySlug: SLUG, id: wf.id, expectedRevision: wf.revision });
  // One real run, so the editor has a last run to complete from and preview on.
  const { runId } = await api<{ runId: string }>(owen.request, 'runs.start', { companySlug: SLUG, workflowId, payload: { amount: 60, sku: 'SKU-9' } });
  await vi.waitFor(async () => expect((await api<{ run: { status: string } }>(owen.request, 'runs.get', { companySlug: SLUG, id: runId }, 'query')).run.status).toBe('completed'), { timeout: 20_000, interval: 100 });
});

afterAll(async () => {
  for (const id of created) await api(owen.request, 'workflows.delete', { companySlug: SLUG, id });
  await owen?.close();
  await browser?.close();
});

describe('expression editor', () => {
  it('completes steps and fields by keyboard, previews on the last run, and refuses an unknown step', async () => {
    const { page, pageErrors, close } = await openPage(browser, { width: 1280, height: 900 });
    await signIn(page, OWEN, SLUG);
    await page.goto(`/supplier/${SLUG}/workflows/${workflowId}`);

    // The hint for an old dashed id is the bracket form, which parses.
    await selectNode(page, 'legacy-xf');
    await poll(() => page.getByTestId('step-output-path').textContent()).toBe('steps["legacy-xf"]');
    // A transform's field is a one-line editor; it is offered only the steps before it (the trigger).
    const row = page.getByTestId('field-mapping-value-0');
    await typeExpression(page, 'field-mapping-value-0', 'steps.');
    const list = page.locator('.cm-tooltip-autocomplete');
    await poll(() => list.getByRole('option').allTextContents()).toEqual(['triggermap']);
    await page.keyboard.press('Enter');
    await page.keyboard.type('.am');
    await poll(() => list.getByRole('option').allTextContents()).toEqual(['amountnumber']);
    await page.keyboard.press('Enter');
    await page.keyboard.type(' * 2');
    await page.keyboard.press('Enter'); // no new line in a one-line field
    await poll(() => row.evaluate((el) => [el.textContent, el.querySelectorAll('.cm-line').length])).toEqual(['steps.trigger.amount * 2', 1]);

    await selectNode(page, 'check');
    const editor = page.getByTestId('field-expression');
    expect(await editor.getAttribute('aria-label')).toBe('Expression (CEL)');
    expect(await editor.getAttribute('role')).toBe('textbox');
    // The stored expression, previewed on the last run's event (amount 60); filled as older tests do, it follows.
    await poll(() => page.getByTestId('field-expression-preview-value').textContent()).toBe('true');
    await editor.fill('event.data.amount > 100');
    await poll(() => page.getByTestId('field-expression-preview-value').textContent()).toBe('false');

    // Steps nearest first, the dashed id offered in the bracket form; Enter takes the highlighted one.
    await typeExpression(page, 'field-expression', 'steps.');
    await poll(() => list.getByRole('option').allTextContents()).toEqual(['["legacy-xf"]map', 'triggermap']);
    await page.keyboard.press('Enter');
    await poll(() => editor.textContent()).toBe('steps["legacy-xf"]');
    await page.keyboard.type('.to');
    await poll(() => list.getByRole('option').allTextContents()).toEqual(['totalnumber']);
    await page.keyboard.press('Enter');
    await page.keyboard.type(' > 100');
    await poll(() => editor.textContent()).toBe('steps["legacy-xf"].total > 100');
    // 60 × 2 on the last run.
    await poll(() => page.getByTestId('field-expression-preview-value').textContent()).toBe('true');

    // Arrow keys move through the list: the trigger's output, then a field of the last run's payload.
    await page.keyboard.type(' && steps.');
    await list.getByRole('option').first().waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.keyboard.type('.');
    // In the order the run stored them (Postgres keeps jsonb keys shortest first).
    await poll(() => list.getByRole('option').allTextContents()).toEqual(['skustring', 'amountnumber']);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.keyboard.type(' < 50');
    const typed = 'steps["legacy-xf"].total > 100 && steps.trigger.amount < 50';
    await poll(() => editor.textContent()).toBe(typed);
    await poll(() => page.getByTestId('field-expression-preview-value').textContent()).toBe('false');
    await page.getByTestId('field-expression-ok').waitFor();
    await poll(() => page.getByTestId('node-check-summary').textContent()).toBe(typed);
    await shot(page, 'expression-editor-preview');

    // A step that does not exist: an error as you type, underlined in the editor, a badge on the node.
    await typeExpression(page, 'field-expression', 'steps.nosuch.x > 1');
    const panel = page.getByTestId('config-panel');
    await panel.getByText('No step has the id "nosuch"').waitFor();
    expect(await page.getByTestId('field-expression-ok').count()).toBe(0);
    await page.getByTestId('field-expression-editor').locator('.cm-lintRange-error').first().waitFor();
    await page.getByTestId('node-check').getByTestId('issue-badge').waitFor();
    expect(await page.getByTestId('field-expression-preview').count()).toBe(0);
    await shot(page, 'expression-editor-unknown-step');

    // The server's validation says the same once the draft is saved: publishing would be refused.
    await saved(page);
    const detail = await api<{ issues: { code: string; stepId?: string; message: string }[] }>(owen.request, 'workflows.get', { companySlug: SLUG, id: workflowId }, 'query');
    expect(detail.issues.filter((i) => i.code === 'BAD_REFERENCE')).toEqual([expect.objectContaining({ stepId: 'check', message: 'Big order?: expression: No step has the id "nosuch"' })]);

    // A step added now gets an id CEL reads with a dot, and its hint says so.
    await page.getByTestId('palette-item-transform').click();
    await poll(() => page.getByTestId('step-output-path').textContent()).toMatch(/^steps\.transform_[0-9a-z]{6}$/);

    expect(pageErrors).toEqual([]);
    await close();
  });
});
