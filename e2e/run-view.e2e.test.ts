/**
 * Live runs in two browsers: a watcher sees a run move on the canvas without reloading (parallel branches
 * running then completed, the untaken branch skipped, the approval waiting), an approver decides from the inbox
 * or from the run's side panel, and every open view follows to the end; a watcher whose live connection is cut
 * mid-run still gets the final state when it comes back. Saves screenshots of a live run, the inspector and the
 * approvals inbox under test-results/run-view/.
 * Runs in Bluewater (Owen, admin, starts and watches; Rachel, approver there, decides) and deletes the workflows
 * it creates, so the smoke test's counts still hold.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Graph } from '../shared/graph/schema.ts';
import { launchBrowser } from './browser.ts';
import { api, apiSignIn } from './canvas-helpers.ts';
import { poll } from './helpers.ts';

const OWEN = 'owen@bluewater.example';
const RACHEL = 'rachel@copperkettle.example';
const SLUG = 'bluewater';
const SHOTS = path.resolve(import.meta.dirname, '../test-results/run-view');

let browser: Browser;
let admin: BrowserContext;
let workflowId = '';
let slowWorkflowId = '';
let failingWorkflowId = '';
const created: string[] = [];

/** Two parallel branches joining at a condition; the large-refund branch waits for an approval. */
const s = (id: string, kind: string, type: Graph['steps'][number]['type'], name: string, x: number, y: number, config: Record<string, unknown> = {}) => ({ id, kind, type, name, config, position: { x, y } });
const e = (source: string, target: string, label: 'yes' | 'no' | null = null) => ({ id: `${source}-${target}`, source, target, label });
const REFUND_GRAPH: Graph = {
  steps: [
    s('trigger', 'trigger', 'trigger', 'Refund requested', 0, 150),
    s('order', 'delay', 'action', 'Fetch the order', 300, 40, { duration: '1500ms' }),
    s('risk', 'delay', 'action', 'Score the risk', 300, 260, { duration: '2500ms' }),
    s('check', 'condition', 'condition', 'Large refund?', 600, 150, { expression: 'event.data.amount > 100' }),
    s('review', 'human_gate', 'human_gate', 'Finance review', 900, 40, {
      instructions: 'Check the refund against the order and the risk score, then approve or reject.',
      assigneeRole: 'approver', timeout: '4h', onTimeout: 'reject', noSelfApproval: false,
    }),
    s('auto', 'transform', 'action', 'Auto-approve', 900, 300, { mapping: { approved: 'true' } }),
    s('refund', 'transform', 'action', 'Issue the refund', 1200, -40, { mapping: { refunded: 'event.data.amount' } }),
    s('decline', 'transform', 'action', 'Decline the refund', 1200, 150, { mapping: { declined: 'true' } }),
  ],
  edges: [e('trigger', 'order'), e('trigger', 'risk'), e('order', 'check'), e('risk', 'check'), e('check', 'review', 'yes'), e('check', 'auto', 'no'), e('review', 'refund', 'yes'), e('review', 'decline', 'no')],
};

/** A run long enough to cut a connection in the middle of. */
const SLOW_GRAPH: Graph = {
  steps: [
    s('trigger', 'trigger', 'trigger', 'Refund requested', 0, 0),
    s('nap', 'delay', 'action', 'Wait for the carrier', 300, 0, { duration: '4s' }),
    s('check', 'condition', 'condition', 'Large refund?', 600, 0, { expression: 'event.data.amount > 100' }),
    s('big', 'transform', 'action', 'Flag for review', 900, -90, { mapping: { flagged: 'true' } }),
    s('auto', 'transform', 'action', 'Auto-approve', 900, 90, { mapping: { approved: 'true' } }),
  ],
  edges: [e('trigger', 'nap'), e('nap', 'check'), e('check', 'big', 'yes'), e('check', 'auto', 'no')],
};

/** A step that fails on its input (division by zero), next to a branch that completes. */
const FAILING_GRAPH: Graph = {
  steps: [
    s('trigger', 'trigger', 'trigger', 'Invoice received', 0, 100),
    s('prep', 'transform', 'action', 'Read the invoice', 300, 0, { mapping: { count: 'event.data.count' } }),
    s('side', 'transform', 'action', 'Note the supplier', 300, 200, { mapping: { noted: 'true' } }),
    s('ratio', 'transform', 'action', 'Price per unit', 600, 0, { mapping: { perUnit: 'event.data.total / event.data.count' } }),
  ],
  edges: [e('trigger', 'prep'), e('trigger', 'side'), e('prep', 'ratio')],
};

async function publish(name: string, graph: Graph): Promise<string> {
  const wf = await api<{ id: string; revision: number }>(admin.request, 'workflows.create', { companySlug: SLUG, name });
  created.push(wf.id);
  const saved = await api<{ revision: number; issues: unknown[] }>(admin.request, 'workflows.saveGraph', { companySlug: SLUG, id: wf.id, expectedRevision: wf.revision, graph });
  expect(saved.issues).toEqual([]);
  await api(admin.request, 'workflows.publish', { companySlug: SLUG, id: wf.id, expectedRevision: saved.revision });
  return wf.id;
}

beforeAll(async () => {
  browser = await launchBrowser();
  admin = await browser.newContext({ baseURL: inject('baseUrl') });
  await apiSignIn(admin.request, OWEN);
  workflowId = await publish('Refund approval (run view e2e)', REFUND_GRAPH);
  slowWorkflowId = await publish('Slow refund (run view e2e)', SLOW_GRAPH);
  failingWorkflowId = await publish('Invoice check (run view e2e)', FAILING_GRAPH);
  fs.mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => {
  // Loud on failure: a leftover workflow would break the smoke test's Bluewater row count.
  for (const id of created) await api(admin.request, 'workflows.delete', { companySlug: SLUG, id });
  await admin?.close();
  await browser?.close();
});

/**
 * A signed-in context whose pages record every status a step node shows (from the first paint), and count full
 * page loads, so a test can say "turned running, then completed" and "never reloaded".
 */
async function signedIn(email: string): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ baseURL: inject('baseUrl'), viewport: { width: 1440, height: 900 } });
  context.setDefaultTimeout(15_000);
  await apiSignIn(context.request, email);
  await context.addInitScript(() => {
    const w = window as unknown as { __loads: number; __statusLog: { id: string; status: string; display: string; t: number }[] };
    sessionStorage.setItem('loads', String(Number(sessionStorage.getItem('loads') ?? 0) + 1));
    w.__statusLog = [];
    const record = (el: Element) => {
      const id = el.getAttribute('data-testid')?.slice('node-'.length);
      const status = el.getAttribute('data-step-status');
      if (!id || !status) return;
      const last = w.__statusLog.filter((r) => r.id === id).at(-1);
      const display = el.getAttribute('data-status') ?? '';
      if (last?.status !== status || last.display !== display) w.__statusLog.push({ id, status, display, t: Date.now() });
    };
    new MutationObserver((mutations) => {
      for (const m of mutations) {
        if (m.type === 'attributes') record(m.target as Element);
        for (const n of m.addedNodes) if (n instanceof Element) n.querySelectorAll('[data-step-status]').forEach(record);
      }
    }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-step-status', 'data-status'] });
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  return { context, page, errors };
}

const node = (page: Page, id: string) => page.getByTestId(`node-${id}`);
const attr = (page: Page, id: string, name: string) => node(page, id).getAttribute(name);
const runUrl = (runId: string) => `/supplier/${SLUG}/workflows/${workflowId}/runs/${runId}`;

async function statusesOf(page: Page, id: string): Promise<string[]> {
  return page.evaluate((stepId) => (window as unknown as { __statusLog: { id: string; status: string }[] }).__statusLog.filter((r) => r.id === stepId).map((r) => r.status), id);
}

async function loads(page: Page): Promise<number> {
  return page.evaluate(() => Number(sessionStorage.getItem('loads')));
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

async function startRun(payload: Record<string, unknown>): Promise<string> {
  return (await api<{ runId: string }>(admin.request, 'runs.start', { companySlug: SLUG, workflowId, payload })).runId;
}

/** The watcher's view once the run reached its approval: branches done, untaken branch skipped, gate waiting. */
async function expectWaitingAtTheGate(page: Page) {
  await poll(() => attr(page, 'review', 'data-status')).toBe('waiting');
  expect(await attr(page, 'order', 'data-step-status')).toBe('completed');
  expect(await attr(page, 'risk', 'data-step-status')).toBe('completed');
  await poll(() => attr(page, 'check', 'data-branch')).toBe('yes');
  await poll(() => page.getByTestId('node-check-value').textContent()).toContain('→ true');
  await poll(() => attr(page, 'auto', 'data-status')).toBe('skipped');
  expect(await page.getByTestId('node-auto-reason').getAttribute('title')).toMatch(/^branch not taken: "Large refund\?" took yes, not no/);
  await poll(() => page.getByTestId('edge-check-auto').getAttribute('data-state')).toBe('not-taken');
  await poll(() => page.getByTestId('edge-check-review').getAttribute('data-state')).toBe('taken');
  await poll(() => page.getByTestId('run-status').getAttribute('data-status')).toBe('waiting');
}

describe('live run view', () => {
  it('a watcher sees the run move without reloading; an approver approves from the inbox; the watcher sees it finish', async () => {
    const watcher = await signedIn(OWEN);
    const approver = await signedIn(RACHEL);
    const page = watcher.page;

    // Run now from the workflow's runs list, with a payload typed in the editor; the run view opens at once.
    await page.goto(`/supplier/${SLUG}/workflows/${workflowId}/runs`);
    await page.getByTestId('runs-run-now').click();
    await page.getByTestId('run-payload').fill('{\n  "amount": 250,\n  "orderId": "BW-1042"\n}');
    await page.getByTestId('run-start').click();
    await page.waitForURL(/\/runs\/[0-9a-f-]{36}$/);
    const runId = page.url().split('/').at(-1)!;
    await poll(() => page.getByTestId('live-indicator').getAttribute('data-state')).toBe('live');
    await poll(() => attr(page, 'order', 'data-step-status')).toBe('running');
    expect(await attr(page, 'order', 'data-status')).toBe('sleeping');
    await shot(page, 'live-run-running');

    await expectWaitingAtTheGate(page);
    // Both parallel branches were seen running, then completed; the untaken one never ran.
    for (const id of ['order', 'risk']) {
      const seen = await statusesOf(page, id);
      expect(seen.indexOf('running'), `${id}: ${seen.join(' → ')}`).toBeGreaterThanOrEqual(0);
      expect(seen.lastIndexOf('completed')).toBeGreaterThan(seen.indexOf('running'));
    }
    expect(await statusesOf(page, 'auto')).not.toContain('running');
    expect(await statusesOf(page, 'review')).toContain('running');
    await poll(() => page.getByTestId('overview-gate').count()).toBe(1);
    await shot(page, 'live-run-waiting');

    // The inspector: what the condition evaluated, its input/output, attempts with their times.
    await node(page, 'check').click();
    await page.getByTestId('step-inspector').waitFor();
    await poll(() => page.getByTestId('inspector-condition').textContent()).toMatch(/event\.data\.amount > 100.*true.*yes/);
    await poll(() => page.getByTestId('inspector-output').textContent()).toContain('"branch": "yes"');
    await poll(() => page.getByTestId('attempt').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('inspector-duration').textContent()).toMatch(/\d+(\.\d+)? (ms|s)/);
    await shot(page, 'inspector');

    // The approver's inbox lists it with its SLA; approving with a comment.
    await approver.page.goto(`/supplier/${SLUG}/inbox`);
    const item = approver.page.locator(`[data-testid="inbox-item"][data-run-id="${runId}"]`);
    await item.click();
    await poll(() => item.getByTestId('inbox-sla').textContent()).toMatch(/due in 3 h 5\d min|due in 4 h/);
    await poll(() => approver.page.getByTestId('gate-instructions').textContent()).toContain('Check the refund against the order');
    await approver.page.getByTestId('gate-comment').fill('Matches the order; the risk score is low.');
    await shot(approver.page, 'approvals-inbox');
    await approver.page.getByTestId('gate-approve').click();
    await poll(() => approver.page.getByTestId('inbox-flash').textContent()).toContain('Approved');
    await poll(() => item.count()).toBe(0);

    // The watcher, without reloading, sees the approved branch run and the run complete.
    await poll(() => page.getByTestId('run-status').getAttribute('data-status')).toBe('completed');
    await poll(() => attr(page, 'refund', 'data-step-status')).toBe('completed');
    expect(await attr(page, 'decline', 'data-status')).toBe('skipped');
    // The branch comes with the outputs, which the watcher refetches after the change that completed the step.
    await poll(() => attr(page, 'review', 'data-branch')).toBe('yes');
    await poll(() => page.getByTestId('edge-review-refund').getAttribute('data-state')).toBe('taken');
    expect(await page.getByTestId('edge-review-decline').getAttribute('data-state')).toBe('not-taken');
    await node(page, 'review').click();
    await poll(() => page.getByTestId('gate-decided').textContent()).toMatch(/Approved by Rachel.*Matches the order/s);
    await shot(page, 'run-finished');
    expect(await loads(page)).toBe(1);

    // The runs list shows it finished.
    await page.getByRole('link', { name: "Back to the workflow's runs" }).click();
    await poll(() => page.locator(`[data-testid="run-row"][data-run-id="${runId}"]`).getAttribute('data-status')).toBe('completed');
    await shot(page, 'runs-list');
    expect(await loads(page)).toBe(1);
    expect([...watcher.errors, ...approver.errors]).toEqual([]);
    await watcher.context.close();
    await approver.context.close();
  });

  it('rejecting from the run view needs a comment and takes the no path, live in both browsers', async () => {
    const watcher = await signedIn(OWEN);
    const approver = await signedIn(RACHEL);
    const runId = await startRun({ amount: 480, orderId: 'BW-2210' });
    await watcher.page.goto(runUrl(runId));
    await approver.page.goto(runUrl(runId));
    await expectWaitingAtTheGate(watcher.page);

    // The approver opens the waiting approval from the overview and decides in the side panel.
    await approver.page.getByTestId('overview-gate').click();
    await approver.page.getByTestId('gate-panel').waitFor();
    await approver.page.getByTestId('gate-reject').click();
    await poll(() => approver.page.locator('[data-field-error]').textContent()).toContain('comment is required');
    await approver.page.getByTestId('gate-comment').fill('The order was already refunded.');
    await approver.page.getByTestId('gate-reject').click();

    for (const { page } of [watcher, approver]) {
      await poll(() => page.getByTestId('run-status').getAttribute('data-status')).toBe('completed');
      await poll(() => attr(page, 'decline', 'data-step-status')).toBe('completed');
      expect(await attr(page, 'refund', 'data-status')).toBe('skipped');
      await poll(() => attr(page, 'review', 'data-branch')).toBe('no');
      await poll(() => page.getByTestId('edge-review-decline').getAttribute('data-state')).toBe('taken');
      expect(await loads(page)).toBe(1);
    }
    await poll(() => approver.page.getByTestId('gate-decided').getAttribute('data-decision')).toBe('rejected');
    // The watcher (an admin who did not decide) sees who rejected and why.
    await node(watcher.page, 'review').click();
    await poll(() => watcher.page.getByTestId('gate-decided').textContent()).toMatch(/Rejected by Rachel.*already refunded/s);
    expect([...watcher.errors, ...approver.errors]).toEqual([]);
    await watcher.context.close();
    await approver.context.close();
  });

  it('a watcher whose live connection is cut mid-run still gets the final state when it reconnects', async () => {
    // The watcher's live stream goes through a TCP proxy this test can cut, like a dropped network.
    const appPort = Number(new URL(inject('baseUrl')).port);
    const proxy = await tcpProxy(appPort);
    const watcher = await signedIn(OWEN);
    const page = watcher.page;
    await page.route(/\/trpc\/runs\.watch/, (route) => route.continue({ url: route.request().url().replace(`:${appPort}/`, `:${proxy.port}/`) }));
    try {
      const runId = (await api<{ runId: string }>(admin.request, 'runs.start', { companySlug: SLUG, workflowId: slowWorkflowId, payload: { amount: 40, orderId: 'BW-0007' } })).runId;
      await page.goto(`/supplier/${SLUG}/workflows/${slowWorkflowId}/runs/${runId}`);
      await poll(() => page.getByTestId('live-indicator').getAttribute('data-state')).toBe('live');
      await poll(() => attr(page, 'nap', 'data-step-status')).toBe('running');

      proxy.cut();
      await poll(() => page.getByTestId('live-indicator').getAttribute('data-state')).toBe('reconnecting');
      // The run finishes while the watcher is cut off: it cannot have heard of it.
      await poll(async () => (await api<{ run: { status: string } }>(admin.request, 'runs.get', { companySlug: SLUG, id: runId }, 'query')).run.status).toBe('completed');
      expect(await page.getByTestId('run-status').getAttribute('data-status')).not.toBe('completed');
      expect(await attr(page, 'auto', 'data-step-status')).not.toBe('completed');
      await shot(page, 'live-run-disconnected');

      proxy.restore();
      await expect.poll(() => page.getByTestId('run-status').getAttribute('data-status'), { timeout: 20_000 }).toBe('completed');
      await poll(() => attr(page, 'auto', 'data-step-status')).toBe('completed');
      await poll(() => attr(page, 'check', 'data-branch')).toBe('no');
      expect(await attr(page, 'nap', 'data-step-status')).toBe('completed');
      await poll(() => page.getByTestId('live-indicator').getAttribute('data-state')).toBe('live');
      expect(proxy.connections()).toBeGreaterThan(1);
      expect(await loads(page)).toBe(1);

      // Rerun the finished run (its version is the published one, so the dialog offers just that), followed live too.
      await page.getByTestId('run-rerun').click();
      await poll(() => page.getByTestId('rerun-confirm').textContent()).toBe('Rerun on v1');
      await page.getByTestId('rerun-confirm').click();
      await page.waitForURL((url) => !url.pathname.endsWith(runId) && /\/runs\/[0-9a-f-]{36}$/.test(url.pathname));
      await expect.poll(() => page.getByTestId('run-status').getAttribute('data-status'), { timeout: 20_000 }).toBe('completed');
      expect(await page.getByTestId('run-title').textContent()).toContain('Slow refund');
      expect(watcher.errors).toEqual([]);
    } finally {
      await watcher.context.close();
      await proxy.close();
    }
  });
});

describe('failed runs', () => {
  it('a failed step shows its error and stack; rerunning from it reuses the steps that completed', async () => {
    const { context, page, errors } = await signedIn(OWEN);
    const runId = (await api<{ runId: string }>(admin.request, 'runs.start', { companySlug: SLUG, workflowId: failingWorkflowId, payload: { total: 120, count: 0 } })).runId;
    await page.goto(`/supplier/${SLUG}/workflows/${failingWorkflowId}/runs/${runId}`);
    await poll(() => page.getByTestId('run-status').getAttribute('data-status')).toBe('failed');
    await poll(() => page.getByTestId('run-error').textContent()).toContain('division by zero');
    expect(await attr(page, 'ratio', 'data-status')).toBe('failed');
    expect(await attr(page, 'side', 'data-status')).toBe('completed');

    await node(page, 'ratio').click();
    await poll(() => page.getByTestId('inspector-error').textContent()).toContain('division by zero');
    await page.getByText('Stack trace').click();
    expect(await page.getByTestId('inspector-stack').textContent()).toMatch(/at /);
    await poll(() => page.getByTestId('inspector-input').textContent()).toContain('event.data.total / event.data.count');
    await shot(page, 'inspector-failed-step');

    await page.getByTestId('rerun-from-step').click();
    await page.waitForURL((url) => !url.pathname.endsWith(runId) && /\/runs\/[0-9a-f-]{36}$/.test(url.pathname));
    await poll(() => page.getByTestId('run-status').getAttribute('data-status')).toBe('failed');
    // The steps that completed were reused, not run again; the failed one ran again (and fails again on the same data).
    for (const id of ['prep', 'side']) {
      expect(await attr(page, id, 'data-status')).toBe('completed');
      await poll(() => page.getByTestId(`node-${id}-reason`).textContent()).toContain('reused');
    }
    expect(await attr(page, 'ratio', 'data-status')).toBe('failed');
    expect(await page.getByTestId('run-title').textContent()).toContain('Invoice check');
    expect(errors).toEqual([]);
    await context.close();
  });
});

/** A TCP proxy to the app whose connections can be cut (and new ones refused) until restored. */
async function tcpProxy(targetPort: number) {
  const open = new Set<net.Socket>();
  let refusing = false;
  let accepted = 0;
  const server = net.createServer((client) => {
    if (refusing) return void client.destroy();
    accepted++;
    const upstream = net.connect(targetPort, '127.0.0.1');
    const drop = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    for (const s of [client, upstream]) {
      open.add(s);
      s.on('error', drop);
      s.on('close', drop);
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    connections: () => accepted,
    cut() {
      refusing = true;
      for (const s of open) s.destroy();
      open.clear();
    },
    restore() {
      refusing = false;
    },
    close: () => new Promise<void>((resolve) => {
      for (const s of open) s.destroy();
      server.close(() => resolve());
    }),
  };
}
