/**
 * The SQL triggers announce changes with json_build_object (migration 0013); the contract is
 * shared/live/run-step-change.ts. This compares the keys the triggers build with the schema's, and checks that a
 * change the triggers announce parses, so the two cannot drift apart silently.
 */
import { describe, expect, it } from 'vitest';
import { RUN_CHANGE_CHANNEL, RunStepChangeSchema } from '../../../shared/live/run-step-change.ts';
import { dbTargets, useTestDatabase } from '../../testing/db.ts';

/** The keys of the json_build_object that a trigger function passes to pg_notify on the channel. */
function notifiedKeys(source: string): string[] {
  const call = new RegExp(`pg_notify\\('${RUN_CHANGE_CHANNEL}',\\s*json_build_object\\(([\\s\\S]*?)\\)::text\\)`).exec(source);
  if (!call) throw new Error('no pg_notify(json_build_object(…)) on the live channel in the trigger');
  // Arguments alternate key, value (the values are plain columns or literals, with no commas of their own).
  const args = call[1]!.split(',').map((a) => a.trim());
  return args.filter((_, i) => i % 2 === 0).map((k) => k.replace(/^'|'$/g, ''));
}

describe.each(dbTargets())('the live change contract on $name postgres', (target) => {
  const t = useTestDatabase(target, { seeded: true });

  it('the triggers build exactly the schema’s fields (the step trigger all but the run-only ones; the run trigger the run fields)', async () => {
    const [step] = await t.current.database.sql`select pg_get_functiondef('run_step_announce'::regproc) as def`;
    const [run] = await t.current.database.sql`select pg_get_functiondef('run_announce'::regproc) as def`;
    const schemaKeys = Object.keys(RunStepChangeSchema.shape).sort();
    const stepKeys = notifiedKeys(step!.def as string);
    const runKeys = notifiedKeys(run!.def as string);
    for (const k of [...stepKeys, ...runKeys]) expect(schemaKeys, `trigger key ${k}`).toContain(k);
    expect([...new Set([...stepKeys, ...runKeys])].sort()).toEqual(schemaKeys);
    expect(stepKeys.sort()).toEqual(['attempts', 'companyId', 'reason', 'runId', 'seq', 'status', 'stepId']);
    expect(runKeys.sort()).toEqual(['companyId', 'runId', 'runStatus', 'seq', 'status', 'stepId', 'workflowId']);
  });

  it('a change the triggers announce parses by the contract', async () => {
    const { sql } = t.current.database;
    const received: unknown[] = [];
    const sub = await sql.listen(RUN_CHANGE_CHANNEL, (payload) => received.push(JSON.parse(payload)));
    const [run] = await sql`insert into workflow_runs (company_id, workflow_id, workflow_version_id, trigger_type, trigger_ref, status)
      select company_id, id, published_version_id, 'manual', 'contract', 'running' from workflows where published_version_id is not null limit 1 returning id, company_id`;
    await sql`insert into workflow_run_steps (company_id, run_id, step_id) values (${run!.company_id as string}, ${run!.id as string}, 'a')`;
    await sql`update workflow_run_steps set status = 'running', attempts = 1 where run_id = ${run!.id as string}`;
    const deadline = Date.now() + 5000;
    while (received.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    await sub.unlisten();
    expect(received.length).toBeGreaterThanOrEqual(2);
    for (const change of received) expect(RunStepChangeSchema.safeParse(change).success, JSON.stringify(change)).toBe(true);
  });
});
