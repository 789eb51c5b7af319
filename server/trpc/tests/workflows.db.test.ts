import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { cond, delay, edge, graph, trig } from '../../../shared/graph/fixtures.ts';
import type { Graph } from '../../../shared/graph/schema.ts';
import { callerAs } from '../../testing/callers.ts';
import { dbTargets, useTestDatabase } from '../../testing/db.ts';
import { databaseFingerprint } from './fingerprint.ts';

const slug = 'copper-kettle';
const positioned = (g: Graph): Graph => ({ ...g, steps: g.steps.map((s, i) => ({ ...s, position: { x: i * 100, y: 50 } })) });
const valid = positioned(graph([trig(), cond('c'), delay('y'), delay('n')], [edge('t', 'c'), edge('c', 'y', 'yes'), edge('c', 'n', 'no')]));

async function codeOf(p: Promise<unknown>) {
  try {
    await p;
    return 'ok';
  } catch (err) {
    if (err instanceof TRPCError) return err.code;
    throw err;
  }
}

describe.each(dbTargets())('workflows API on $name postgres', (target) => {
  const t = useTestDatabase(target, { seeded: true });
  const editor = () => callerAs(t.current.database.db, 'rachel@copperkettle.example');

  it('creates a workflow with a trigger step, saves a graph, publishes and enables it', async () => {
    const { caller } = await editor();
    const created = await caller.workflows.create({ companySlug: slug, name: 'Smoke' });
    const fresh = await caller.workflows.get({ companySlug: slug, id: created.id });
    expect(fresh.graph.steps.map((s) => s.kind)).toEqual(['trigger']);
    expect(fresh.published).toBeNull();
    expect(await codeOf(caller.workflows.setEnabled({ companySlug: slug, id: created.id, enabled: true }))).toBe('PRECONDITION_FAILED');

    const saved = await caller.workflows.saveGraph({ companySlug: slug, id: created.id, expectedRevision: created.revision, graph: valid });
    expect(saved).toMatchObject({ revision: created.revision + 1, issues: [] });
    const loaded = await caller.workflows.get({ companySlug: slug, id: created.id });
    expect(loaded.graph).toEqual({ steps: [...valid.steps].sort((a, b) => a.id.localeCompare(b.id)), edges: [...valid.edges].sort((a, b) => a.id.localeCompare(b.id)) });
    expect(loaded.hasUnpublishedChanges).toBe(true);

    const v1 = await caller.workflows.publish({ companySlug: slug, id: created.id, expectedRevision: saved.revision });
    expect(v1.version).toBe(1);
    const again = await caller.workflows.publish({ companySlug: slug, id: created.id, expectedRevision: saved.revision });
    expect(again.versionId).toBe(v1.versionId); // publishing an unchanged draft is idempotent
    const enabled = await caller.workflows.setEnabled({ companySlug: slug, id: created.id, enabled: true });
    expect(enabled.isEnabled).toBe(true);

    const versions = await caller.versions.list({ companySlug: slug, workflowId: created.id });
    expect(versions.map((v) => v.version)).toEqual([1]);
    const frozen = await caller.versions.get({ companySlug: slug, workflowId: created.id, id: v1.versionId });
    expect(frozen.graph.steps).toHaveLength(4);
  });

  it('keeps a published version frozen while the draft changes', async () => {
    const { caller } = await editor();
    const wf = await caller.workflows.create({ companySlug: slug, name: 'Frozen' });
    const s1 = await caller.workflows.saveGraph({ companySlug: slug, id: wf.id, expectedRevision: wf.revision, graph: valid });
    const v1 = await caller.workflows.publish({ companySlug: slug, id: wf.id, expectedRevision: s1.revision });
    const smaller = positioned(graph([trig()], []));
    const s2 = await caller.workflows.saveGraph({ companySlug: slug, id: wf.id, expectedRevision: s1.revision, graph: smaller });
    expect((await caller.versions.get({ companySlug: slug, workflowId: wf.id, id: v1.versionId })).graph.steps).toHaveLength(4);
    const v2 = await caller.workflows.publish({ companySlug: slug, id: wf.id, expectedRevision: s2.revision });
    expect(v2.version).toBe(2);
    expect((await caller.workflows.get({ companySlug: slug, id: wf.id })).published?.version).toBe(2);
  });

  it('refuses to publish a graph with issues, saying which', async () => {
    const { caller } = await editor();
    const wf = await caller.workflows.create({ companySlug: slug, name: 'Broken' });
    const broken = positioned(graph([trig(), cond('c'), delay('y')], [edge('t', 'c'), edge('c', 'y', 'yes')]));
    const saved = await caller.workflows.saveGraph({ companySlug: slug, id: wf.id, expectedRevision: wf.revision, graph: broken });
    expect(saved.issues.map((i) => i.code)).toEqual(['CONDITION_BRANCHES']);
    await expect(caller.workflows.publish({ companySlug: slug, id: wf.id, expectedRevision: saved.revision })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      cause: expect.objectContaining({ code: 'INVALID_GRAPH', details: { issues: [expect.objectContaining({ code: 'CONDITION_BRANCHES', stepId: 'c' })] } }),
    });
  });

  it('refuses an ill-formed graph (dangling edge) and writes nothing', async () => {
    const { caller } = await editor();
    const wf = await caller.workflows.create({ companySlug: slug, name: 'Dangling' });
    const before = await databaseFingerprint(t.current.database.sql);
    const dangling = positioned(graph([trig()], [edge('t', 'ghost')]));
    expect(await codeOf(caller.workflows.saveGraph({ companySlug: slug, id: wf.id, expectedRevision: wf.revision, graph: dangling }))).toBe('BAD_REQUEST');
    expect(await databaseFingerprint(t.current.database.sql)).toEqual(before);
  });

  it('no lost update: two saves from the same revision, exactly one wins and the other gets CONFLICT', async () => {
    const a = (await editor()).caller;
    const b = (await callerAs(t.current.database.db, 'marcus@copperkettle.example')).caller;
    for (let round = 0; round < 10; round++) {
      const wf = await a.workflows.create({ companySlug: slug, name: `Race ${round}` });
      const gA = positioned(graph([trig(), delay('from_a')], [edge('t', 'from_a')]));
      const gB = positioned(graph([trig(), delay('from_b')], [edge('t', 'from_b')]));
      const results = await Promise.allSettled([
        a.workflows.saveGraph({ companySlug: slug, id: wf.id, expectedRevision: wf.revision, graph: gA }),
        b.workflows.saveGraph({ companySlug: slug, id: wf.id, expectedRevision: wf.revision, graph: gB }),
      ]);
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost.map((r) => (r.reason as TRPCError).code)).toEqual(['CONFLICT']);
      const winner = results[0]!.status === 'fulfilled' ? 'from_a' : 'from_b';
      const stored = await a.workflows.get({ companySlug: slug, id: wf.id });
      expect(stored.graph.steps.map((s) => s.id).sort()).toEqual([winner, 't']);
      expect(stored.revision).toBe(wf.revision + 1);
    }
  });

  it('a stale update of name or trigger gets CONFLICT', async () => {
    const { caller } = await editor();
    const wf = await caller.workflows.create({ companySlug: slug, name: 'Rename me' });
    await caller.workflows.update({ companySlug: slug, id: wf.id, expectedRevision: wf.revision, name: 'Renamed once' });
    expect(await codeOf(caller.workflows.update({ companySlug: slug, id: wf.id, expectedRevision: wf.revision, name: 'Stale' }))).toBe('CONFLICT');
    const updated = await caller.workflows.update({ companySlug: slug, id: wf.id, expectedRevision: wf.revision + 1, triggerConfig: { type: 'schedule', cron: '0 7 * * 1', timezone: 'America/Chicago' } });
    expect(updated.revision).toBe(wf.revision + 2);
  });

  it('writes the audit log with revisions, and deletes', async () => {
    const { caller } = await editor();
    const wf = await caller.workflows.create({ companySlug: slug, name: 'Audited' });
    const s = await caller.workflows.saveGraph({ companySlug: slug, id: wf.id, expectedRevision: wf.revision, graph: valid });
    await caller.workflows.delete({ companySlug: slug, id: wf.id });
    expect(await codeOf(caller.workflows.get({ companySlug: slug, id: wf.id }))).toBe('NOT_FOUND');
    const log = await t.current.database.sql`select action, from_revision, to_revision from workflow_audit_log where workflow_id = ${wf.id} order by at, action`;
    expect(log.map((r) => [r.action, r.from_revision, r.to_revision])).toEqual([
      ['created', null, wf.revision],
      ['graph_saved', wf.revision, s.revision],
      ['deleted', s.revision, null],
    ]);
  });

  it('lists workflows with step counts and published versions, newest first', async () => {
    const { caller } = await callerAs(t.current.database.db, 'owen@bluewater.example');
    const list = await caller.workflows.list({ companySlug: 'bluewater' });
    expect(list).toEqual([expect.objectContaining({ name: 'New product intake', stepCount: 3, publishedVersion: 1, isEnabled: false })]);
  });
});

describe.each(dbTargets())('auth on $name postgres', (target) => {
  const t = useTestDatabase(target, { seeded: true });

  it('signs in with the right password only, and sessions expire', async () => {
    const { anonymousCaller } = await import('../../testing/callers.ts');
    const cookies: string[] = [];
    const { createContextInner } = await import('../context.ts');
    const { createCallerFactory } = await import('../init.ts');
    const { appRouter } = await import('../app-router.ts');
    const caller = createCallerFactory(appRouter)(createContextInner({ db: t.current.database.db, sessionTtlS: 2, secureCookies: false, sendEvent: async () => {} }, { setCookie: (c) => cookies.push(c) }));
    expect(await codeOf(caller.auth.signIn({ email: 'priya@copperkettle.example', password: 'wrong' }))).toBe('UNAUTHORIZED');
    expect(await codeOf(caller.auth.signIn({ email: 'nobody@copperkettle.example', password: 'ember-demo' }))).toBe('UNAUTHORIZED');
    expect(cookies).toEqual([]);
    const res = await caller.auth.signIn({ email: 'Priya@CopperKettle.example', password: 'ember-demo' });
    expect(res.user.email).toBe('priya@copperkettle.example');
    expect(cookies[0]).toMatch(/^ember_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Expires=/);
    const token = /ember_session=([^;]+)/.exec(cookies[0]!)![1]!;
    const { userForSession } = await import('../../services/auth/session.ts');
    expect(await userForSession(t.current.database.db, token)).toMatchObject({ email: 'priya@copperkettle.example' });
    expect(await userForSession(t.current.database.db, token, new Date(Date.now() + 3_000))).toBeNull();
    expect(await anonymousCaller(t.current.database.db).auth.me()).toEqual({ user: null });
  });
});
