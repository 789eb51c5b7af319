/**
 * Approval chains through the real executor and the real router: levels with k of n, a rejection part-way, an
 * escalation whose SLA passes while the engine is down, reminders that fire once, a delegate deciding on behalf of
 * someone away, a gate skipped by its `when`, and simultaneous approvals counted once each.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { edge, graph, step, trig } from '../../shared/graph/fixtures.ts';
import type { Graph } from '../../shared/graph/schema.ts';
import type { Database } from '../db/client.ts';
import { callerAs, type Caller } from '../testing/callers.ts';
import { dbTargets, useTestDatabase } from '../testing/db.ts';
import { gateTask, publishWorkflow, runSteps, SLUG, startHarness, waitForRun, type Harness, poll } from './testing/harness.ts';

const positioned = (g: Graph): Graph => ({ ...g, steps: g.steps.map((s, i) => ({ ...s, position: { x: i * 120, y: 0 } })) });
const gated = (gate: Record<string, unknown>) =>
  positioned(
    graph(
      [
        trig(),
        step('g', 'human_gate', 'human_gate', { instructions: 'Check it', timeout: '1h', onTimeout: 'fail', noSelfApproval: true, ...gate }),
        step('yes', 'transform', 'action', { mapping: { decided: "'approved'" } }),
        step('no', 'transform', 'action', { mapping: { decided: "'rejected'" } }),
      ],
      [edge('t', 'g'), edge('g', 'yes', 'yes'), edge('g', 'no', 'no')],
    ),
  );

async function task(database: Database, taskId: string) {
  const [t] = await database.db.execute<{ gate_level: number; gate_escalated: boolean; decision: string | null; status: string; due_passed: boolean }>(sql`
    select gate_level, gate_escalated, decision, status, due_at <= now() as due_passed from tasks where id = ${taskId}`);
  return t!;
}

async function audits(database: Database, runId: string, action: string) {
  return database.db.execute<{ actor_user_id: string | null; detail: Record<string, unknown> }>(sql`
    select actor_user_id, detail from workflow_audit_log where action = ${action} and detail->>'runId' = ${runId} order by at, id`);
}

async function votes(database: Database, taskId: string) {
  return database.db.execute<{ level: number; user_id: string; cast_by: string; decision: string; comment: string | null }>(sql`
    select level, user_id, cast_by, decision, comment from gate_votes where task_id = ${taskId} order by level, user_id`);
}

describe.each(dbTargets())('approval chains on $name postgres', (target) => {
  const t = useTestDatabase(target, { seeded: true });
  let h: Harness;
  const people: Record<'marcus' | 'luis' | 'sam' | 'priya', { id: string; caller: Caller }> = {} as never;
  beforeAll(async () => {
    h = await startHarness(t.current.database);
    // Three more approvers, so levels can name several people who may resolve approvals.
    await t.current.database.sql`update memberships set role = 'approver' where user_id in (select id from users where email in ('marcus@copperkettle.example', 'luis@copperkettle.example', 'sam@copperkettle.example'))`;
    for (const name of ['marcus', 'luis', 'sam', 'priya'] as const) {
      const c = await callerAs(t.current.database.db, `${name}@copperkettle.example`, (events) => h.sendEvent(events));
      people[name] = { id: c.user.id, caller: c.caller };
    }
  });
  afterAll(async () => h?.stop());

  const start = async (name: string, gate: Record<string, unknown>, payload: Record<string, unknown> = {}) => {
    const wf = await publishWorkflow(h, name, gated(gate));
    const { runId } = await h.editor.runs.start({ companySlug: SLUG, workflowId: wf.id, payload });
    return { runId, taskId: await gateTask(t.current.database, runId, 'g') };
  };
  const decide = (who: Caller, taskId: string, decision: 'approved' | 'rejected', extra: { comment?: string; onBehalfOf?: string; level?: number } = {}) =>
    who.gates.resolve({ companySlug: SLUG, taskId, decision, ...extra });

  it('a three-level chain: 2 of 3, then one named approver, then all of two; each level only for its own deciders', async () => {
    const { marcus, luis, sam } = people;
    const { runId, taskId } = await start('Three levels', {
      levels: [
        { name: 'Catalog', deciders: { userIds: [marcus.id, luis.id, sam.id] }, approvals: 2 },
        { name: 'Approver', deciders: { userIds: [h.approverId] } },
        { name: 'Final', deciders: { userIds: [marcus.id, sam.id] }, approvals: 'all' },
      ],
    });
    await expect(decide(h.approver, taskId, 'approved')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await decide(marcus.caller, taskId, 'approved', { comment: 'copy ok' });
    expect(await task(t.current.database, taskId)).toMatchObject({ gate_level: 0, decision: null });
    await decide(luis.caller, taskId, 'approved');
    expect(await task(t.current.database, taskId)).toMatchObject({ gate_level: 1, decision: null });
    // Sam was one of three at level 1, but it closed with two: the level is no longer his to decide.
    await expect(decide(sam.caller, taskId, 'approved')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(decide(marcus.caller, taskId, 'approved')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const inbox = await h.approver.gates.list({ companySlug: SLUG });
    expect(inbox.find((g) => g.id === taskId)).toMatchObject({ level: 1, levels: 3, levelName: 'Approver', onBehalfOf: null });
    // What the decision panel shows: the chain, each vote with its comment, who is still to decide, and for whom.
    const seen = await h.approver.runs.get({ companySlug: SLUG, id: runId });
    expect(seen.gates[0]!.chain.levels.map((l) => [l.name, l.status, l.approvals, l.required, l.pendingUserIds])).toEqual([
      ['Catalog', 'approved', 2, 2, []], ['Approver', 'open', 0, 1, [h.approverId]], ['Final', 'waiting', 0, 2, []],
    ]);
    expect(seen.gates[0]!.chain.levels[0]!.votes.map((v) => [seen.people[v.userId], v.comment])).toEqual([['Marcus Bell', 'copy ok'], ['Luis Ortega', null]]);
    expect(seen.gates[0]).toMatchObject({ blocked: null, decideAs: [{ id: h.approverId, name: null }] });
    expect((await marcus.caller.runs.get({ companySlug: SLUG, id: runId })).gates[0]!.blocked).toBe('Assigned to Dana Okafor');
    await decide(h.approver, taskId, 'approved', { comment: 'fine by me' });
    await decide(marcus.caller, taskId, 'approved');
    expect((await runSteps(t.current.database, runId)).g!.status).toBe('running');
    await decide(sam.caller, taskId, 'approved');
    await waitForRun(t.current.database, runId, ['completed']);
    const s = await runSteps(t.current.database, runId);
    expect([s.yes!.status, s.no!.status]).toEqual(['completed', 'skipped']);
    expect(s.g!.output).toMatchObject({ decision: 'approved', decidedBy: sam.id, level: 2, timedOut: false });
    expect((s.g!.output as { votes: unknown[] }).votes).toHaveLength(5);
    expect((await votes(t.current.database, taskId)).map((v) => [v.level, v.user_id, v.comment])).toEqual(
      [[0, marcus.id, 'copy ok'], [0, luis.id, null], [1, h.approverId, 'fine by me'], [2, marcus.id, null], [2, sam.id, null]].sort((a, b) => (a[0] as number) - (b[0] as number) || String(a[1]).localeCompare(String(b[1]))),
    );
    expect((await audits(t.current.database, runId, 'gate_level_approved')).map((a) => a.detail.level)).toEqual([0, 1]);
    expect(await audits(t.current.database, runId, 'gate_vote')).toHaveLength(5);
    expect(await audits(t.current.database, runId, 'gate_resolved')).toHaveLength(1);
  });

  it('a rejection at level 2 ends the gate with no; level 3 never opens', async () => {
    const { marcus, sam } = people;
    const { runId, taskId } = await start('Rejected at two', {
      levels: [{ deciders: { role: 'approver' } }, { deciders: { userIds: [marcus.id, sam.id] }, approvals: 'all' }, { deciders: { role: 'admin' } }],
    });
    await decide(h.approver, taskId, 'approved');
    await decide(sam.caller, taskId, 'approved');
    await decide(marcus.caller, taskId, 'rejected', { comment: 'wrong net content' });
    await waitForRun(t.current.database, runId, ['completed']);
    const s = await runSteps(t.current.database, runId);
    expect([s.yes!.status, s.no!.status]).toEqual(['skipped', 'completed']);
    expect(s.g!.output).toMatchObject({ decision: 'rejected', comment: 'wrong net content', decidedBy: marcus.id, level: 1 });
    expect(await task(t.current.database, taskId)).toMatchObject({ gate_level: 1, decision: 'rejected', status: 'done' });
    await expect(decide(people.priya.caller, taskId, 'approved')).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('deciders chosen by CEL over the run data', async () => {
    const big = await start('Big amount', { levels: [{ deciders: { expression: 'event.data.amount > 1000 ? "admin" : "approver"' } }] }, { amount: 5000 });
    await expect(decide(h.approver, big.taskId, 'approved')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await decide(people.priya.caller, big.taskId, 'approved');
    await waitForRun(t.current.database, big.runId, ['completed']);
    const small = await start('Small amount', { levels: [{ deciders: { expression: 'event.data.amount > 1000 ? "admin" : "approver"' } }] }, { amount: 10 });
    await decide(h.approver, small.taskId, 'approved');
    await waitForRun(t.current.database, small.runId, ['completed']);
  });

  it('on SLA breach while the engine is down, the level escalates once the engine is back, and the escalation target decides', async () => {
    const { marcus, luis } = people;
    const { runId, taskId } = await start('Escalation', {
      onTimeout: 'reject',
      levels: [{ deciders: { userIds: [marcus.id] }, sla: '2s', onBreach: 'escalate', escalateTo: { userIds: [luis.id] } }],
    });
    await poll('the gate waits', () => runSteps(t.current.database, runId), (s) => s.g?.status === 'running');
    await expect(decide(luis.caller, taskId, 'approved')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await h.stop();
    await poll('the SLA passes by the database clock', () => task(t.current.database, taskId), (x) => x.due_passed);
    expect(await task(t.current.database, taskId)).toMatchObject({ gate_escalated: false, decision: null });
    h = await startHarness(t.current.database);
    await poll('escalated', () => task(t.current.database, taskId), (x) => x.gate_escalated);
    // Escalated, not timed out: the level is open to both now, with a new SLA period.
    expect(await task(t.current.database, taskId)).toMatchObject({ gate_level: 0, decision: null, status: 'open', due_passed: false });
    expect((await audits(t.current.database, runId, 'gate_escalated')).map((a) => a.detail.escalateTo)).toEqual([{ roles: [], userIds: [luis.id] }]);
    await decide(luis.caller, taskId, 'approved', { comment: 'covering for Marcus' });
    await waitForRun(t.current.database, runId, ['completed']);
    expect((await runSteps(t.current.database, runId)).g!.output).toMatchObject({ decision: 'approved', decidedBy: luis.id, timedOut: false });
    expect(await audits(t.current.database, runId, 'gate_escalated')).toHaveLength(1);
  });

  it('after an escalated period also passes, the timeout outcome applies', async () => {
    const { runId } = await start('Escalation then timeout', {
      onTimeout: 'reject',
      levels: [{ deciders: { userIds: [people.marcus.id] }, sla: '1s', onBreach: 'escalate', escalateTo: { role: 'admin' } }],
    });
    await waitForRun(t.current.database, runId, ['completed']);
    expect((await runSteps(t.current.database, runId)).g!.output).toMatchObject({ decision: 'rejected', timedOut: true });
    expect(await audits(t.current.database, runId, 'gate_escalated')).toHaveLength(1);
    expect(await audits(t.current.database, runId, 'gate_timed_out')).toHaveLength(1);
  });

  it('reminders fire at their points of the SLA, each once, across an engine restart (the reminder step is memoized)', async () => {
    // Every execution of a reminder's body, even one whose insert the dedupe key would turn into a no-op.
    await t.current.database.sql.unsafe(`
      create table if not exists test_reminder_log (key text, at timestamptz default clock_timestamp());
      create or replace function test_log_reminder() returns trigger language plpgsql as $$
      begin if new.action = 'gate_reminder' then insert into test_reminder_log (key) values (new.dedupe_key); end if; return new; end $$;
      drop trigger if exists test_log_reminder on workflow_audit_log;
      create trigger test_log_reminder before insert on workflow_audit_log for each row execute function test_log_reminder();`);
    const { runId, taskId } = await start('Reminders', {
      onTimeout: 'approve',
      levels: [{ deciders: { userIds: [people.marcus.id] }, sla: '4s', remindAt: [25, 75] }],
    });
    await poll('the first reminder', () => audits(t.current.database, runId, 'gate_reminder'), (a) => a.length === 1);
    await h.stop();
    // Down past the second point: when the engine is back, the first is not sent again and the second is sent once.
    await poll('past 75% of the SLA', () => t.current.database.db.execute<{ past: boolean }>(sql`select due_at - interval '1 second' <= now() as past from tasks where id = ${taskId}`), (r) => r[0]!.past);
    h = await startHarness(t.current.database);
    await waitForRun(t.current.database, runId, ['completed']);
    expect((await audits(t.current.database, runId, 'gate_reminder')).map((a) => a.detail.percent)).toEqual([25, 75]);
    const log = await t.current.database.sql`select key, count(*)::int n from test_reminder_log where key like ${`gate:${taskId}:%`} group by key order by key`;
    expect(log.map((r) => [r.key, r.n])).toEqual([[`gate:${taskId}:remind:0:0:25`, 1], [`gate:${taskId}:remind:0:0:75`, 1]]);
    expect((await runSteps(t.current.database, runId)).g!.output).toMatchObject({ decision: 'approved', timedOut: true });
  });

  it('a delegate decides on behalf of someone away; the vote is theirs, cast by the delegate; not before or after the period', async () => {
    const { sam, marcus } = people;
    const { runId, taskId } = await start('Delegated', { levels: [{ deciders: { userIds: [h.approverId] } }] });
    await expect(decide(sam.caller, taskId, 'approved', { onBehalfOf: h.approverId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await h.approver.gates.delegate({ companySlug: SLUG, delegateUserId: sam.id, until: new Date(Date.now() + 3_600_000).toISOString() });
    const inbox = await sam.caller.gates.list({ companySlug: SLUG });
    expect(inbox.find((g) => g.id === taskId)?.onBehalfOf).toMatchObject({ id: h.approverId });
    expect((await sam.caller.runs.get({ companySlug: SLUG, id: runId })).gates[0]!.decideAs).toEqual([{ id: h.approverId, name: 'Dana Okafor' }]);
    expect((await marcus.caller.gates.list({ companySlug: SLUG })).map((g) => g.id)).not.toContain(taskId);
    await expect(decide(sam.caller, taskId, 'approved')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(decide(marcus.caller, taskId, 'approved', { onBehalfOf: h.approverId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await decide(sam.caller, taskId, 'approved', { comment: 'for Dana, who is away', onBehalfOf: h.approverId });
    await waitForRun(t.current.database, runId, ['completed']);
    expect(await votes(t.current.database, taskId)).toEqual([{ level: 0, user_id: h.approverId, cast_by: sam.id, decision: 'approved', comment: 'for Dana, who is away' }]);
    expect((await audits(t.current.database, runId, 'gate_vote'))[0]).toMatchObject({ actor_user_id: sam.id, detail: { onBehalfOf: h.approverId } });
    const [set] = await t.current.database.db.execute<{ n: number }>(sql`select count(*)::int n from workflow_audit_log where action = 'delegation_set' and actor_user_id = ${h.approverId}`);
    expect(set!.n).toBe(1);
    // Taken back: the next approval is Dana's own again.
    expect(await h.approver.gates.delegate({ companySlug: SLUG, delegateUserId: null })).toMatchObject({ cleared: true });
    const next = await start('Delegation over', { levels: [{ deciders: { userIds: [h.approverId] } }] });
    await expect(decide(sam.caller, next.taskId, 'approved', { onBehalfOf: h.approverId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await decide(h.approver, next.taskId, 'approved');
    await waitForRun(t.current.database, next.runId, ['completed']);
  });

  it('a gate whose `when` is false is skipped with its value and the run goes on as approved; when true it waits', async () => {
    const gate = { when: 'event.data.amount > 1000', assigneeRole: 'approver' };
    const small = await (async () => {
      const wf = await publishWorkflow(h, 'Only above 1000', gated(gate));
      const { runId } = await h.editor.runs.start({ companySlug: SLUG, workflowId: wf.id, payload: { amount: 50 } });
      return { wf, runId };
    })();
    await waitForRun(t.current.database, small.runId, ['completed']);
    const s = await runSteps(t.current.database, small.runId);
    expect(s.g).toMatchObject({ status: 'skipped', output: { skipped: true, when: 'event.data.amount > 1000', value: false } });
    expect([s.yes!.status, s.no!.status]).toEqual(['completed', 'skipped']);
    expect(await t.current.database.db.execute(sql`select id from tasks where run_id = ${small.runId}`)).toHaveLength(0);
    expect((await audits(t.current.database, small.runId, 'gate_skipped')).map((a) => a.detail)).toEqual([{ runId: small.runId, stepId: 'g', when: 'event.data.amount > 1000', value: false }]);
    const { runId } = await h.editor.runs.start({ companySlug: SLUG, workflowId: small.wf.id, payload: { amount: 5000 } });
    const taskId = await gateTask(t.current.database, runId, 'g');
    await decide(h.approver, taskId, 'rejected', { comment: 'too much' });
    await waitForRun(t.current.database, runId, ['completed']);
    expect((await runSteps(t.current.database, runId)).no!.status).toBe('completed');
  });

  it('approvals at the same instant are each counted exactly once', async () => {
    const { marcus, luis, sam } = people;
    const { runId, taskId } = await start('Simultaneous', {
      levels: [{ deciders: { userIds: [marcus.id, luis.id, sam.id] }, approvals: 'all' }, { deciders: { userIds: [h.approverId] } }],
    });
    // Each click as the decision panel sends it, naming the level it showed; two of them are double clicks.
    const results = await Promise.all([
      decide(marcus.caller, taskId, 'approved', { level: 0 }), decide(luis.caller, taskId, 'approved', { level: 0 }), decide(marcus.caller, taskId, 'approved', { level: 0 }),
      decide(sam.caller, taskId, 'approved', { level: 0 }), decide(luis.caller, taskId, 'approved', { level: 0 }),
    ]);
    expect(results.filter((r) => !r.alreadyDecided)).toHaveLength(3);
    expect((await votes(t.current.database, taskId)).map((v) => v.user_id).sort()).toEqual([marcus.id, luis.id, sam.id].sort());
    expect(await task(t.current.database, taskId)).toMatchObject({ gate_level: 1, decision: null });
    expect(await audits(t.current.database, runId, 'gate_level_approved')).toHaveLength(1);
    expect(await audits(t.current.database, runId, 'gate_vote')).toHaveLength(3);
    // A late click on the closed level that says otherwise is refused rather than counted at the next level.
    await expect(decide(sam.caller, taskId, 'rejected', { level: 0, comment: 'wait' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await decide(h.approver, taskId, 'approved', { level: 1 });
    await waitForRun(t.current.database, runId, ['completed']);
    expect((await runSteps(t.current.database, runId)).g!.output).toMatchObject({ decision: 'approved', level: 1 });
  });
});
