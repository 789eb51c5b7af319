/**
 * The approvals inbox shows each waiting approval's whole chain (every level, each decision with its comment and on
 * whose behalf, who is still to decide), and a vote that only closes a level is announced live, so a watcher sees the
 * level close before the gate ends. Through the real executor and router.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { edge, graph, step, trig } from '../../../shared/graph/fixtures.ts';
import type { Graph } from '../../../shared/graph/schema.ts';
import { RunStepFeed, type RunStepChange } from '../../services/runs/live-feed.ts';
import { callerAs, type Caller } from '../../testing/callers.ts';
import { dbTargets, useTestDatabase } from '../../testing/db.ts';
import { gateTask, publishWorkflow, SLUG, startHarness, waitForRun, type Harness } from '../../workflow/testing/harness.ts';

const positioned = (g: Graph): Graph => ({ ...g, steps: g.steps.map((s, i) => ({ ...s, position: { x: i * 120, y: 0 } })) });

describe.each(dbTargets())('the chain in the inbox on $name postgres', (target) => {
  const t = useTestDatabase(target, { seeded: true });
  let h: Harness;
  let priya: { id: string; caller: Caller };
  let sam: { id: string; caller: Caller };
  let feed: RunStepFeed;
  const seen: RunStepChange[] = [];
  beforeAll(async () => {
    h = await startHarness(t.current.database);
    const p = await callerAs(t.current.database.db, 'priya@copperkettle.example', (events) => h.sendEvent(events));
    priya = { id: p.user.id, caller: p.caller };
    // Sam decides approvals too, so Dana can hand hers to him.
    await t.current.database.sql`update memberships set role = 'approver' where user_id in (select id from users where email = 'sam@copperkettle.example')`;
    const s = await callerAs(t.current.database.db, 'sam@copperkettle.example', (events) => h.sendEvent(events));
    sam = { id: s.user.id, caller: s.caller };
    feed = new RunStepFeed();
    await feed.start(t.current.database.sql);
    const [company] = await t.current.database.sql`select id from companies where slug = ${SLUG}`;
    feed.subscribe({ companyId: company!.id as string }, (c) => seen.push(c));
  });
  afterAll(async () => {
    await feed?.stop();
    await h?.stop();
  });

  it('lists the whole chain with votes, comments, "on behalf of" and who is still to decide; each level closing is announced', async () => {
    const gate = step('g', 'human_gate', 'human_gate', {
      instructions: 'Check the price', timeout: '1h', onTimeout: 'fail', noSelfApproval: true,
      levels: [{ name: 'Catalog', deciders: { userIds: [h.approverId] } }, { name: 'Final', deciders: { role: 'admin' }, sla: '30m' }],
    });
    const wf = await publishWorkflow(h, 'Inbox chain', positioned(graph([trig(), gate, step('done', 'transform', 'action', { mapping: { ok: 'true' } })], [edge('t', 'g'), edge('g', 'done', 'yes')])));
    const { runId } = await h.editor.runs.start({ companySlug: SLUG, workflowId: wf.id, payload: {} });
    const taskId = await gateTask(t.current.database, runId, 'g');

    // Dana is away and has handed her approvals to Sam: Sam's inbox has level 1, on Dana's behalf.
    await h.approver.gates.delegate({ companySlug: SLUG, delegateUserId: sam.id, until: new Date(Date.now() + 3_600_000).toISOString() });
    const before = (await sam.caller.gates.list({ companySlug: SLUG })).find((g) => g.id === taskId)!;
    expect(before).toMatchObject({ level: 0, levels: 2, onBehalfOf: { id: h.approverId } });
    expect(before.chain.map((l) => [l.name, l.status, l.approvals, l.required, l.pendingUserIds])).toEqual([['Catalog', 'open', 0, 1, [h.approverId]], ['Final', 'waiting', 0, 1, []]]);
    expect(before.people[h.approverId]).toBe('Dana Okafor');

    const [row] = await t.current.database.sql`select change_seq from workflow_run_steps where run_id = ${runId} and step_id = 'g'`;
    const seqBefore = Number(row!.change_seq);
    await sam.caller.gates.resolve({ companySlug: SLUG, taskId, decision: 'approved', comment: 'price checked for Dana', onBehalfOf: h.approverId, level: 0 });
    // The gate still waits (level 2 is open), yet watchers hear of the vote: a newer change of the gate's step.
    const deadline = Date.now() + 5000;
    while (!seen.some((c) => c.runId === runId && c.stepId === 'g' && c.seq > seqBefore) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(seen.filter((c) => c.runId === runId && c.stepId === 'g' && c.seq > seqBefore).map((c) => [c.status, c.reason])).toEqual([['running', 'waiting for a decision']]);

    const after = (await priya.caller.gates.list({ companySlug: SLUG })).find((g) => g.id === taskId)!;
    expect(after).toMatchObject({ level: 1, levelName: 'Final', onBehalfOf: null });
    expect(after.chain.map((l) => [l.name, l.status])).toEqual([['Catalog', 'approved'], ['Final', 'open']]);
    expect(after.chain[0]!.votes.map((v) => [after.people[v.userId], after.people[v.castBy], v.decision, v.comment])).toEqual([['Dana Okafor', 'Sam Whitaker', 'approved', 'price checked for Dana']]);
    // Level 2 is for admins: nothing waits on Dana or Sam now.
    expect((await h.approver.gates.list({ companySlug: SLUG })).map((g) => g.id)).not.toContain(taskId);
    expect((await sam.caller.gates.list({ companySlug: SLUG })).map((g) => g.id)).not.toContain(taskId);

    await priya.caller.gates.resolve({ companySlug: SLUG, taskId, decision: 'approved', level: 1 });
    await waitForRun(t.current.database, runId, ['completed']);
    expect((await priya.caller.gates.list({ companySlug: SLUG })).map((g) => g.id)).not.toContain(taskId);
    await h.approver.gates.delegate({ companySlug: SLUG, delegateUserId: null });
  });
});
