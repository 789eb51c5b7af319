/** DAG semantics through the real executor, functions and router (ARCHITECTURE.md §4). */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cond, delay, edge, graph, step, trig } from '../../shared/graph/fixtures.ts';
import type { Graph } from '../../shared/graph/schema.ts';
import { dbTargets, useTestDatabase } from '../testing/db.ts';
import { ms, publishWorkflow, runSteps, SLUG, startHarness, waitForRun, type Harness } from './testing/harness.ts';

const positioned = (g: Graph): Graph => ({ ...g, steps: g.steps.map((s, i) => ({ ...s, position: { x: i * 120, y: 0 } })) });

describe.each(dbTargets())('workflow DAG semantics on $name postgres', (target) => {
  const t = useTestDatabase(target, { seeded: true });
  let h: Harness;
  let server: http.Server;
  let base = '';
  const hits: { path: string; at: number }[] = [];

  beforeAll(async () => {
    process.env.EMBER_HTTP_ALLOWLIST = '127.0.0.1/32';
    server = http.createServer((req, res) => {
      hits.push({ path: req.url ?? '', at: Date.now() });
      const wait = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('ms') ?? 0);
      setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, path: req.url })), wait);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    h = await startHarness(t.current.database);
  });
  afterAll(async () => {
    await h?.stop();
    await new Promise((r) => server.close(r));
  });

  const http1 = (id: string, path: string) => step(id, 'http_request', 'action', { method: 'GET', url: `${base}${path}`, headers: {}, timeoutMs: 5000 });

  it('runs parallel branches at the same time, and a join waits for all its parents', async () => {
    const wf = await publishWorkflow(h, 'Parallel', positioned(graph(
      [trig(), http1('a', '/a?ms=400'), http1('b', '/b?ms=400'), step('j', 'transform', 'action', { mapping: { both: 'has(steps.a) && has(steps.b)' } })],
      [edge('t', 'a'), edge('t', 'b'), edge('a', 'j'), edge('b', 'j')],
    )));
    const { runId } = await h.editor.runs.start({ companySlug: SLUG, workflowId: wf.id, payload: {} });
    expect(await waitForRun(t.current.database, runId, ['completed', 'failed'])).toMatchObject({ status: 'completed' });
    const s = await runSteps(t.current.database, runId);
    expect(ms(s.a!.started_at)).toBeLessThan(ms(s.b!.finished_at));
    expect(ms(s.b!.started_at)).toBeLessThan(ms(s.a!.finished_at));
    expect(ms(s.j!.started_at)).toBeGreaterThanOrEqual(Math.max(ms(s.a!.finished_at), ms(s.b!.finished_at)));
    expect(s.j!.output).toEqual({ both: true });
    expect(s.t!.status).toBe('completed');
  });

  const quick = (id: string) => step(id, 'delay', 'action', { duration: '50ms' });

  it('skips the untaken branch transitively, and runs a step with one taken and one untaken parent', async () => {
    const wf = await publishWorkflow(h, 'Branches', positioned(graph(
      [trig(), cond('c', 'event.data.ok == true'), quick('y'), quick('n1'), quick('n2'), step('j', 'transform', 'action', { mapping: { path: "has(steps.y) ? 'yes' : 'no'" } })],
      [edge('t', 'c'), edge('c', 'y', 'yes'), edge('c', 'n1', 'no'), edge('n1', 'n2'), edge('y', 'j'), edge('n2', 'j')],
    )));
    const { runId } = await h.editor.runs.start({ companySlug: SLUG, workflowId: wf.id, payload: { ok: true } });
    expect(await waitForRun(t.current.database, runId, ['completed', 'failed'])).toMatchObject({ status: 'completed' });
    const s = await runSteps(t.current.database, runId);
    expect(Object.fromEntries(Object.entries(s).map(([id, r]) => [id, r.status]))).toEqual({ t: 'completed', c: 'completed', y: 'completed', n1: 'skipped', n2: 'skipped', j: 'completed' });
    expect(s.c!.output).toMatchObject({ value: true, branch: 'yes' });
    expect(s.n1!.status_reason).toMatch(/branch not taken: "c" took yes, not no/);
    expect(s.n2!.status_reason).toMatch(/"n1" was skipped/);
    expect(s.j!.output).toEqual({ path: 'yes' });

    const other = await h.editor.runs.start({ companySlug: SLUG, workflowId: wf.id, payload: { ok: false } });
    await waitForRun(t.current.database, other.runId, ['completed']);
    const s2 = await runSteps(t.current.database, other.runId);
    expect([s2.y!.status, s2.n1!.status, s2.n2!.status, s2.j!.status]).toEqual(['skipped', 'completed', 'completed', 'completed']);
    expect(s2.j!.output).toEqual({ path: 'no' });
  });

  it('a failed step fails the run and skips what had not started, while a running branch finishes', async () => {
    const wf = await publishWorkflow(h, 'Failing', positioned(graph(
      [trig(), step('bad', 'transform', 'action', { mapping: { x: 'event.data.missing.deep' } }), quick('after'), http1('slow', '/slow?ms=300'), quick('tail')],
      [edge('t', 'bad'), edge('bad', 'after'), edge('t', 'slow'), edge('slow', 'tail')],
    )));
    const { runId } = await h.editor.runs.start({ companySlug: SLUG, workflowId: wf.id, payload: {} });
    const run = await waitForRun(t.current.database, runId, ['completed', 'failed']);
    expect(run).toMatchObject({ status: 'failed', error: expect.objectContaining({ stepId: 'bad', message: expect.stringContaining('missing') }) });
    const s = await runSteps(t.current.database, runId);
    expect(s.bad).toMatchObject({ status: 'failed', attempts: 1, error: expect.objectContaining({ message: expect.stringContaining('missing') }) });
    expect(s.after).toMatchObject({ status: 'skipped', status_reason: 'run failed at "bad"' });
    expect(s.slow!.status).toBe('completed');
    expect(s.tail).toMatchObject({ status: 'skipped', status_reason: 'run failed at "bad"' });
  });

  it('retries a failing step and records its attempts', async () => {
    let calls = 0;
    const flaky = http.createServer((req, res) => {
      calls++;
      res.writeHead(calls < 3 ? 503 : 200).end('{}');
    });
    await new Promise<void>((r) => flaky.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(flaky.address() as AddressInfo).port}/flaky`;
    const wf = await publishWorkflow(h, 'Flaky', positioned(graph([trig(), step('f', 'http_request', 'action', { method: 'POST', url, headers: {}, timeoutMs: 2000 })], [edge('t', 'f')])));
    const { runId } = await h.editor.runs.start({ companySlug: SLUG, workflowId: wf.id, payload: {} });
    expect(await waitForRun(t.current.database, runId, ['completed', 'failed'])).toMatchObject({ status: 'completed' });
    expect((await runSteps(t.current.database, runId)).f).toMatchObject({ status: 'completed', attempts: 3 });
    expect(calls).toBe(3);
    await new Promise((r) => flaky.close(r));
  });

  it('will not publish an HTTP step aimed at a private address; a run refuses one the allowlist stopped covering, at once', async () => {
    const aimedAt = (url: string) => positioned(graph([trig(), step('m', 'http_request', 'action', { method: 'GET', url, headers: {}, timeoutMs: 2000 })], [edge('t', 'm')]));
    await expect(publishWorkflow(h, 'SSRF', aimedAt('http://169.254.169.254/latest/meta-data/'))).rejects.toThrow(/169\.254\.169\.254 is a link-local address/);
    // Published while the allowlist covered 127.0.0.2; the operator then narrows it. The guard decides at run time.
    process.env.EMBER_HTTP_ALLOWLIST = '127.0.0.1/32,127.0.0.2/32';
    const wf = await publishWorkflow(h, 'Narrowed', aimedAt('http://127.0.0.2/x'));
    process.env.EMBER_HTTP_ALLOWLIST = '127.0.0.1/32';
    const { runId } = await h.editor.runs.start({ companySlug: SLUG, workflowId: wf.id, payload: {} });
    await waitForRun(t.current.database, runId, ['failed']);
    // The version's config is checked again before the step starts: it fails without an attempt, in the form's words.
    expect((await runSteps(t.current.database, runId)).m).toMatchObject({ status: 'failed', attempts: 0, error: expect.objectContaining({ message: 'invalid config: url: 127.0.0.2 is a loopback address' }) });
  });

  it('a run stays on its version while the draft is edited and republished', async () => {
    const v1 = positioned(graph([trig(), step('wait', 'delay', 'action', { duration: '600ms' }), step('old', 'transform', 'action', { mapping: { v: '1' } })], [edge('t', 'wait'), edge('wait', 'old')]));
    const wf = await publishWorkflow(h, 'Pinned', v1);
    const { runId } = await h.editor.runs.start({ companySlug: SLUG, workflowId: wf.id, payload: {} });
    const v2 = positioned(graph([trig(), step('new', 'transform', 'action', { mapping: { v: '2' } })], [edge('t', 'new')]));
    const saved = await h.editor.workflows.saveGraph({ companySlug: SLUG, id: wf.id, expectedRevision: wf.revision, graph: v2 });
    const published = await h.editor.workflows.publish({ companySlug: SLUG, id: wf.id, expectedRevision: saved.revision });
    expect(published.version).toBe(2);
    const run = await waitForRun(t.current.database, runId, ['completed', 'failed']);
    expect(run).toMatchObject({ status: 'completed', workflow_version_id: wf.versionId });
    const s = await runSteps(t.current.database, runId);
    expect(Object.keys(s).sort()).toEqual(['old', 't', 'wait']);
    expect(s.old!.output).toEqual({ v: 1 });
    const next = await h.editor.runs.start({ companySlug: SLUG, workflowId: wf.id, payload: {} });
    await waitForRun(t.current.database, next.runId, ['completed']);
    expect(Object.keys(await runSteps(t.current.database, next.runId)).sort()).toEqual(['new', 't']);
  });

  it('cancelling a run stops it: pending steps are skipped and nothing more runs', async () => {
    const wf = await publishWorkflow(h, 'Cancel me', positioned(graph([trig(), step('nap', 'delay', 'action', { duration: '30s' }), quick('never')], [edge('t', 'nap'), edge('nap', 'never')])));
    const { runId } = await h.editor.runs.start({ companySlug: SLUG, workflowId: wf.id, payload: {} });
    const { waitForStep } = await import('./testing/harness.ts');
    await waitForStep(t.current.database, runId, 'nap', ['running']);
    expect(await h.editor.runs.cancel({ companySlug: SLUG, id: runId })).toEqual({ id: runId, status: 'cancelled' });
    expect(await h.editor.runs.cancel({ companySlug: SLUG, id: runId })).toEqual({ id: runId, status: 'cancelled' });
    const s = await runSteps(t.current.database, runId);
    expect([s.nap!.status, s.never!.status, s.never!.status_reason]).toEqual(['skipped', 'skipped', 'run cancelled']);
    const [exec] = await t.current.database.sql`select status from ember_exec.runs where event->'data'->>'workflowRunId' = ${runId} and function_slug = 'ember-workflows-workflow-executor'`;
    expect(exec).toBeDefined();
    expect(await h.executor.waitForRun((await t.current.database.sql`select id from ember_exec.runs where event->'data'->>'workflowRunId' = ${runId} and function_slug = 'ember-workflows-workflow-executor'`)[0]!.id as string)).toMatchObject({ status: 'cancelled' });
  });
});
