/**
 * The demo history on a seeded database: it is written fast, in a way the metrics, the heatmap, the run view, the
 * inspector and replay all read; it is marked demo; seeding again writes nothing twice.
 */
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { callerAs } from '../../../testing/callers.ts';
import { dbTargets, useTestDatabase } from '../../../testing/db.ts';
import { demoCompanyId, seedDemo } from '../seed.ts';
import { seedDemoHistory } from './index.ts';

const slug = 'copper-kettle';
const DAY = 86_400_000;

describe.each(dbTargets())('demo history on $name postgres', (target) => {
  const t = useTestDatabase(target, { seeded: true });
  const counts = async () =>
    (await t.current.database.db.execute<{ runs: string; steps: string; events: string; tasks: string; fns: string; attempts: string }>(sql`select
      (select count(*) from workflow_runs where demo) as runs,
      (select count(*) from workflow_run_steps s join workflow_runs r on r.id = s.run_id where r.demo) as steps,
      (select count(*) from workflow_run_step_events e join workflow_runs r on r.id = e.run_id where r.demo) as events,
      (select count(*) from tasks t join workflow_runs r on r.id = t.run_id where r.demo) as tasks,
      (select count(*) from function_runs where run_id like 'demo-%') as fns,
      (select count(*) from function_attempts where run_id like 'demo-%') as attempts`))[0]!;

  it('seeds 30 days of runs quickly, and seeding again writes nothing twice', async () => {
    expect(await counts()).toMatchObject({ runs: '0' });
    const started = performance.now();
    const written = await seedDemoHistory(t.current.database.db, demoCompanyId(slug), slug);
    const ms = performance.now() - started;
    console.log(`[demo-history] ${written} runs for ${slug} in ${ms.toFixed(0)} ms`);
    expect(written).toBeGreaterThan(200);
    expect(ms).toBeLessThan(10_000);
    const first = await counts();
    expect(Number(first.steps)).toBeGreaterThan(written * 3);
    expect(Number(first.tasks)).toBeGreaterThan(0);

    // Again, directly and through the whole seed (which also gives Bluewater, with no enabled workflow, nothing).
    expect(await seedDemoHistory(t.current.database.db, demoCompanyId(slug), slug)).toBe(0);
    await seedDemo(t.current.database.db);
    expect(await counts()).toEqual(first);

    const [span] = await t.current.database.db.execute<{ oldest: Date; newest: Date; statuses: string[] }>(sql`
      select min(created_at) as oldest, max(finished_at) as newest, array_agg(distinct status::text order by status::text) as statuses from workflow_runs where demo`);
    expect(Date.now() - new Date(span!.oldest).getTime()).toBeGreaterThan(25 * DAY);
    expect(new Date(span!.newest).getTime()).toBeLessThan(Date.now());
    expect(span!.statuses).toEqual(['completed', 'failed']);
  });

  it('the metrics over 30 days show completions, failures, retries, gate waits and costs', async () => {
    const { caller } = await callerAs(t.current.database.db, 'priya@copperkettle.example');
    const range = { from: new Date(Date.now() - 30 * DAY), to: new Date(Date.now() + 60_000) };
    const dash = await caller.metrics.dashboard({ companySlug: slug, ...range });
    const executor = dash.stepSuccess.functions.find((f) => f.functionId.endsWith('workflow-executor'))!;
    expect(executor.succeeded).toBeGreaterThan(0);
    expect(executor.failed).toBeGreaterThan(0);
    expect(dash.gates.resolved).toBeGreaterThan(0);
    expect(dash.gates.p90).toBeGreaterThan(dash.gates.p50!);
    expect(dash.eventLatency.count).toBeGreaterThan(0);
    expect(dash.cost.totalUsd).toBeGreaterThan(0);
    const guard = dash.stepsPerRun.workflows.find((w) => w.name === 'Content-change guard')!;
    expect(guard.runs).toBeGreaterThan(50);

    const heat = await caller.metrics.heatmap({ companySlug: slug, workflowId: guard.workflowId, window: range });
    expect(heat.runs).toBe(guard.runs);
    const audit = heat.steps.find((s) => s.stepId === 'n1')!;
    expect(audit.finished).toBeGreaterThan(0);
    expect(audit.failed).toBeGreaterThan(0);
    expect(audit.retries).toBeGreaterThan(0);
    expect(audit.p95Ms).toBeGreaterThan(audit.p50Ms!);
  });

  it('a seeded run opens in the run view with its steps, attempts and a replay in time order', async () => {
    const { caller } = await callerAs(t.current.database.db, 'priya@copperkettle.example');
    const page = await caller.runs.list({ companySlug: slug, status: 'failed' });
    const items = Array.isArray(page) ? page : (page as { items: typeof page }).items;
    const failed = items.find((r) => (r as { demo?: boolean }).demo)!;
    expect(failed).toBeDefined();
    const run = await caller.runs.get({ companySlug: slug, id: failed.id });
    expect(run.run.demo).toBe(true);
    expect(run.steps.length).toBe(run.version.graph.steps.length);
    expect(run.steps.some((s) => s.status === 'failed')).toBe(true);
    expect(run.steps.filter((s) => s.status === 'skipped').every((s) => /^(run failed at|branch not taken)/.test(s.statusReason ?? ''))).toBe(true);

    const attempts = await caller.runs.attempts({ companySlug: slug, id: failed.id });
    expect(attempts.available).toBe(true);
    expect(Object.values(attempts.steps).flat().some((a) => !a.ok)).toBe(true);

    const history = await caller.metrics.runHistory({ companySlug: slug, id: failed.id });
    const times = history.transitions.map((x) => Date.parse(x.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(history.transitions[0]).toMatchObject({ stepId: '', status: 'pending' });
    expect(history.transitions.at(-1)).toMatchObject({ stepId: '', status: 'failed' });
    expect(times.at(-1)!).toBeLessThan(Date.now() - 60 * 60_000);
    // Each row's change_seq is its last transition's, as the triggers leave it.
    const [row] = await t.current.database.db.execute<{ mismatched: string }>(sql`
      select count(*) as mismatched from workflow_run_steps s join workflow_runs r on r.id = s.run_id
      where r.demo and s.change_seq <> (select max(seq) from workflow_run_step_events e where e.run_id = s.run_id and e.step_id = s.step_id)`);
    expect(row!.mismatched).toBe('0');
  });
});
