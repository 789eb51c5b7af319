/** Versions: publish with a message, the list says who and when, restore a version into the draft (guarded, audited). */
import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { cond, delay, edge, graph, trig } from '../../../shared/graph/fixtures.ts';
import type { Graph } from '../../../shared/graph/schema.ts';
import { callerAs } from '../../testing/callers.ts';
import { dbTargets, useTestDatabase } from '../../testing/db.ts';
import { databaseFingerprint } from '../../trpc/tests/fingerprint.ts';

const companySlug = 'copper-kettle';
const positioned = (g: Graph): Graph => ({ ...g, steps: g.steps.map((s, i) => ({ ...s, position: { x: i * 100, y: 50 } })) });
const v1Graph = positioned(graph([trig(), cond('c'), delay('y'), delay('n')], [edge('t', 'c'), edge('c', 'y', 'yes'), edge('c', 'n', 'no')]));
const v2Graph = positioned(graph([trig(), delay('only')], [edge('t', 'only')]));

async function codeOf(p: Promise<unknown>) {
  try {
    await p;
    return 'ok';
  } catch (err) {
    if (err instanceof TRPCError) return err.code;
    throw err;
  }
}

describe.each(dbTargets())('versions on $name postgres', (target) => {
  const t = useTestDatabase(target, { seeded: true });
  const rachel = () => callerAs(t.current.database.db, 'rachel@copperkettle.example');

  /** A workflow with two published versions (v1 branching, v2 one delay on a schedule) and its draft at v2. */
  async function twoVersions(name: string) {
    const { caller } = await rachel();
    const wf = await caller.workflows.create({ companySlug, name });
    const s1 = await caller.workflows.saveGraph({ companySlug, id: wf.id, expectedRevision: wf.revision, graph: v1Graph });
    const p1 = await caller.workflows.publish({ companySlug, id: wf.id, expectedRevision: s1.revision, message: '  First cut: branch on the flag  ' });
    const s2 = await caller.workflows.saveGraph({ companySlug, id: wf.id, expectedRevision: s1.revision, graph: v2Graph });
    const u2 = await caller.workflows.update({ companySlug, id: wf.id, expectedRevision: s2.revision, triggerConfig: { type: 'schedule', cron: '0 7 * * 1', timezone: 'UTC' } });
    const p2 = await caller.workflows.publish({ companySlug, id: wf.id, expectedRevision: u2.revision });
    return { caller, wf, v1: p1.versionId, v2: p2.versionId, revision: u2.revision };
  }

  it('publishes with a message and lists versions newest first with the publisher and the message', async () => {
    const { caller, wf, v1, v2 } = await twoVersions('Versions: list');
    const list = await caller.versions.list({ companySlug, workflowId: wf.id });
    expect(list.map((v) => ({ id: v.id, version: v.version, by: v.createdByName, message: v.message }))).toEqual([
      { id: v2, version: 2, by: 'Rachel Kim', message: '' },
      { id: v1, version: 1, by: 'Rachel Kim', message: 'First cut: branch on the flag' },
    ]);
    expect(list[0]!.createdAt).toBeInstanceOf(Date);
    const got = await caller.versions.get({ companySlug, workflowId: wf.id, id: v1 });
    expect(got).toMatchObject({ version: 1, message: 'First cut: branch on the flag', createdByName: 'Rachel Kim', triggerConfig: { type: 'manual' } });
    const log = await t.current.database.sql`select detail from workflow_audit_log where workflow_id = ${wf.id} and action = 'published' order by at`;
    expect(log.map((r) => r.detail)).toEqual([{ version: 1, message: 'First cut: branch on the flag' }, { version: 2 }]);
  });

  it('restores a version into the draft: graph and trigger replaced, revision bumped, audited; the published version stays', async () => {
    const { caller, wf, v1, revision } = await twoVersions('Versions: restore');
    const r = await caller.versions.restore({ companySlug, workflowId: wf.id, id: v1, expectedRevision: revision });
    expect(r).toMatchObject({ revision: revision + 1, version: 1, issues: [] });
    const draft = await caller.workflows.get({ companySlug, id: wf.id });
    expect(draft.graph).toEqual({ steps: [...v1Graph.steps].sort((a, b) => a.id.localeCompare(b.id)), edges: [...v1Graph.edges].sort((a, b) => a.id.localeCompare(b.id)) });
    expect(draft.triggerConfig).toEqual({ type: 'manual' });
    expect(draft.revision).toBe(revision + 1);
    expect(draft.published?.version).toBe(2);
    expect(draft.hasUnpublishedChanges).toBe(true);
    const [audit] = await t.current.database.sql`select actor_user_id, from_revision, to_revision, detail from workflow_audit_log where workflow_id = ${wf.id} and action = 'version_restored'`;
    expect(audit).toMatchObject({ from_revision: revision, to_revision: revision + 1, detail: { version: 1, versionId: v1, steps: 4, edges: 3 } });
    expect(audit!.actor_user_id).toEqual(expect.any(String));
    // Publishing the restored draft makes a new version 3 with v1's graph.
    const p3 = await caller.workflows.publish({ companySlug, id: wf.id, expectedRevision: r.revision, message: 'Back to the branching one' });
    expect(p3.version).toBe(3);
    expect((await caller.versions.get({ companySlug, workflowId: wf.id, id: p3.versionId })).graph.steps).toHaveLength(4);
  });

  it('a stale restore is CONFLICT and writes nothing; another workflow\'s version is NOT_FOUND; a viewer is FORBIDDEN', async () => {
    const a = await twoVersions('Versions: stale A');
    const b = await twoVersions('Versions: stale B');
    const before = await databaseFingerprint(t.current.database.sql);
    expect(await codeOf(a.caller.versions.restore({ companySlug, workflowId: a.wf.id, id: a.v1, expectedRevision: a.revision - 1 }))).toBe('CONFLICT');
    expect(await codeOf(a.caller.versions.restore({ companySlug, workflowId: a.wf.id, id: b.v1, expectedRevision: a.revision }))).toBe('NOT_FOUND');
    const viewer = (await callerAs(t.current.database.db, 'hannah@copperkettle.example')).caller;
    expect(await codeOf(viewer.versions.restore({ companySlug, workflowId: a.wf.id, id: a.v1, expectedRevision: a.revision }))).toBe('FORBIDDEN');
    expect(await codeOf(viewer.workflows.publish({ companySlug, id: a.wf.id, expectedRevision: a.revision }))).toBe('FORBIDDEN');
    expect(await databaseFingerprint(t.current.database.sql)).toEqual(before);
    // The viewer still reads the versions.
    expect((await viewer.versions.list({ companySlug, workflowId: a.wf.id })).map((v) => v.version)).toEqual([2, 1]);
  });

  it('restore and save race from the same revision: exactly one wins', async () => {
    const { caller, wf, v1, revision } = await twoVersions('Versions: race');
    const other = (await callerAs(t.current.database.db, 'marcus@copperkettle.example')).caller;
    const results = await Promise.allSettled([
      caller.versions.restore({ companySlug, workflowId: wf.id, id: v1, expectedRevision: revision }),
      other.workflows.saveGraph({ companySlug, id: wf.id, expectedRevision: revision, graph: positioned(graph([trig(), delay('theirs')], [edge('t', 'theirs')])) }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected').map((r) => ((r as PromiseRejectedResult).reason as TRPCError).code)).toEqual(['CONFLICT']);
    expect((await caller.workflows.get({ companySlug, id: wf.id })).revision).toBe(revision + 1);
  });
});
