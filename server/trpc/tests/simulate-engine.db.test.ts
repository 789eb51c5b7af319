/**
 * What-if against what the real engine did: a workflow (transform → condition → HTTP → condition on its response)
 * runs through the real executor for eight payloads; simulating its published version over those runs gives exactly
 * the edges the engine recorded, a changed condition moves the counts as worked out by hand, a run that now reaches
 * the HTTP step with no recorded response is uncertain past it, and the simulation itself sends no request.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cond, edge, graph, step, trig } from '../../../shared/graph/fixtures.ts';
import type { Graph } from '../../../shared/graph/schema.ts';
import { recordedEdges } from '../../../shared/simulate/simulate.ts';
import { dbTargets, useTestDatabase } from '../../testing/db.ts';
import { publishWorkflow, runSteps, SLUG, startHarness, waitForRun, type Harness } from '../../workflow/testing/harness.ts';

const positioned = (g: Graph): Graph => ({ ...g, steps: g.steps.map((s, i) => ({ ...s, position: { x: i * 120, y: 0 } })) });
const PAYLOADS = [1, 2, 3, 4, 5, 6, 7, 8];

describe.each(dbTargets())('what-if against the engine on $name postgres', (target) => {
  const t = useTestDatabase(target, { seeded: true });
  let h: Harness;
  let server: http.Server;
  let hits = 0;
  let workflowId = '';
  let published: Graph;
  const scoreOf = new Map<number, number>();
  const allow = process.env.EMBER_HTTP_ALLOWLIST;

  beforeAll(async () => {
    process.env.EMBER_HTTP_ALLOWLIST = '127.0.0.1/32';
    // Each call gets the next score, so the runs record different responses for c2 to branch on.
    server = http.createServer((_req, res) => {
      hits += 1;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ score: hits % 3 }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    h = await startHarness(t.current.database);
    published = positioned(graph(
      [
        trig(),
        step('x', 'transform', 'action', { mapping: { big: 'event.data.n > 3' } }),
        cond('c', 'data.big'),
        step('h', 'http_request', 'action', { method: 'GET', url: `${base}/score`, headers: {}, timeoutMs: 5000 }),
        cond('c2', 'steps.h.body.score >= 1'),
        step('y', 'delay', 'action', { duration: '10ms' }),
        step('z', 'transform', 'action', { mapping: { low: 'true' } }),
        step('d', 'delay', 'action', { duration: '10ms' }),
      ],
      [edge('t', 'x'), edge('x', 'c'), edge('c', 'h', 'yes'), edge('c', 'd', 'no'), edge('h', 'c2'), edge('c2', 'y', 'yes'), edge('c2', 'z', 'no')],
    ));
    const wf = await publishWorkflow(h, 'What-if parity', published);
    workflowId = wf.id;
    const started = await Promise.all(PAYLOADS.map((n) => h.editor.runs.start({ companySlug: SLUG, workflowId, payload: { n } })));
    for (const [i, { runId }] of started.entries()) {
      expect(await waitForRun(t.current.database, runId, ['completed', 'failed'])).toMatchObject({ status: 'completed' });
      const s = await runSteps(t.current.database, runId);
      if (s.h!.status === 'completed') scoreOf.set(PAYLOADS[i]!, (s.h!.output as { body: { score: number } }).body.score);
    }
    // Both ways out of c2 were taken, so the counts below are not trivially all or nothing.
    expect(new Set([...scoreOf.values()].map((v) => v >= 1))).toEqual(new Set([true, false]));
  });
  afterAll(async () => {
    await h?.stop();
    await new Promise((r) => server?.close(r));
    if (allow === undefined) delete process.env.EMBER_HTTP_ALLOWLIST;
    else process.env.EMBER_HTTP_ALLOWLIST = allow;
  });

  const simulateWith = (expression: string | null) =>
    h.editor.workflows.simulate({
      companySlug: SLUG,
      workflowId,
      graph: expression ? { ...published, steps: published.steps.map((s) => (s.id === 'c' ? { ...s, config: { expression } } : s)) } : published,
      source: { lastRuns: PAYLOADS.length },
    });

  it('the published version over the engine\'s runs takes exactly the edges the engine took, and calls nobody', async () => {
    const runs = await t.current.database.sql`select id from workflow_runs where workflow_id = ${workflowId}`;
    const expected = Object.fromEntries(published.edges.map((e) => [e.id, { taken: 0, uncertain: 0 }]));
    for (const r of runs) for (const id of recordedEdges(published, await runSteps(t.current.database, r.id as string))) expected[id]!.taken += 1;
    const before = hits;
    const result = await simulateWith(null);
    expect(hits).toBe(before);
    expect(result.edges).toEqual(expected);
    expect(result.edges['e-c-h']).toEqual({ taken: 5, uncertain: 0 });
    expect(result.edges['e-c2-y']!.taken + result.edges['e-c2-z']!.taken).toBe(5);
    expect(result.comparison!.changed).toEqual([]);
  });

  it('a changed condition moves the counts as worked out by hand; a run newly reaching the HTTP step is uncertain past it', async () => {
    const stricter = await simulateWith('event.data.n > 5');
    const high = [6, 7, 8];
    expect(stricter.edges['e-c-h']).toEqual({ taken: 3, uncertain: 0 });
    expect(stricter.edges['e-c-d']).toEqual({ taken: 5, uncertain: 0 });
    expect(stricter.edges['e-c2-y']).toEqual({ taken: high.filter((n) => scoreOf.get(n)! >= 1).length, uncertain: 0 });
    expect(stricter.edges['e-c2-z']).toEqual({ taken: high.filter((n) => scoreOf.get(n)! < 1).length, uncertain: 0 });
    expect(stricter.comparison!.changed).toHaveLength(2); // n = 4 and 5 no longer call out

    const looser = await simulateWith('event.data.n > 1');
    // n = 2 and 3 now reach the HTTP step, which never answered them: whichever way c2 goes for them is unknown.
    expect(looser.edges['e-c-h']).toEqual({ taken: 7, uncertain: 0 });
    expect(looser.edges['e-c2-y']).toEqual({ taken: [4, 5, 6, 7, 8].filter((n) => scoreOf.get(n)! >= 1).length, uncertain: 2 });
    expect(looser.edges['e-c2-z']).toEqual({ taken: [4, 5, 6, 7, 8].filter((n) => scoreOf.get(n)! < 1).length, uncertain: 2 });
    expect(looser.runs.filter((r) => r.unknown.includes('h'))).toHaveLength(2);
  });
});
