/** runs.watch through the real router: live transitions as tracked events, and a reconnect that misses nothing. */
import { isTrackedEnvelope } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { edge, graph, step, trig } from '../../../shared/graph/fixtures.ts';
import { publishWorkflow, SLUG, startHarness, waitForRun, type Harness } from '../../workflow/testing/harness.ts';
import { RunStepFeed, type RunStepChange } from '../../services/runs/live-feed.ts';
import { appRouter } from '../app-router.ts';
import { createContextInner } from '../context.ts';
import { createCallerFactory } from '../init.ts';
import { dbTargets, useTestDatabase } from '../../testing/db.ts';

describe.each(dbTargets())('runs.watch on $name postgres', (target) => {
  const t = useTestDatabase(target, { seeded: true });
  let h: Harness;
  const feed = new RunStepFeed();
  beforeAll(async () => {
    h = await startHarness(t.current.database);
    await feed.start(t.current.database.sql);
  });
  afterAll(async () => {
    await feed.stop();
    await h?.stop();
  });

  const watcher = () => createCallerFactory(appRouter)(
    createContextInner({ db: t.current.database.db, sessionTtlS: 60, secureCookies: false, sendEvent: h.sendEvent, feed }, { user: { id: h.approverId, email: 'dana@copperkettle.example', name: 'Dana' } }),
  );

  async function collect(iterable: AsyncIterable<unknown>, until: (events: { id: string; data: RunStepChange }[]) => boolean, timeoutMs = 15_000) {
    const events: { id: string; data: RunStepChange }[] = [];
    const it = iterable[Symbol.asyncIterator]();
    const deadline = Date.now() + timeoutMs;
    while (!until(events)) {
      const next = await Promise.race([it.next(), new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), Math.max(1, deadline - Date.now())))]);
      if (next === 'timeout') throw new Error(`timed out; got ${JSON.stringify(events.map((e) => e.data))}`);
      if (next.done) break;
      const value = next.value;
      if (!isTrackedEnvelope(value)) throw new Error('not a tracked envelope');
      events.push({ id: value[0], data: value[1] as RunStepChange });
    }
    await it.return?.();
    return events;
  }

  it('streams every transition of a run, in order per step, ending with the final state', async () => {
    const wf = await publishWorkflow(h, 'Watched', graph([trig(), { ...step('a', 'delay', 'action', { duration: '100ms' }), position: { x: 1, y: 1 } }, { ...step('b', 'transform', 'action', { mapping: { v: '1' } }), position: { x: 2, y: 2 } }], [edge('t', 'a'), edge('a', 'b')]));
    const { runId } = await h.editor.runs.start({ companySlug: SLUG, workflowId: wf.id, payload: {} });
    const stream = await watcher().runs.watch({ companySlug: SLUG, runId });
    const events = await collect(stream, (ev) => ev.some((e) => e.data.stepId === '' && e.data.runStatus === 'completed'));
    const byStep = (id: string) => events.filter((e) => e.data.stepId === id).map((e) => e.data.status);
    expect(byStep('a').at(-1)).toBe('completed');
    expect(byStep('b').at(-1)).toBe('completed');
    expect(events.map((e) => Number(e.id))).toEqual(events.map((e) => e.data.seq).map(Number));
    for (const id of ['a', 'b']) {
      const seqs = events.filter((e) => e.data.stepId === id).map((e) => e.data.seq);
      expect([...seqs].sort((x, y) => x - y)).toEqual(seqs);
    }
  });

  it('a client reconnecting after the run ended gets its final state', async () => {
    const wf = await publishWorkflow(h, 'Reconnect', graph([trig(), { ...step('a', 'transform', 'action', { mapping: { v: '1' } }), position: { x: 1, y: 1 } }], [edge('t', 'a')]));
    const { runId } = await h.editor.runs.start({ companySlug: SLUG, workflowId: wf.id, payload: {} });
    const first = await collect(await watcher().runs.watch({ companySlug: SLUG, runId }), (ev) => ev.length >= 1);
    await waitForRun(t.current.database, runId, ['completed']);
    const resumed = await collect(await watcher().runs.watch({ companySlug: SLUG, runId, lastEventId: first[0]!.id }), (ev) => ev.some((e) => e.data.runStatus === 'completed') && ev.some((e) => e.data.stepId === 'a' && e.data.status === 'completed'));
    expect(resumed.find((e) => e.data.stepId === 'a')!.data.status).toBe('completed');
  });

  it("never streams another company's runs", async () => {
    const [owen] = await t.current.database.sql`select id from users where email = 'owen@bluewater.example'`;
    const bluewater = createCallerFactory(appRouter)(createContextInner({ db: t.current.database.db, sessionTtlS: 60, secureCookies: false, sendEvent: h.sendEvent, feed }, { user: { id: owen!.id as string, email: 'owen@bluewater.example', name: 'Owen' } }));
    const stream = await bluewater.runs.watch({ companySlug: 'bluewater' });
    const wf = await publishWorkflow(h, 'Private', graph([trig(), { ...step('a', 'transform', 'action', { mapping: { v: '1' } }), position: { x: 1, y: 1 } }], [edge('t', 'a')]));
    const { runId } = await h.editor.runs.start({ companySlug: SLUG, workflowId: wf.id, payload: {} });
    await waitForRun(t.current.database, runId, ['completed']);
    const got = await collect(stream, () => false, 500).catch((e: Error) => e.message);
    expect(got).toMatch(/timed out; got \[\]/);
  });
});
