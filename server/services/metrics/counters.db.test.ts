/**
 * The per-run counters the metrics read are kept as work happens: the observe middleware counts each function run's
 * attempts and stamps its event's receipt and first call (function_runs), and the workflow engine writes how many
 * steps a run executed. Real runs through the real executor show that those counters equal counting the rows they
 * summarise, that they agree with what the executor itself counted of the same calls, and that the steps-per-run
 * metric is the same from the counter and from counting steps.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cond, edge, graph, step, trig } from '../../../shared/graph/fixtures.ts';
import { withCompany } from '../../db/tx.ts';
import { publishWorkflow, SLUG, startHarness, waitForRun, type Harness } from '../../workflow/testing/harness.ts';
import { dbTargets, useTestDatabase } from '../../testing/db.ts';
import { eventToExecution } from './event-latency.ts';
import { stepSuccessRate } from './step-success.ts';
import { avgStepsPerRun } from './steps-per-run.ts';

describe.each(dbTargets())('metric counters on $name postgres', (target) => {
  const t = useTestDatabase(target, { seeded: true });
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(t.current.database);
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('equal counting attempts and steps, and agree with what the executor counted', async () => {
    const { db, sql: owner } = t.current.database;
    const [company] = await owner<{ id: string }[]>`select id from companies where slug = ${SLUG}`;
    const companyId = company!.id;
    const wf = await publishWorkflow(h, 'Counters', graph(
      [trig(), step('a', 'transform', 'action', { mapping: { x: '1' } }), cond('c'), step('y', 'transform', 'action', { mapping: { y: '2' } }), step('bad', 'transform', 'action', { mapping: { z: '1 / 0' } })],
      [edge('t', 'a'), edge('a', 'c'), edge('c', 'y', 'yes'), edge('c', 'bad', 'no')],
    ));
    const range = { from: new Date(Date.now() - 60_000), to: new Date(Date.now() + 600_000) };
    const runs: string[] = [];
    for (const ok of [true, false, true]) runs.push((await h.editor.runs.start({ companySlug: SLUG, workflowId: wf.id, payload: { ok } })).runId);
    const finished = await Promise.all(runs.map((r) => waitForRun(t.current.database, r, ['completed', 'failed'])));
    expect(finished.map((f) => f.status)).toEqual(['completed', 'failed', 'completed']);
    // The executor's own last call of each run comes after the run's final status: wait until nothing is in flight.
    await expect.poll(async () => (await owner`select count(*)::int n from ember_exec.runs where status = 'running'`)[0]!.n, { timeout: 15_000 }).toBe(0);
    await h.recorder.flush();

    // The counters are the rows they count, in both the company's and the engine-level tables.
    for (const [runs, attempts] of [['function_runs', 'function_attempts'], ['system_function_runs', 'system_function_attempts']] as const) {
      const off = await owner.unsafe(`
        select r.run_id, r.attempts, r.attempts_ok, count(a.run_id)::int as n, (count(a.run_id) filter (where a.outcome = 'ok'))::int as ok
        from ${runs} r left join ${attempts} a on a.run_id = r.run_id group by r.run_id having r.attempts <> count(a.run_id) or r.attempts_ok <> count(a.run_id) filter (where a.outcome = 'ok')`);
      expect(off, runs).toEqual([]);
    }
    // The middleware saw exactly the calls the executor made: per run, the same number of attempts and of good ones,
    // the first call and the event's receipt at the same moments (within scheduling noise).
    const executor = await owner<{ id: string; n: number; ok: number; first: string; received: string | null }[]>`
      select id, step_attempts as n, step_attempts_ok as ok, first_step_at as first, event_received_at as received
      from ember_exec.runs where first_step_at is not null order by id`;
    const recorded = await owner<{ id: string; n: number; ok: number; first: string; received: string | null; event: string | null }[]>`
      select run_id as id, attempts as n, attempts_ok as ok, first_call_at as first, event_received_at as received, event_name as event from function_runs
      union all select run_id, attempts, attempts_ok, first_call_at, event_received_at, event_name from system_function_runs order by id`;
    expect(recorded.map((r) => [r.id, r.n, r.ok])).toEqual(executor.map((r) => [r.id, r.n, r.ok]));
    expect(recorded.length).toBeGreaterThanOrEqual(3); // the three workflow runs (and any cron sweep meanwhile)
    const ms = (d: Date | string | null) => (d === null ? NaN : new Date(d).getTime());
    for (const [i, r] of recorded.entries()) {
      expect(Math.abs(ms(r.first) - ms(executor[i]!.first)), r.id).toBeLessThan(1000);
      if (executor[i]!.received && r.event !== 'inngest/function.invoked') expect(Math.abs(ms(r.received) - ms(executor[i]!.received)), r.id).toBeLessThan(1000);
    }

    const measure = async () =>
      withCompany(db, companyId, async (tx) => ({ steps: await avgStepsPerRun(tx, range), success: await stepSuccessRate(tx, range), latency: await eventToExecution(tx, range) }));
    const fromCounters = await measure();
    expect(fromCounters.steps).toMatchObject({ runs: 3 });
    expect(fromCounters.steps.steps).toBeGreaterThanOrEqual(8); // a, c and y or bad in each of 3 runs (the trigger row too)
    expect(fromCounters.success.attempts).toBeGreaterThan(fromCounters.success.succeeded); // the failing step's attempts
    expect(fromCounters.latency.count).toBeGreaterThanOrEqual(3);
    // Step success counted attempt by attempt gives the same numbers.
    const counted = await withCompany(db, companyId, (tx) => tx.execute<{ fn: string; n: number; ok: number }>(sql`
      select r.function_id as fn, count(*)::int as n, (count(*) filter (where a.outcome = 'ok'))::int as ok
      from function_runs r join function_attempts a on a.run_id = r.run_id
      where r.created_at >= ${range.from.toISOString()}::timestamptz and r.created_at < ${range.to.toISOString()}::timestamptz group by 1 order by 1`));
    expect(fromCounters.success.functions.map((f) => [f.functionId, f.attempts, f.succeeded])).toEqual(counted.map((c) => [c.fn, c.n, c.ok]));

    // Steps per run: runs older than the executed-steps counter are counted from their steps, with the same result.
    await db.execute(sql`update workflow_runs set executed_steps = null`);
    expect(await measure()).toEqual(fromCounters);
  });
});
