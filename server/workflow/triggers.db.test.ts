/** Schedules fire once per slot, across restarts; event triggers honour their CEL filter and start once per event. */
import { dataOf, enrichmentPipelineCompleted, makeEvent } from '../../shared/events/index.ts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { edge, graph, step, trig } from '../../shared/graph/fixtures.ts';
import { startDueScheduledRuns, slotsBetween } from '../services/triggers/schedules.ts';
import { dbTargets, useTestDatabase } from '../testing/db.ts';
import { publishWorkflow, SLUG, startHarness, waitForRun, type Harness } from './testing/harness.ts';

const simple = graph([trig(), { ...step('x', 'transform', 'action', { mapping: { seen: 'event.data' } }), position: { x: 200, y: 0 } }], [edge('t', 'x')]);

describe('slotsBetween', () => {
  it('computes slots in the workflow time zone', () => {
    // 07:00 in Chicago on Monday 2026-11-30 is 13:00 UTC (CST, UTC-6).
    const slots = slotsBetween('0 7 * * 1', 'America/Chicago', new Date('2026-11-29T00:00:00Z'), new Date('2026-12-08T00:00:00Z'));
    expect(slots.map((d) => d.toISOString())).toEqual(['2026-11-30T13:00:00.000Z', '2026-12-07T13:00:00.000Z']);
  });
});

describe.each(dbTargets())('triggers on $name postgres', (target) => {
  const t = useTestDatabase(target, { seeded: true });
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(t.current.database);
  });
  afterAll(async () => h?.stop());

  it('a cron slot starts exactly one run, across ticks and a restart of the engine', async () => {
    const wf = await publishWorkflow(h, 'Every minute', simple, { type: 'schedule', cron: '* * * * *', timezone: 'Europe/Paris' });
    await h.editor.workflows.setEnabled({ companySlug: SLUG, id: wf.id, enabled: true });
    const [row] = await t.current.database.db.execute<{ updated_at: string }>(sql`select updated_at from workflows where id = ${wf.id}`);
    const slot = Math.ceil(new Date(row!.updated_at).getTime() / 60_000) * 60_000;
    const first = await startDueScheduledRuns(t.current.database.db, new Date(slot + 1_000));
    const mine = first.filter((e) => dataOf(e, 'workflow/triggered').workflowId === wf.id);
    expect(mine).toHaveLength(1);
    expect(dataOf(mine[0]!, 'workflow/triggered').trigger).toEqual({ type: 'schedule', ref: `schedule:${new Date(slot).toISOString()}` });
    await h.sendEvent(first);
    // A second tick for the same minute, after the engine restarted: nothing new.
    await h.stop();
    h = await startHarness(t.current.database);
    expect((await startDueScheduledRuns(t.current.database.db, new Date(slot + 30_000))).filter((e) => dataOf(e, 'workflow/triggered').workflowId === wf.id)).toEqual([]);
    const runs = await t.current.database.db.execute<{ id: string }>(sql`select id from workflow_runs where workflow_id = ${wf.id}`);
    expect(runs).toHaveLength(1);
    await waitForRun(t.current.database, runs[0]!.id, ['completed']);
    // The next minute is a new slot.
    expect((await startDueScheduledRuns(t.current.database.db, new Date(slot + 61_000))).filter((e) => dataOf(e, 'workflow/triggered').workflowId === wf.id)).toHaveLength(1);
  });

  it('a disabled scheduled workflow does not fire', async () => {
    const wf = await publishWorkflow(h, 'Disabled schedule', simple, { type: 'schedule', cron: '* * * * *', timezone: 'UTC' });
    const events = await startDueScheduledRuns(t.current.database.db, new Date(Date.now() + 120_000));
    expect(events.filter((e) => dataOf(e, 'workflow/triggered').workflowId === wf.id)).toEqual([]);
  });

  it('an event trigger starts enabled workflows whose filter passes, once per event', async () => {
    const wf = await publishWorkflow(h, 'On enrichment', simple, { type: 'event', event: 'enrichment/pipeline.completed', filter: "event.data.status == 'completed'" });
    await h.editor.workflows.setEnabled({ companySlug: SLUG, id: wf.id, enabled: true });
    const [{ company_id: companyId }] = await t.current.database.sql`select company_id from workflows where id = ${wf.id}` as unknown as [{ company_id: string }];
    const payload = (status: 'completed' | 'failed') => ({ companyId, jobId: crypto.randomUUID(), status, productIds: [], fields: ['title'], stats: { suggestions: 1, autoApproved: 1, pendingReview: 0, failed: 0 } });
    const good = makeEvent(enrichmentPipelineCompleted, `enrich-${crypto.randomUUID()}`, payload('completed'));
    await h.sendEvent([good, makeEvent(enrichmentPipelineCompleted, `enrich-${crypto.randomUUID()}`, payload('failed'))]);
    await h.sendEvent([{ ...good, id: good.id }]); // the same event again
    const deadline = Date.now() + 10_000;
    let runs: { id: string; trigger_ref: string }[] = [];
    while (Date.now() < deadline && runs.length === 0) {
      runs = [...(await t.current.database.db.execute<{ id: string; trigger_ref: string }>(sql`select id, trigger_ref from workflow_runs where workflow_id = ${wf.id}`))];
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(runs.map((r) => r.trigger_ref)).toEqual([`event:${good.id}`]);
    await waitForRun(t.current.database, runs[0]!.id, ['completed']);
    // Both events were fully processed by then (the failed one ran its trigger function to completion too).
    const triggerRuns = await t.current.database.sql`select id from ember_exec.runs where function_slug = 'ember-workflows-workflow-trigger-enrichment'`;
    expect(triggerRuns).toHaveLength(2);
    for (const r of triggerRuns) expect(await h.executor.waitForRun(r.id as string)).toMatchObject({ status: 'completed' });
    expect(await t.current.database.db.execute(sql`select id from workflow_runs where workflow_id = ${wf.id}`)).toHaveLength(1);
  });
});
