import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { demoCompanyId } from '../../demo/seed/seed.ts';
import { withCompany } from '../../db/tx.ts';
import { markFinished, markRunning } from '../../workflow/transitions.ts';
import { dbTargets, useTestDatabase } from '../../testing/db.ts';
import { RunStepFeed, type RunStepChange } from './live-feed.ts';

describe.each(dbTargets())('run-step live feed on $name postgres', (target) => {
  const t = useTestDatabase(target, { seeded: true });

  it('publishes committed transitions to subscribers of the company (and run), and nothing of a rolled-back one', async () => {
    const { db, sql: owner } = t.current.database;
    const companyId = demoCompanyId('copper-kettle');
    const [run] = await owner`insert into workflow_runs (company_id, workflow_id, workflow_version_id, trigger_type, trigger_ref, status)
      select company_id, id, published_version_id, 'manual', 'feed', 'running' from workflows where company_id = ${companyId} limit 1 returning id`;
    const runId = run!.id as string;
    await owner`insert into workflow_run_steps (company_id, run_id, step_id) values (${companyId}, ${runId}, 'a'), (${companyId}, ${runId}, 'b')`;
    const feed = new RunStepFeed();
    await feed.start(owner);
    const seen: RunStepChange[] = [];
    const other: RunStepChange[] = [];
    const stop = feed.subscribe({ companyId, runId }, (c) => seen.push(c));
    const stopOther = feed.subscribe({ companyId: demoCompanyId('bluewater') }, (c) => other.push(c));
    const ref = { companyId, runId, stepId: 'a' };
    await markRunning(db, ref, { x: 1 });
    await markFinished(db, ref, 'completed', { output: { ok: true } });
    await withCompany(db, companyId, async (tx) => {
      await tx.execute(sql`select pg_notify('ember_run_steps', ${JSON.stringify({ companyId, runId, stepId: 'b', status: 'failed' })})`);
      throw new Error('roll back');
    }).catch(() => {});
    await markFinished(db, { ...ref, stepId: 'b' }, 'skipped', { reason: 'branch not taken' });
    const deadline = Date.now() + 5000;
    while (seen.length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(seen.map((c) => `${c.stepId}:${c.status}`)).toEqual(['a:running', 'a:completed', 'b:skipped']);
    expect(seen[2]).toMatchObject({ reason: 'branch not taken' });
    expect(other).toEqual([]);
    stop();
    stopOther();
    await feed.stop();
  });
});
