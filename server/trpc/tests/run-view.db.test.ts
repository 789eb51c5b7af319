/**
 * What the run view stands on, through the real executor and router: rerun from a failed step (completed steps
 * are reused, never executed again), a whole rerun on the current published version, cancel, gate permissions
 * (and what runs.get tells the UI about them), executor attempts per step, and a failed attempt announced as
 * "retrying" to live watchers.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { edge, graph, step, trig } from '../../../shared/graph/fixtures.ts';
import type { Graph } from '../../../shared/graph/schema.ts';
import { stepDisplayStatus } from '../../../shared/runs/status.ts';
import { gateTask, publishWorkflow, runSteps, SLUG, startHarness, waitForRun, waitForStep, type Harness } from '../../workflow/testing/harness.ts';
import { RunStepFeed, type RunStepChange } from '../../services/runs/live-feed.ts';
import { callerAs } from '../../testing/callers.ts';
import { dbTargets, useTestDatabase } from '../../testing/db.ts';

const positioned = (g: Graph): Graph => ({ ...g, steps: g.steps.map((s, i) => ({ ...s, position: { x: i * 120, y: 0 } })) });
const gateStep = (id: string, extra: Record<string, unknown> = {}) =>
  step(id, 'human_gate', 'human_gate', { instructions: 'Check the copy', assigneeRole: 'approver', timeout: '1h', onTimeout: 'fail', noSelfApproval: false, ...extra });

describe.each(dbTargets())('run view server side on $name postgres', (target) => {
  const t = useTestDatabase(target, { seeded: true });
  let h: Harness;
  let server: http.Server;
  let base = '';
  const hits = new Map<string, number>();
  /** Paths that answer 400 until switched on. */
  const healthy = new Set<string>();

  beforeAll(async () => {
    process.env.EMBER_HTTP_ALLOWLIST = '127.0.0.1/32';
    server = http.createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      hits.set(path, (hits.get(path) ?? 0) + 1);
      if (path.startsWith('/broken') && !healthy.has(path)) return void res.writeHead(400).end('not yet');
      if (path.startsWith('/flaky') && hits.get(path)! < 3) return void res.writeHead(503).end('busy');
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ path, n: hits.get(path) }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    h = await startHarness(t.current.database);
  });
  afterAll(async () => {
    await h?.stop();
    await new Promise((r) => server.close(r));
  });

  const get = (id: string, path: string) => step(id, 'http_request', 'action', { method: 'GET', url: `${base}${path}`, headers: {}, timeoutMs: 5000 });

  it('reruns from a failed step: completed steps (a gate among them) are reused, not executed again', async () => {
    const g = positioned(graph(
      [trig(), gateStep('g'), get('a', '/count/a'), get('p', '/count/p'), get('b', '/broken/b'), step('c', 'transform', 'action', { mapping: { fromA: 'steps.a.body.n', fromB: 'steps.b.body.n' } })],
      [edge('t', 'g'), edge('g', 'a', 'yes'), edge('t', 'p'), edge('a', 'b'), edge('b', 'c')],
    ));
    const wf = await publishWorkflow(h, 'Rerun from failed', g);
    const { runId } = await h.editor.runs.start({ companySlug: SLUG, workflowId: wf.id, payload: { sku: 'CK-9' } });
    await h.approver.gates.resolve({ companySlug: SLUG, taskId: await gateTask(t.current.database, runId, 'g'), decision: 'approved', comment: 'ok' });
    expect(await waitForRun(t.current.database, runId, ['completed', 'failed'])).toMatchObject({ status: 'failed' });
    const first = await runSteps(t.current.database, runId);
    expect([first.a!.status, first.p!.status, first.b!.status, first.c!.status]).toEqual(['completed', 'completed', 'failed', 'skipped']);
    expect([hits.get('/count/a'), hits.get('/count/p'), hits.get('/broken/b')]).toEqual([1, 1, 1]);

    // Not from a step that completed, and not while a run is still going.
    await expect(h.editor.runs.rerun({ companySlug: SLUG, id: runId, fromStepId: 'a' })).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
    await expect(h.editor.runs.rerun({ companySlug: SLUG, id: runId, fromStepId: 'nope' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(h.approver.runs.rerun({ companySlug: SLUG, id: runId, fromStepId: 'b' })).rejects.toMatchObject({ code: 'FORBIDDEN' });

    healthy.add('/broken/b');
    const again = await h.editor.runs.rerun({ companySlug: SLUG, id: runId, fromStepId: 'b' });
    expect(again.reused.sort()).toEqual(['a', 'g', 'p']);
    expect(await waitForRun(t.current.database, again.runId, ['completed', 'failed'])).toMatchObject({ status: 'completed', workflow_version_id: wf.versionId });
    const second = await runSteps(t.current.database, again.runId);
    expect(Object.fromEntries(Object.entries(second).map(([id, s]) => [id, s.status]))).toEqual({ t: 'completed', g: 'completed', a: 'completed', p: 'completed', b: 'completed', c: 'completed' });
    // Reused: same outputs, marked as such; the HTTP endpoints of a and p were not called again, no new approval.
    expect(second.a!.output).toEqual(first.a!.output);
    expect(second.a!.status_reason).toMatch(/^reused from run /);
    expect(second.g!.output).toMatchObject({ decision: 'approved' });
    expect([hits.get('/count/a'), hits.get('/count/p'), hits.get('/broken/b')]).toEqual([1, 1, 2]);
    expect(second.c!.output).toEqual({ fromA: 1, fromB: 2 });
    const [tasks] = await t.current.database.db.execute<{ n: number }>(sql`select count(*)::int n from tasks where run_id = ${again.runId}`);
    expect(tasks!.n).toBe(0);
    // Attempts per step, from the executor: b ran for real this time.
    const attempts = await h.editor.runs.attempts({ companySlug: SLUG, id: again.runId });
    expect(attempts.available).toBe(true);
    expect(attempts.steps.b!.every((a) => a.ok)).toBe(true);
    const original = await h.editor.runs.attempts({ companySlug: SLUG, id: runId });
    expect(original.steps.b!.some((a) => !a.ok && a.error?.message?.includes('400'))).toBe(true);
    expect(original.steps.a!.every((a) => Date.parse(a.endedAt) >= Date.parse(a.startedAt))).toBe(true);

    // A whole rerun takes the current published version.
    const v2 = positioned(graph([trig(), step('only', 'transform', 'action', { mapping: { sku: 'event.data.sku' } })], [edge('t', 'only')]));
    const saved = await h.editor.workflows.saveGraph({ companySlug: SLUG, id: wf.id, expectedRevision: wf.revision, graph: v2 });
    const published = await h.editor.workflows.publish({ companySlug: SLUG, id: wf.id, expectedRevision: saved.revision });
    const whole = await h.editor.runs.rerun({ companySlug: SLUG, id: runId });
    expect(await waitForRun(t.current.database, whole.runId, ['completed', 'failed'])).toMatchObject({ status: 'completed', workflow_version_id: published.versionId });
    expect((await runSteps(t.current.database, whole.runId)).only!.output).toEqual({ sku: 'CK-9' });
    const listed = await h.editor.runs.list({ companySlug: SLUG, workflowId: wf.id, after: new Date(Date.now() - 60_000) });
    expect(listed.map((r) => r.id)).toEqual(expect.arrayContaining([runId, again.runId, whole.runId]));
    expect(listed.find((r) => r.id === whole.runId)).toMatchObject({ triggerType: 'rerun', version: published.version, startedByName: expect.any(String) });
  });

  it('cancels a run waiting at a gate: the approval closes and can no longer be decided', async () => {
    const wf = await publishWorkflow(h, 'Cancel at gate', positioned(graph([trig(), gateStep('g'), step('after', 'transform', 'action', { mapping: { v: '1' } })], [edge('t', 'g'), edge('g', 'after', 'yes')])));
    const { runId } = await h.editor.runs.start({ companySlug: SLUG, workflowId: wf.id, payload: {} });
    const taskId = await gateTask(t.current.database, runId, 'g');
    await waitForRun(t.current.database, runId, ['waiting']);
    await expect(h.editor.runs.rerun({ companySlug: SLUG, id: runId })).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
    await expect(h.approver.runs.cancel({ companySlug: SLUG, id: runId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await h.editor.runs.cancel({ companySlug: SLUG, id: runId })).toEqual({ id: runId, status: 'cancelled' });
    const s = await runSteps(t.current.database, runId);
    expect([s.g!.status, s.g!.status_reason, s.after!.status]).toEqual(['skipped', 'run cancelled', 'skipped']);
    expect((await h.approver.gates.list({ companySlug: SLUG })).map((g) => g.id)).not.toContain(taskId);
    await expect(h.approver.gates.resolve({ companySlug: SLUG, taskId, decision: 'approved' })).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
    const view = await h.editor.runs.get({ companySlug: SLUG, id: runId });
    expect(view.run.status).toBe('cancelled');
    expect(view.gates).toEqual([expect.objectContaining({ taskId, open: false, status: 'cancelled' })]);
    // Cancelling a finished run changes nothing.
    const done = await publishWorkflow(h, 'Already done', positioned(graph([trig(), step('x', 'transform', 'action', { mapping: { v: '1' } })], [edge('t', 'x')])));
    const finished = await h.editor.runs.start({ companySlug: SLUG, workflowId: done.id, payload: {} });
    await waitForRun(t.current.database, finished.runId, ['completed']);
    expect(await h.editor.runs.cancel({ companySlug: SLUG, id: finished.runId })).toEqual({ id: finished.runId, status: 'completed' });
  });

  it('gate permissions: who may decide, as the API enforces and as runs.get tells the UI', async () => {
    const db = t.current.database.db;
    const admin = await callerAs(db, 'priya@copperkettle.example', h.sendEvent);
    const viewer = await callerAs(db, 'hannah@copperkettle.example', h.sendEvent);
    const marcus = await callerAs(db, 'marcus@copperkettle.example', h.sendEvent);
    // Assigned to Dana by name, and the starter (Priya) may not approve her own run.
    const wf = await publishWorkflow(h, 'Assigned gate', positioned(graph(
      [trig(), gateStep('g', { assigneeUserId: h.approverId, noSelfApproval: true }), step('ok', 'transform', 'action', { mapping: { v: '1' } })],
      [edge('t', 'g'), edge('g', 'ok', 'yes')],
    )));
    const { runId } = await admin.caller.runs.start({ companySlug: SLUG, workflowId: wf.id, payload: {} });
    const taskId = await gateTask(t.current.database, runId, 'g');
    await waitForStep(t.current.database, runId, 'g', ['running']);
    await admin.caller.members.setRole({ companySlug: SLUG, userId: marcus.user.id, role: 'approver' });
    try {
      const blockedFor = async (c: typeof admin) => (await c.caller.runs.get({ companySlug: SLUG, id: runId })).gates[0]!.blocked;
      expect(await blockedFor(viewer)).toMatch(/role may not/);
      expect(await blockedFor(admin)).toMatch(/You started this run/);
      expect(await blockedFor(marcus)).toMatch(/Assigned to Dana/);
      expect((await h.approver.runs.get({ companySlug: SLUG, id: runId })).gates[0]).toMatchObject({ taskId, open: true, blocked: null, instructions: 'Check the copy' });
      await expect(viewer.caller.gates.resolve({ companySlug: SLUG, taskId, decision: 'approved' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(h.editor.gates.resolve({ companySlug: SLUG, taskId, decision: 'approved' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(admin.caller.gates.resolve({ companySlug: SLUG, taskId, decision: 'approved' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(marcus.caller.gates.resolve({ companySlug: SLUG, taskId, decision: 'approved' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      // The assigned approver's inbox has it; a rejection needs a comment; the decision is audited once.
      expect((await h.approver.gates.list({ companySlug: SLUG })).map((g) => g.id)).toContain(taskId);
      await expect(h.approver.gates.resolve({ companySlug: SLUG, taskId, decision: 'rejected', comment: '  ' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
      await h.approver.gates.resolve({ companySlug: SLUG, taskId, decision: 'rejected', comment: 'wrong claims' });
      expect(await h.approver.gates.resolve({ companySlug: SLUG, taskId, decision: 'rejected', comment: 'wrong claims' })).toMatchObject({ alreadyDecided: true });
      await waitForRun(t.current.database, runId, ['completed']);
      const view = await h.approver.runs.get({ companySlug: SLUG, id: runId });
      expect(view.gates[0]).toMatchObject({ open: false, decision: 'rejected', comment: 'wrong claims', decidedByName: expect.any(String) });
      expect(view.steps.find((s) => s.stepId === 'ok')!.status).toBe('skipped');
      const audits = await db.execute<{ n: number; actor: string }>(sql`select count(*)::int n, min(actor_user_id::text) actor from workflow_audit_log where workflow_id = ${wf.id} and action = 'gate_resolved'`);
      expect(audits[0]).toEqual({ n: 1, actor: h.approverId });
    } finally {
      await admin.caller.members.setRole({ companySlug: SLUG, userId: marcus.user.id, role: 'editor' });
    }
  });

  it('a failed attempt that will be retried is announced as retrying, then the step completes', async () => {
    const feed = new RunStepFeed();
    await feed.start(t.current.database.sql);
    const seen: RunStepChange[] = [];
    const [company] = await t.current.database.sql`select id from companies where slug = ${SLUG}`;
    const stop = feed.subscribe({ companyId: company!.id as string }, (c) => seen.push(c));
    try {
      const wf = await publishWorkflow(h, 'Flaky HTTP', positioned(graph([trig(), get('f', '/flaky/f')], [edge('t', 'f')])));
      const { runId } = await h.editor.runs.start({ companySlug: SLUG, workflowId: wf.id, payload: {} });
      await waitForRun(t.current.database, runId, ['completed']);
      const deadline = Date.now() + 5000;
      while (!seen.some((c) => c.runId === runId && c.stepId === 'f' && c.status === 'completed') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      const f = seen.filter((c) => c.runId === runId && c.stepId === 'f').map((c) => stepDisplayStatus(c.status, c.reason));
      expect(f).toEqual(['pending', 'running', 'retrying', 'running', 'retrying', 'running', 'completed']);
      const retry = seen.find((c) => c.runId === runId && c.reason?.startsWith('retrying'))!;
      expect(retry.reason).toMatch(/^retrying after attempt 1 failed: .*503/);
      const row = (await runSteps(t.current.database, runId)).f!;
      expect([row.attempts, row.error, row.status_reason]).toEqual([3, null, null]);
    } finally {
      stop();
      await feed.stop();
    }
  });
});
