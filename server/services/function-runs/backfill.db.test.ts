/**
 * Migration 0021 fills function_runs / function_attempts (and the system_* pair, and workflow_runs'
 * trigger_event_name) from what the embedded executor kept in ember_exec before the app recorded calls itself. Real
 * runs through the real executor, recorded live by the observe middleware, are erased and backfilled from ember_exec:
 * the backfill gives the same runs, counters and step attempts as the live record.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cond, edge, graph, step, trig } from '../../../shared/graph/fixtures.ts';
import { dbTargets, useTestDatabase } from '../../testing/db.ts';
import { publishWorkflow, SLUG, startHarness, waitForRun, type Harness } from '../../workflow/testing/harness.ts';

const MIGRATION = path.resolve(import.meta.dirname, '../../../drizzle/migrations/0021_function_runs_rls.sql');

describe.each(dbTargets())('the function runs backfill on $name postgres', (target) => {
  const t = useTestDatabase(target, { seeded: true });
  let h: Harness;
  // The backfill reads what executors kept before the app recorded calls, which was before checkpointing: one
  // ember_exec.attempts row per step call. With checkpointing, steps run inside a call and only the app's record lists them.
  const checkpointing = process.env.EMBER_EXEC_CHECKPOINTING;
  beforeAll(async () => {
    process.env.EMBER_EXEC_CHECKPOINTING = 'off';
    h = await startHarness(t.current.database);
  });
  afterAll(async () => {
    await h?.stop();
    if (checkpointing === undefined) delete process.env.EMBER_EXEC_CHECKPOINTING;
    else process.env.EMBER_EXEC_CHECKPOINTING = checkpointing;
  });

  it('gives what the middleware recorded live', async () => {
    const { db, sql: owner } = t.current.database;
    const wf = await publishWorkflow(h, 'Backfilled', graph(
      [trig(), step('a', 'transform', 'action', { mapping: { x: '1' } }), cond('c'), step('y', 'delay', 'action', { duration: '50ms' }), step('bad', 'transform', 'action', { mapping: { z: '1 / 0' } })],
      [edge('t', 'a'), edge('a', 'c'), edge('c', 'y', 'yes'), edge('c', 'bad', 'no')],
    ));
    const runs: string[] = [];
    for (const ok of [true, false]) runs.push((await h.editor.runs.start({ companySlug: SLUG, workflowId: wf.id, payload: { ok } })).runId);
    for (const r of runs) await waitForRun(t.current.database, r, ['completed', 'failed']);
    await expect.poll(async () => (await owner`select count(*)::int n from ember_exec.runs where status = 'running'`)[0]!.n, { timeout: 15_000 }).toBe(0);
    await h.recorder.flush();

    const snapshot = async () => ({
      runs: await owner`
        select run_id, company_id, function_id, workflow_run_id, event_id, event_name, status, attempts, attempts_ok from function_runs
        union all select run_id, null, function_id, null, event_id, event_name, status, attempts, attempts_ok from system_function_runs order by run_id`,
      // Calls that ran no step are keyed differently (the executor kept no memo count); steps by their own id.
      attempts: await owner`
        select run_id, case when kind = 'step' then call_key end as call_key, kind, step_id, attempt, outcome, detail from function_attempts
        union all select run_id, case when kind = 'step' then call_key end, kind, step_id, attempt, outcome, detail from system_function_attempts
        order by run_id, kind, call_key nulls last, detail, attempt, step_id`,
      triggers: await owner`select id, trigger_event_name from workflow_runs where id = any(${runs}) order by id`,
    });
    const live = await snapshot();
    expect(live.runs.length).toBeGreaterThanOrEqual(2);
    expect(live.attempts.some((a) => a.kind === 'step' && a.outcome === 'error')).toBe(true);

    await owner`delete from function_attempts`;
    await owner`delete from function_runs`;
    await owner`delete from system_function_attempts`;
    await owner`delete from system_function_runs`;
    await db.execute(sql`update workflow_runs set trigger_event_name = null`);
    // The data part of the migration (its access rules are already in place).
    const statements = readFileSync(MIGRATION, 'utf8').split('--> statement-breakpoint').filter((s) => !/ROW LEVEL SECURITY|POLICY|REVOKE/.test(s));
    await owner.begin(async (tx) => {
      for (const statement of statements) await tx.unsafe(statement);
    });
    expect(await snapshot()).toEqual(live);
  });
});
