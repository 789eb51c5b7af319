/**
 * workflows.simulate (what-if) on a seeded company with 30 days of history: over a workflow's last 50 runs the
 * unchanged published version takes exactly the edges the recorded runs took; a changed condition moves the counts
 * as worked out by hand from the payloads and the recorded decisions; and nothing is written (a digest of every
 * table), no HTTP request, no event and no Claude call is made, even for a draft full of side-effecting steps.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { edge, step } from '../../../shared/graph/fixtures.ts';
import type { Graph } from '../../../shared/graph/schema.ts';
import type { RecordedStep } from '../../../shared/simulate/schema.ts';
import { recordedEdges } from '../../../shared/simulate/simulate.ts';
import { demoCompanyId } from '../../demo/seed/seed.ts';
import { seedDemoHistory } from '../../demo/seed/demo-history/index.ts';
import { callerAs, type Caller } from '../../testing/callers.ts';
import { startFakeAnthropic, type FakeAnthropic } from '../../testing/fake-anthropic.ts';
import { dbTargets, useTestDatabase } from '../../testing/db.ts';
import { databaseFingerprint } from './fingerprint.ts';

const SLUG = 'copper-kettle';
const N = 50;

interface PastRun { id: string; payload: { stats?: { pendingReview?: number } }; steps: Record<string, Pick<RecordedStep, 'status' | 'output'>> }

describe.each(dbTargets())('what-if simulation on $name postgres', (target) => {
  const t = useTestDatabase(target, { seeded: true });
  let editor: Caller;
  const sent: unknown[] = [];
  let hits = 0;
  let loopback: http.Server;
  let base = '';
  let fake: FakeAnthropic;
  const env = { key: process.env.ANTHROPIC_API_KEY, url: process.env.ANTHROPIC_BASE_URL, allow: process.env.EMBER_HTTP_ALLOWLIST };

  const workflow = async (name: string) => {
    const [w] = await t.current.database.sql`select w.id, v.graph from workflows w join workflow_versions v on v.id = w.published_version_id where w.name = ${name}`;
    return { id: w!.id as string, graph: w!.graph as Graph };
  };
  /** The last N finished runs as the engine recorded them, read straight from the tables. */
  const pastRuns = async (workflowId: string): Promise<PastRun[]> =>
    (await t.current.database.sql`
      select r.id, r.trigger_payload as payload, jsonb_object_agg(s.step_id, jsonb_build_object('status', s.status, 'output', s.output)) as steps
      from workflow_runs r join workflow_run_steps s on s.run_id = r.id
      where r.workflow_id = ${workflowId} and r.status in ('completed', 'failed')
      group by r.id order by r.created_at desc, r.id desc limit ${N}`) as unknown as PastRun[];

  beforeAll(async () => {
    expect(await seedDemoHistory(t.current.database.db, demoCompanyId(SLUG), SLUG)).toBeGreaterThan(200);
    editor = (await callerAs(t.current.database.db, 'marcus@copperkettle.example', async (events) => void sent.push(...events))).caller;
    loopback = http.createServer((_req, res) => {
      hits += 1;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
    await new Promise<void>((r) => loopback.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(loopback.address() as AddressInfo).port}`;
    fake = await startFakeAnthropic({ apiKey: 'what-if-key' });
    process.env.ANTHROPIC_API_KEY = 'what-if-key';
    process.env.ANTHROPIC_BASE_URL = fake.url;
    process.env.EMBER_HTTP_ALLOWLIST = '127.0.0.1/32';
  });
  afterAll(async () => {
    for (const [k, v] of [['ANTHROPIC_API_KEY', env.key], ['ANTHROPIC_BASE_URL', env.url], ['EMBER_HTTP_ALLOWLIST', env.allow]] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await new Promise((r) => loopback?.close(r));
    await fake?.close();
  });

  it.each(['Post-enrichment review & publish', 'Content-change guard', 'New product: images, enrichment and review'])(
    'the unchanged published version of "%s" takes, over its last 50 runs, the edges the engine took',
    async (name) => {
      const wf = await workflow(name);
      const runs = await pastRuns(wf.id);
      // A month of history gives 40 and more runs of each; the last 50 of them where there are more.
      expect(runs.length).toBeGreaterThanOrEqual(40);
      const expected = Object.fromEntries(wf.graph.edges.map((e) => [e.id, { taken: 0, uncertain: 0 }]));
      for (const r of runs) for (const id of recordedEdges(wf.graph, r.steps)) expected[id]!.taken += 1;

      const result = await editor.workflows.simulate({ companySlug: SLUG, workflowId: wf.id, graph: wf.graph, source: { lastRuns: N } });
      expect(result.total).toBe(runs.length);
      expect(result.edges).toEqual(expected);
      expect(new Set(result.runs.map((r) => r.runId))).toEqual(new Set(runs.map((r) => r.id)));
      expect(result.comparison).toMatchObject({ changed: [], publishedEdges: expected });
      // Some edges are taken and some are not: the comparison is not trivially all-or-nothing.
      expect(Object.values(expected).some((c) => c.taken > 0 && c.taken < N)).toBe(true);
    },
  );

  it('a changed condition moves the counts as computed by hand, and names the runs whose path changes', async () => {
    const wf = await workflow('Post-enrichment review & publish');
    const runs = await pastRuns(wf.id);
    const pending = (r: PastRun) => r.payload.stats?.pendingReview ?? 0;
    const decision = (r: PastRun) => (r.steps.n3?.output as { decision?: string } | null)?.decision;
    const withCondition = (expression: string): Graph => ({ ...wf.graph, steps: wf.graph.steps.map((s) => (s.id === 'n2' ? { ...s, config: { expression } } : s)) });

    // Up to two pending suggestions now go straight to apply; the rest still wait for the reviewer, as recorded.
    const loose = await editor.workflows.simulate({ companySlug: SLUG, workflowId: wf.id, graph: withCondition('event.data.stats.pendingReview <= 2'), source: { lastRuns: N } });
    const toGate = runs.filter((r) => pending(r) > 2);
    expect(loose.edges['n2-n4']).toEqual({ taken: runs.filter((r) => pending(r) <= 2).length, uncertain: 0 });
    expect(loose.edges['n2-n3']).toEqual({ taken: toGate.length, uncertain: 0 });
    expect(loose.edges['n3-n4']).toEqual({ taken: toGate.filter((r) => decision(r) === 'approved').length, uncertain: 0 });
    expect(loose.edges['n3-n7']).toEqual({ taken: toGate.filter((r) => decision(r) === 'rejected').length, uncertain: 0 });
    const moved = runs.filter((r) => pending(r) === 1 || pending(r) === 2);
    expect(moved.length).toBeGreaterThan(0);
    expect(loose.comparison!.changed.map((c) => c.runId).sort()).toEqual(moved.map((r) => r.id).sort());
    expect(loose.comparison!.changed.every((c) => c.removed.includes('n3') && c.newApprovals.length === 0)).toBe(true);

    // Every run to the reviewer: the runs that skipped review now need an approval nobody gave, so what follows is uncertain.
    const strict = await editor.workflows.simulate({ companySlug: SLUG, workflowId: wf.id, graph: withCondition('event.data.stats.pendingReview < 0'), source: { lastRuns: N } });
    const clean = runs.filter((r) => pending(r) === 0);
    expect(strict.approvals.n3).toEqual({ required: N, maybe: 0 });
    expect(strict.edges['n3-n4']).toEqual({ taken: runs.filter((r) => pending(r) > 0 && decision(r) === 'approved').length, uncertain: clean.length });
    expect(strict.comparison!.changed.filter((c) => c.newApprovals.includes('n3')).map((c) => c.runId).sort()).toEqual(clean.map((r) => r.id).sort());
  });

  it('writes nothing and makes no HTTP request, event or Claude call, even for a draft of side effects', async () => {
    const wf = await workflow('Content-change guard');
    const effects: Graph = {
      steps: [
        ...wf.graph.steps,
        step('h', 'http_request', 'action', { method: 'POST', url: `${base}/hook`, headers: {}, body: '{}', timeoutMs: 2000 }),
        step('k', 'claude_skill', 'action', { skill: 'classify_rejection', input: { retailer: "'amazon_us'", message: "'x'" } }),
        step('ev', 'emit_event', 'action', { event: 'audit/requested', data: { productIds: '[event.data.productId]' } }),
        step('task', 'create_task', 'action', { title: 'What-if task', priority: 'low' }),
      ],
      edges: [...wf.graph.edges, edge('trigger', 'h'), edge('h', 'k'), edge('k', 'ev'), edge('ev', 'task')],
    };
    const before = await databaseFingerprint(t.current.database.sql);
    const last = await editor.workflows.simulate({ companySlug: SLUG, workflowId: wf.id, graph: effects, source: { lastRuns: N } });
    const samples = await editor.workflows.simulate({ companySlug: SLUG, workflowId: wf.id, graph: effects, source: { samples: [{ productId: 'p-1' }, { productId: 'p-2' }] } });
    expect(await databaseFingerprint(t.current.database.sql)).toEqual(before);
    expect({ hits, claude: fake.count(), events: sent.length }).toEqual({ hits: 0, claude: 0, events: 0 });
    // The new steps would run in every run, with outputs nobody recorded: unknown, never performed.
    // In the runs that failed (the audit, or the publish event), the new parallel branch may or may not have got
    // that far before the failure: timing decides, so it is uncertain there.
    const failed = (await pastRuns(wf.id)).filter((r) => Object.values(r.steps).some((s) => s.status === 'failed')).length;
    expect(failed).toBeGreaterThan(0);
    expect(last.edges['e-ev-task']).toEqual({ taken: N - failed, uncertain: failed });
    expect(last.runs.filter((r) => r.status !== 'failed').every((r) => ['h', 'k', 'ev', 'task'].every((id) => r.unknown.includes(id)))).toBe(true);
    expect(samples.total).toBe(2);
    expect(samples.runs[0]!.unknown).toEqual(expect.arrayContaining(['n1', 'h', 'k', 'ev', 'task']));
    expect(samples.runs[0]!.steps).toMatchObject({ n3: 'uncertain', n4: 'uncertain' });
  });

  it('is for editors of the company: viewers and approvers are refused, another company cannot see the workflow', async () => {
    const wf = await workflow('Content-change guard');
    const input = { companySlug: SLUG, workflowId: wf.id, source: { lastRuns: 5 } };
    for (const email of ['hannah@copperkettle.example', 'dana@copperkettle.example']) {
      await expect((await callerAs(t.current.database.db, email)).caller.workflows.simulate(input)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    const owen = (await callerAs(t.current.database.db, 'owen@bluewater.example')).caller;
    await expect(owen.workflows.simulate({ ...input, companySlug: 'bluewater' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(editor.workflows.simulate({ ...input, source: { lastRuns: 500 } })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('lastRuns') });
    // Without a graph, the saved draft is simulated.
    expect((await editor.workflows.simulate(input)).total).toBe(5);
  });
});
