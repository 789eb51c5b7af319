/**
 * The per-run counters the executor (attempts, the event's receipt) and the workflow engine (executed steps) keep
 * as they go must give exactly the metrics that counting the underlying rows gives: real runs through the real
 * executor, measured once from the counters and once with the counters cleared (the fallback that counts rows).
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

  it('give the same step success, steps per run and event latency as counting attempts, events and steps', async () => {
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

    const measure = async () => ({
      steps: await withCompany(db, companyId, (tx) => avgStepsPerRun(tx, range)),
      success: await stepSuccessRate(db, companyId, range),
      latency: await eventToExecution(db, companyId, range),
    });
    const [kept] = await owner<{ missing: number }[]>`
      select count(*) filter (where step_attempts is null or (event_internal_id is not null and event_received_at is null))::int missing from ember_exec.runs`;
    expect(kept!.missing).toBe(0);
    const fromCounters = await measure();
    expect(fromCounters.steps).toMatchObject({ runs: 3 });
    expect(fromCounters.steps.steps).toBeGreaterThanOrEqual(8); // a, c and y or bad in each of 3 runs (the trigger row too)
    expect(fromCounters.success.attempts).toBeGreaterThan(0);
    expect(fromCounters.success.attempts).toBeGreaterThan(fromCounters.success.succeeded); // the failing step's attempts
    expect(fromCounters.latency.count).toBeGreaterThanOrEqual(3);

    await owner`update ember_exec.runs set step_attempts = null, step_attempts_ok = null, event_received_at = null`;
    await db.execute(sql`update workflow_runs set executed_steps = null`);
    expect(await measure()).toEqual(fromCounters);
  });
});
