/**
 * Notifications for deciders and the company webhook, through the real executor and the real router: a gate tells
 * each level's deciders (and the delegate of one who is away), a reminder those still to decide, an escalation the
 * people it escalates to — each once, even when the step's body runs again; the webhook gets Slack-compatible JSON
 * on a loopback receiver, is retried after a 500, and is refused, with no request made, for an address the
 * allowlist does not cover. The procedures check roles and keep each person to their own notifications.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { TRPCError } from '@trpc/server';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { edge, graph, step, trig } from '../../../shared/graph/fixtures.ts';
import type { Graph } from '../../../shared/graph/schema.ts';
import type { Database } from '../../db/client.ts';
import { withCompany } from '../../db/tx.ts';
import { callerAs, type Caller } from '../../testing/callers.ts';
import { dbTargets, useTestDatabase } from '../../testing/db.ts';
import { gateTask, publishWorkflow, SLUG, startHarness, waitForRun, type Harness, poll } from '../../workflow/testing/harness.ts';
import { eventsToRedeliver } from '../triggers/redeliver.ts';
import { notifyGateFact } from './gate-notify.ts';

const gated = (gate: Record<string, unknown>): Graph => {
  const g = graph(
    [trig(), step('g', 'human_gate', 'human_gate', { instructions: 'Check it', timeout: '1h', onTimeout: 'approve', noSelfApproval: false, ...gate }, 'Check the price'), step('done', 'transform', 'action', { mapping: { ok: 'true' } })],
    [edge('t', 'g'), edge('g', 'done', 'yes')],
  );
  return { ...g, steps: g.steps.map((s, i) => ({ ...s, position: { x: i * 120, y: 0 } })) };
};

async function codeOf(p: Promise<unknown>) {
  try {
    await p;
    return 'ok';
  } catch (err) {
    if (err instanceof TRPCError) return err.code;
    throw err;
  }
}

/**
 * A loopback webhook receiver answering the given statuses in turn (then 200), recording each request; 'hang'
 * answers nothing, so the sender times out.
 */
async function receiver(host: string, statuses: (number | 'hang')[] = []) {
  const got: { body: unknown; contentType: string | undefined }[] = [];
  const hanging: http.ServerResponse[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      got.push({ body: JSON.parse(body), contentType: req.headers['content-type'] });
      const status = statuses.shift() ?? 200;
      if (status === 'hang') return void hanging.push(res);
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'server_error');
    });
  });
  await new Promise<void>((r) => server.listen(0, host, r));
  const url = `http://${host}:${(server.address() as AddressInfo).port}/hook`;
  return { url, got, close: () => new Promise<void>((r) => {
    for (const res of hanging) res.destroy();
    server.close(() => r());
  }) };
}

async function notes(database: Database, taskId: string) {
  return database.db.execute<{ id: string; user_id: string; kind: string; level: number; on_behalf_of: string | null; message: string; dedupe_key: string }>(sql`
    select id, user_id, kind::text, level, on_behalf_of, message, dedupe_key from notifications where task_id = ${taskId} order by created_at, kind, user_id`);
}

async function deliveries(database: Database, taskId: string) {
  return database.db.execute<{ id: string; kind: string; status: string; attempts: { attempt: number; status: number | null; error: string | null }[]; payload: { text: string; blocks: unknown[] } }>(sql`
    select id, kind, status, attempts, payload from webhook_deliveries where task_id = ${taskId} order by created_at`);
}

describe.each(dbTargets())('decider notifications and the webhook on $name postgres', (target) => {
  const t = useTestDatabase(target, { seeded: true });
  let h: Harness;
  const people: Record<'marcus' | 'luis' | 'sam' | 'priya' | 'hannah', { id: string; caller: Caller }> = {} as never;
  const allowlist = process.env.EMBER_HTTP_ALLOWLIST;
  beforeAll(async () => {
    process.env.EMBER_HTTP_ALLOWLIST = '127.0.0.1/32';
    h = await startHarness(t.current.database, { webhooks: { retryBaseMs: 150, timeoutMs: 1_000, maxAttempts: 4 } });
    await t.current.database.sql`update memberships set role = 'approver' where user_id in (select id from users where email in ('marcus@copperkettle.example', 'luis@copperkettle.example', 'sam@copperkettle.example'))`;
    for (const name of ['marcus', 'luis', 'sam', 'priya', 'hannah'] as const) {
      const c = await callerAs(t.current.database.db, `${name}@copperkettle.example`, (events) => h.sendEvent(events));
      people[name] = { id: c.user.id, caller: c.caller };
    }
  });
  afterEach(async () => {
    process.env.EMBER_HTTP_ALLOWLIST = '127.0.0.1/32';
    await people.priya.caller.notifications.setWebhook({ companySlug: SLUG, webhook: null });
  });
  afterAll(async () => {
    await h?.stop();
    if (allowlist === undefined) delete process.env.EMBER_HTTP_ALLOWLIST;
    else process.env.EMBER_HTTP_ALLOWLIST = allowlist;
  });

  const start = async (name: string, gate: Record<string, unknown>) => {
    const wf = await publishWorkflow(h, name, gated(gate));
    const { runId } = await h.editor.runs.start({ companySlug: SLUG, workflowId: wf.id, payload: {} });
    return { workflowId: wf.id, runId, taskId: await gateTask(t.current.database, runId, 'g') };
  };

  it('each level opening, a reminder and an escalation tell the right people once; a delegate hears for the one away', async () => {
    const { marcus, luis, sam } = people;
    await marcus.caller.gates.delegate({ companySlug: SLUG, delegateUserId: luis.id, until: new Date(Date.now() + 3_600_000).toISOString() });
    const { runId, taskId } = await start('Told once', {
      levels: [
        { name: 'Catalog', deciders: { userIds: [marcus.id] }, sla: '2s', remindAt: [50], onBreach: 'escalate', escalateTo: { userIds: [sam.id] } },
        { name: 'Final', deciders: { userIds: [h.approverId] } },
      ],
    });
    await poll('escalated to Sam', () => notes(t.current.database, taskId), (n) => n.some((x) => x.kind === 'escalated'));
    await sam.caller.gates.resolve({ companySlug: SLUG, taskId, decision: 'approved' });
    await poll('Dana told of level 2', () => notes(t.current.database, taskId), (n) => n.some((x) => x.user_id === h.approverId));
    await h.approver.gates.resolve({ companySlug: SLUG, taskId, decision: 'approved' });
    await waitForRun(t.current.database, runId, ['completed']);

    // The escalated period has its own reminder at 50%, if Sam is slower than that; it is not what this counts.
    const all = await notes(t.current.database, taskId);
    const later = all.filter((n) => n.dedupe_key.includes(':remind:0:1:')).map((n) => n.id);
    const got = all.filter((n) => !later.includes(n.id)).map((n) => [n.kind, n.level, n.user_id, n.on_behalf_of]);
    expect(got).toEqual(expect.arrayContaining([
      ['decision_waiting', 0, marcus.id, null], ['decision_waiting', 0, luis.id, marcus.id],
      ['reminder', 0, marcus.id, null], ['reminder', 0, luis.id, marcus.id],
      ['escalated', 0, sam.id, null],
      ['decision_waiting', 1, h.approverId, null],
    ]));
    // Exactly these six: each person once per fact.
    expect(got).toHaveLength(6);
    const mine = await h.approver.notifications.list({ companySlug: SLUG });
    // Decided since: the item says so (nothing is left to do), and stays unread until Dana reads it.
    expect(mine.items.find((n) => n.taskId === taskId)).toMatchObject({ kind: 'decision_waiting', runId, level: 1, readAt: null, closed: true, message: '"Check the price" in Told once waits for your decision (Final)' });
    const luisSees = (await luis.caller.notifications.list({ companySlug: SLUG })).items.filter((n) => n.taskId === taskId && !later.includes(n.id));
    expect(luisSees.map((n) => [n.kind, n.onBehalfOf])).toEqual([['reminder', marcus.id], ['decision_waiting', marcus.id]]);
    expect(luisSees[0]!.message).toMatch(/\(on behalf of Marcus Bell\)$/);
    // No webhook configured: nothing in the outbox.
    expect(await deliveries(t.current.database, taskId)).toEqual([]);
    await marcus.caller.gates.delegate({ companySlug: SLUG, delegateUserId: null });
  });

  it('a step body run again (a re-execution after a crash) writes each notification and the outbox row once', async () => {
    const rx = await receiver('127.0.0.1');
    try {
      await people.priya.caller.notifications.setWebhook({ companySlug: SLUG, webhook: { url: rx.url, linkBase: 'https://ember.example.com' } });
      const { workflowId, runId, taskId } = await start('Reminded once', { levels: [{ name: 'Catalog', deciders: { userIds: [people.marcus.id, people.sam.id] } }] });
      const [company] = await t.current.database.db.execute<{ id: string }>(sql`select company_id as id from tasks where id = ${taskId}`);
      const fact = { kind: 'reminder' as const, companyId: company!.id, workflowId, runId, taskId, level: 0, percent: 50, deciders: { roles: [], userIds: [people.marcus.id, people.sam.id] }, onlyUndecided: true, dedupeKey: `gate:${taskId}:remind:0:0:50` };
      await people.sam.caller.gates.resolve({ companySlug: SLUG, taskId, decision: 'approved' });
      const first = await withCompany(t.current.database.db, company!.id, (tx) => notifyGateFact(tx, fact));
      const again = await withCompany(t.current.database.db, company!.id, (tx) => notifyGateFact(tx, fact));
      expect(again?.id).toBe(first?.id);
      // Sam decided already: only Marcus is reminded, once.
      expect((await notes(t.current.database, taskId)).filter((n) => n.kind === 'reminder').map((n) => n.user_id)).toEqual([people.marcus.id]);
      expect((await deliveries(t.current.database, taskId)).filter((d) => d.kind === 'reminder')).toHaveLength(1);
    } finally {
      await rx.close();
    }
  });

  it('the webhook gets Slack-compatible JSON on a loopback receiver; after a 500 the delivery is retried and succeeds', async () => {
    const rx = await receiver('127.0.0.1', [500]);
    try {
      await people.priya.caller.notifications.setWebhook({ companySlug: SLUG, webhook: { url: rx.url, linkBase: 'https://ember.example.com/' } });
      const { workflowId, runId, taskId } = await start('Webhook <retried>', { levels: [{ name: 'Finance', deciders: { userIds: [h.approverId] } }] });
      const [d] = await poll('delivered', () => deliveries(t.current.database, taskId), (x) => x[0]?.status === 'delivered');
      expect(d!.attempts.map((a) => [a.attempt, a.status])).toEqual([[1, 500], [2, 200]]);
      expect(d!.attempts[0]!.error).toMatch(/^HTTP 500/);
      expect(rx.got).toHaveLength(2);
      expect(rx.got[1]!.contentType).toBe('application/json');
      const link = `https://ember.example.com/supplier/${SLUG}/workflows/${workflowId}/runs/${runId}`;
      const body = rx.got[1]!.body as { text: string; blocks: { type: string; text?: { text: string }; elements?: { url: string }[] }[] };
      expect(body.text).toBe(`Decision waiting: "Check the price" in Webhook <retried>, Finance (level 1 of 1). Waiting on Dana Okafor. ${link}`);
      expect(body.blocks[0]!.text!.text).toBe(`*Decision waiting*\n<${link}|Webhook &lt;retried&gt; › Check the price>`);
      expect(body.blocks.find((b) => b.type === 'actions')!.elements![0]!.url).toBe(link);
      expect(rx.got[0]!.body).toEqual(body);
      // The admin sees each attempt.
      const seen = await people.priya.caller.notifications.webhookDeliveries({ companySlug: SLUG });
      expect(seen.find((x) => x.id === d!.id)).toMatchObject({ status: 'delivered', attempts: [{ status: 500 }, { status: 200 }] });
      // The run was never held by the webhook: Dana decides and it completes.
      await h.approver.gates.resolve({ companySlug: SLUG, taskId, decision: 'approved' });
      await waitForRun(t.current.database, runId, ['completed']);
    } finally {
      await rx.close();
    }
  });

  it('a timeout and a 429 are retried; another 4xx is not; each attempt is recorded', async () => {
    const rx = await receiver('127.0.0.1', ['hang', 429, 404]);
    try {
      await people.priya.caller.notifications.setWebhook({ companySlug: SLUG, webhook: { url: rx.url, linkBase: 'https://ember.example.com' } });
      const { taskId } = await start('Webhook gives up', { levels: [{ deciders: { userIds: [h.approverId] } }] });
      const [d] = await poll('failed', () => deliveries(t.current.database, taskId), (x) => x[0]?.status === 'failed');
      expect(d!.attempts.map((a) => [a.attempt, a.status])).toEqual([[1, null], [2, 429], [3, 404]]);
      expect(d!.attempts[0]!.error).toMatch(/timed out/);
      expect(rx.got).toHaveLength(3);
    } finally {
      await rx.close();
    }
  });

  it('a delivery whose request was lost is sent by the reconciler', async () => {
    const rx = await receiver('127.0.0.1');
    try {
      await people.priya.caller.notifications.setWebhook({ companySlug: SLUG, webhook: { url: rx.url, linkBase: 'https://ember.example.com' } });
      const { workflowId, runId, taskId } = await start('Webhook reconciled', { levels: [{ deciders: { userIds: [h.approverId] } }] });
      const [company] = await t.current.database.db.execute<{ id: string }>(sql`select company_id as id from tasks where id = ${taskId}`);
      // An outbox row written with its fact, whose event never reached the engine (the process died after commit).
      await withCompany(t.current.database.db, company!.id, (tx) => notifyGateFact(tx, { kind: 'escalated', companyId: company!.id, workflowId, runId, taskId, level: 0, deciders: { roles: [], userIds: [h.approverId] }, dedupeKey: `gate:${taskId}:lost` }));
      await t.current.database.sql`update webhook_deliveries set created_at = now() - interval '1 minute' where dedupe_key = ${`gate:${taskId}:lost`}`;
      const lost = () => t.current.database.db.execute<{ status: string }>(sql`select status from webhook_deliveries where dedupe_key = ${`gate:${taskId}:lost`}`);
      expect((await lost())[0]!.status).toBe('pending');
      await h.sendEvent(await eventsToRedeliver(t.current.database.db, new Date()));
      await poll('delivered by the reconciler', lost, (x) => x[0]?.status === 'delivered');
    } finally {
      await rx.close();
    }
  });

  it('a webhook URL the allowlist does not cover is refused when set, and at delivery with no request made', async () => {
    const admin = people.priya.caller;
    const refused = await admin.notifications.setWebhook({ companySlug: SLUG, webhook: { url: 'http://10.0.0.7/hook', linkBase: 'https://ember.example.com' } }).catch((e: TRPCError) => e);
    expect(refused).toMatchObject({ code: 'BAD_REQUEST' });
    expect(JSON.parse((refused as TRPCError).message)).toMatchObject([{ path: ['webhook', 'url'], message: '10.0.0.7 is a private address' }]);
    expect(await admin.notifications.webhook({ companySlug: SLUG })).toEqual({ webhook: null });

    // Allowed when set (the allowlist covered it then); the operator narrows the allowlist afterwards.
    const rx = await receiver('127.0.0.2');
    try {
      process.env.EMBER_HTTP_ALLOWLIST = '127.0.0.1/32,127.0.0.2/32';
      await admin.notifications.setWebhook({ companySlug: SLUG, webhook: { url: rx.url, linkBase: 'https://ember.example.com' } });
      process.env.EMBER_HTTP_ALLOWLIST = '127.0.0.1/32';
      const { taskId } = await start('Webhook refused', { levels: [{ deciders: { userIds: [h.approverId] } }] });
      const [d] = await poll('refused', () => deliveries(t.current.database, taskId), (x) => x[0]?.status === 'refused');
      expect(d!.attempts).toHaveLength(1);
      expect(d!.attempts[0]).toMatchObject({ status: null, error: '127.0.0.2 is a loopback address' });
      expect(rx.got).toHaveLength(0);
      // Stored before a private range left the allowlist: refused the same way, at once, not retried.
      await t.current.database.sql`update companies set settings = jsonb_set(settings, '{notificationWebhook}', ${JSON.stringify({ url: 'http://10.1.2.3:9/hook', linkBase: 'https://ember.example.com' })}::jsonb) where slug = ${SLUG}`;
      const second = await start('Webhook private', { levels: [{ deciders: { userIds: [h.approverId] } }] });
      const [p] = await poll('refused', () => deliveries(t.current.database, second.taskId), (x) => x[0]?.status === 'refused');
      expect(p!.attempts.map((a) => a.error)).toEqual(['10.1.2.3 is a private address']);
    } finally {
      await rx.close();
    }
  });

  it('procedures: members read and mark only their own; the webhook is for admins; another company sees nothing', async () => {
    const { marcus, sam, priya, hannah } = people;
    const { taskId } = await start('Isolation', { levels: [{ deciders: { userIds: [marcus.id, sam.id] } }] });
    await poll('both told', () => notes(t.current.database, taskId), (n) => n.length === 2);
    const samsNote = (await sam.caller.notifications.list({ companySlug: SLUG })).items.find((n) => n.taskId === taskId)!;
    expect(samsNote).toMatchObject({ kind: 'decision_waiting', closed: false, readAt: null });
    const before = await marcus.caller.notifications.unreadCount({ companySlug: SLUG });
    // Marcus cannot mark Sam's read, nor read it.
    expect(await marcus.caller.notifications.markRead({ companySlug: SLUG, ids: [samsNote.id] })).toEqual({ marked: 0, unread: before.unread });
    expect((await marcus.caller.notifications.list({ companySlug: SLUG, limit: 50 })).items.map((n) => n.id)).not.toContain(samsNote.id);
    expect(await sam.caller.notifications.markRead({ companySlug: SLUG, ids: [samsNote.id] })).toMatchObject({ marked: 1 });
    // Read ones go after unread ones.
    const list = await sam.caller.notifications.list({ companySlug: SLUG, limit: 50 });
    const firstRead = list.items.findIndex((n) => n.readAt !== null);
    expect(list.items.slice(firstRead).every((n) => n.readAt !== null)).toBe(true);
    expect(list.unread).toBe(list.items.filter((n) => n.readAt === null).length);
    expect(await marcus.caller.notifications.markAllRead({ companySlug: SLUG })).toMatchObject({ marked: before.unread, unread: 0 });
    expect(await codeOf(marcus.caller.notifications.markRead({ companySlug: SLUG, ids: ['not-an-id'] }))).toBe('BAD_REQUEST');

    for (const who of [marcus.caller, h.editor, hannah.caller]) {
      expect(await codeOf(who.notifications.webhook({ companySlug: SLUG }))).toBe('FORBIDDEN');
      expect(await codeOf(who.notifications.setWebhook({ companySlug: SLUG, webhook: null }))).toBe('FORBIDDEN');
      expect(await codeOf(who.notifications.webhookDeliveries({ companySlug: SLUG }))).toBe('FORBIDDEN');
    }
    expect(await codeOf(priya.caller.notifications.webhook({ companySlug: SLUG }))).toBe('ok');
    const owen = (await callerAs(t.current.database.db, 'owen@bluewater.example')).caller;
    expect(await codeOf(owen.notifications.list({ companySlug: SLUG }))).toBe('NOT_FOUND');
    expect(await codeOf(owen.notifications.unreadCount({ companySlug: SLUG }))).toBe('NOT_FOUND');
    // RLS under the app's role: in Bluewater's context no Copper Kettle notification or delivery is visible.
    const [blue] = await t.current.database.db.execute<{ id: string }>(sql`select id from companies where slug = 'bluewater'`);
    const seen = await withCompany(t.current.database.db, blue!.id, (tx) => tx.execute<{ n: number; d: number }>(sql`
      select (select count(*)::int from notifications where task_id = ${taskId}) n, (select count(*)::int from webhook_deliveries) d`));
    expect(seen[0]).toEqual({ n: 0, d: 0 });
    const [all] = await t.current.database.db.execute<{ d: number }>(sql`select count(*)::int d from webhook_deliveries`);
    expect(all!.d).toBeGreaterThan(0);
  });
});
