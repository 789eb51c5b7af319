/**
 * Every procedure of the router, enumerated: malformed input → BAD_REQUEST with field errors and nothing written;
 * signed out → UNAUTHORIZED; a role without the permission → FORBIDDEN. A procedure added to the router without an
 * entry in CASES fails the first test, so nothing ships untested. Hostile variants of each valid input (NUL, lone
 * surrogates, over-long strings, 10,000-deep and 5 MB JSON, extreme dates; see hostile-variants.ts) are generated
 * from the procedure's own schemas: each is BAD_REQUEST naming the field, leaks no internal text, writes nothing.
 */
import { TRPCError } from '@trpc/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROLES, can, type Permission } from '../../../shared/roles.ts';
import { dbTargets, useTestDatabase } from '../../testing/db.ts';
import { anonymousCaller, callerAs, type Caller } from '../../testing/callers.ts';
import { appRouter } from '../app-router.ts';
import type { ProcedureMeta } from '../init.ts';
import { databaseFingerprint } from './fingerprint.ts';
import { hostileVariants, inputFields, leaks, type InputPath } from './hostile-variants.ts';

interface Ids {
  taskId: string;
  workflowId: string;
  revision: number;
  versionId: string;
  runId: string;
  userId: string;
  productId: string;
  workTaskId: string;
  assetId: string;
  /** Pending seeded enrichment suggestions (seed-enrichment.ts), each decided by at most one valid case. */
  suggestionIds: string[];
  eventKeyId: string;
  /** Dana, who may decide approvals (a delegate must). */
  approverId: string;
}
interface Case {
  valid: (ids: Ids) => unknown;
  malformed: unknown[];
}

const slug = { companySlug: 'copper-kettle' };
const badSlugs = [{ companySlug: 'Not A Slug!' }, { companySlug: 42 }, {}];
const UUID_LIKE_BUT_NOT = '1234';

export const CASES: Record<string, Case> = {
  'auth.signIn': { valid: () => ({ email: 'priya@copperkettle.example', password: 'ember-demo' }), malformed: [{ email: 'not-an-email', password: 'x' }, { email: 'a@b.co' }, 'string', null] },
  'auth.signOut': { valid: () => undefined, malformed: [{ unexpected: true }, 'x'] },
  'auth.me': { valid: () => undefined, malformed: [{ unexpected: true }, 5] },
  'system.capabilities': { valid: () => undefined, malformed: [{ unexpected: true }, 'x'] },
  'companies.mine': { valid: () => undefined, malformed: [{ unexpected: true }, []] },
  'companies.settings': { valid: () => slug, malformed: badSlugs },
  'companies.updateSettings': { valid: () => ({ ...slug, noSelfApprovalDefault: true }), malformed: [...badSlugs, { ...slug, noSelfApprovalDefault: 'yes' }, { ...slug, noSelfApprovalDefault: null }] },
  'members.list': { valid: () => slug, malformed: badSlugs },
  'members.setRole': { valid: (i) => ({ ...slug, userId: i.userId, role: 'editor' }), malformed: [...badSlugs, { ...slug, userId: UUID_LIKE_BUT_NOT, role: 'editor' }, { ...slug, userId: '3f0c5b8e-8e34-4c71-9d8a-0f6a2d1f9c11', role: 'owner' }] },
  'workflows.list': { valid: () => slug, malformed: badSlugs },
  'workflows.get': { valid: (i) => ({ ...slug, id: i.workflowId }), malformed: [...badSlugs, { ...slug, id: UUID_LIKE_BUT_NOT }, { ...slug }] },
  'workflows.create': { valid: () => ({ ...slug, name: 'From the bad-input suite' }), malformed: [...badSlugs, { ...slug, name: '   ' }, { ...slug, name: 'x'.repeat(500) }, { ...slug, name: 'ok', triggerConfig: { type: 'schedule', cron: 'never', timezone: 'Mars/Base' } }] },
  'workflows.update': { valid: (i) => ({ ...slug, id: i.workflowId, expectedRevision: i.revision, name: 'Renamed' }), malformed: [...badSlugs, { ...slug, id: UUID_LIKE_BUT_NOT, expectedRevision: 1 }, { ...slug, id: '3f0c5b8e-8e34-4c71-9d8a-0f6a2d1f9c11', expectedRevision: -1 }, { ...slug, id: '3f0c5b8e-8e34-4c71-9d8a-0f6a2d1f9c11', expectedRevision: 1, triggerConfig: { type: 'event', event: 'no slash', filter: 'a ==' } }] },
  'workflows.setEnabled': { valid: (i) => ({ ...slug, id: i.workflowId, enabled: false }), malformed: [...badSlugs, { ...slug, id: UUID_LIKE_BUT_NOT, enabled: true }, { ...slug, id: '3f0c5b8e-8e34-4c71-9d8a-0f6a2d1f9c11', enabled: 'yes' }] },
  'workflows.delete': { valid: (i) => ({ ...slug, id: i.workflowId }), malformed: [...badSlugs, { ...slug, id: 7 }] },
  'workflows.saveGraph': {
    valid: (i) => ({ ...slug, id: i.workflowId, expectedRevision: i.revision, graph: { steps: [], edges: [] } }),
    malformed: [
      ...badSlugs,
      { ...slug, id: '3f0c5b8e-8e34-4c71-9d8a-0f6a2d1f9c11', expectedRevision: 1, graph: { steps: [{ id: 'has space', type: 'trigger', kind: 'trigger', name: 'T', config: {}, position: { x: 0, y: 0 } }], edges: [] } },
      { ...slug, id: '3f0c5b8e-8e34-4c71-9d8a-0f6a2d1f9c11', expectedRevision: 1, graph: { steps: [{ id: 't', type: 'robot', kind: 'trigger', name: 'T', config: {}, position: { x: 0, y: 0 } }], edges: [] } },
      { ...slug, id: '3f0c5b8e-8e34-4c71-9d8a-0f6a2d1f9c11', expectedRevision: 1, graph: { steps: [], edges: [{ id: 'e', source: 'a', target: 'b', label: 'maybe' }] } },
      { ...slug, id: '3f0c5b8e-8e34-4c71-9d8a-0f6a2d1f9c11', expectedRevision: 1, graph: { steps: [{ id: 't', type: 'trigger', kind: 'trigger', name: 'T', config: {}, position: { x: Number.NaN, y: 0 } }], edges: [] } },
      { ...slug, id: '3f0c5b8e-8e34-4c71-9d8a-0f6a2d1f9c11', expectedRevision: 1 },
    ],
  },
  'workflows.testStep': {
    valid: (i) => ({ ...slug, workflowId: i.workflowId, step: { id: 'c', kind: 'condition', type: 'condition', name: 'Check', config: { expression: 'event.data.n > 1' }, position: { x: 0, y: 0 } }, input: { event: { name: 'manual', data: { n: 2 } }, steps: {}, data: {} } }),
    malformed: [...badSlugs, { ...slug, workflowId: 'x' }, { ...slug, workflowId: i0(), step: { id: 'has space' }, input: {} }, { ...slug, workflowId: i0(), step: { id: 'c', kind: 'condition', type: 'condition', name: 'C', config: {}, position: { x: 0, y: 0 } }, input: { event: { name: '', data: [] } } }],
  },
  'workflows.simulate': {
    valid: (i) => ({ ...slug, workflowId: i.workflowId, source: { lastRuns: 5 } }),
    malformed: [...badSlugs, { ...slug, workflowId: 'x', source: { lastRuns: 5 } }, { ...slug, workflowId: i0(), source: { lastRuns: 201 } }, { ...slug, workflowId: i0(), source: { samples: [] } }, { ...slug, workflowId: i0(), source: {} }],
  },
  'workflows.publish': {
    valid: (i) => ({ ...slug, id: i.workflowId, expectedRevision: i.revision, message: 'From the bad-input suite' }),
    malformed: [...badSlugs, { ...slug, id: '3f0c5b8e-8e34-4c71-9d8a-0f6a2d1f9c11', expectedRevision: 0 }, { ...slug, id: i0(), expectedRevision: 1, message: 'x'.repeat(501) }, { ...slug, id: i0(), expectedRevision: 1, message: 42 }],
  },
  'versions.list': { valid: (i) => ({ ...slug, workflowId: i.workflowId }), malformed: [...badSlugs, { ...slug, workflowId: 'x' }] },
  'versions.get': { valid: (i) => ({ ...slug, workflowId: i.workflowId, id: i.versionId }), malformed: [...badSlugs, { ...slug, workflowId: i0(), id: 'nope' }] },
  'versions.restore': {
    valid: (i) => ({ ...slug, workflowId: i.workflowId, id: i.versionId, expectedRevision: i.revision }),
    malformed: [...badSlugs, { ...slug, workflowId: 'x', id: i0(), expectedRevision: 1 }, { ...slug, workflowId: i0(), id: 'nope', expectedRevision: 1 }, { ...slug, workflowId: i0(), id: i0(), expectedRevision: 0 }, { ...slug, workflowId: i0(), id: i0() }],
  },
  'runs.list': { valid: () => slug, malformed: [...badSlugs, { ...slug, status: 'exploded' }, { ...slug, limit: 10_000 }, { ...slug, before: 'not a date' }, { ...slug, after: 'yesterday-ish' }] },
  'runs.get': { valid: (i) => ({ ...slug, id: i.runId }), malformed: [...badSlugs, { ...slug, id: 'run-1' }] },
  'runs.start': { valid: (i) => ({ ...slug, workflowId: i.workflowId, payload: { sample: true } }), malformed: [...badSlugs, { ...slug, workflowId: 'x' }, { ...slug, workflowId: i0(), payload: 'not an object' }] },
  'runs.cancel': { valid: (i) => ({ ...slug, id: i.runId }), malformed: [...badSlugs, { ...slug, id: 12 }] },
  'gates.list': { valid: () => slug, malformed: badSlugs },
  'runs.watch': { valid: (i) => ({ ...slug, runId: i.runId, lastEventId: '0' }), malformed: [...badSlugs, { ...slug, runId: 'x' }, { ...slug, lastEventId: 'abc' }] },
  'gates.resolve': {
    valid: (i) => ({ ...slug, taskId: i.taskId, decision: 'approved' }),
    malformed: [...badSlugs, { ...slug, taskId: i0(), decision: 'maybe' }, { ...slug, taskId: i0(), decision: 'rejected' }, { ...slug, taskId: 'nope', decision: 'approved' }, { ...slug, taskId: i0(), decision: 'approved', onBehalfOf: 'someone' }],
  },
  'companies.approvalPolicies': { valid: () => slug, malformed: badSlugs },
  'companies.setApprovalPolicies': {
    valid: () => ({ ...slug, policies: [{ id: 'push', name: 'Approve pushes', kinds: ['http_request'], minLevels: 1 }] }),
    malformed: [...badSlugs, { ...slug, policies: [{ id: 'Bad Id', name: 'x', kinds: ['http_request'] }] }, { ...slug, policies: [{ id: 'p', name: 'x', kinds: [] }] }, { ...slug, policies: 'all' }],
  },
  'gates.delegate': {
    valid: (i) => ({ ...slug, delegateUserId: i.approverId, until: new Date(Date.now() + 86_400_000).toISOString() }),
    malformed: [
      ...badSlugs,
      { ...slug, delegateUserId: i0() },
      { ...slug, delegateUserId: 'x', until: '2099-01-01T00:00:00Z' },
      { ...slug, delegateUserId: i0(), until: 'next week' },
      { ...slug, delegateUserId: i0(), until: '2020-01-01T00:00:00Z' },
      { ...slug, delegateUserId: i0(), from: '2099-01-01T00:00:00Z', until: '2098-01-01T00:00:00Z' },
      { ...slug, delegateUserId: i0(), until: '2099-01-01T00:00:00Z' },
    ],
  },
  'gates.myDelegation': { valid: () => slug, malformed: badSlugs },
  'gates.delegatedToMe': { valid: () => slug, malformed: badSlugs },
};
Object.assign(CASES, {
  'products.list': { valid: () => ({ ...slug, search: 'coffee', completeness: 'incomplete' }), malformed: [...badSlugs, { ...slug, limit: 10_000 }, { ...slug, completeness: 'mostly' }, { ...slug, category: 'Not A Code' }] },
  'products.facets': { valid: () => slug, malformed: badSlugs },
  'products.get': { valid: (i) => ({ ...slug, id: i.productId }), malformed: [...badSlugs, { ...slug, id: 'x' }] },
  'products.history': { valid: (i) => ({ ...slug, id: i.productId }), malformed: [...badSlugs, { ...slug, id: i0(), limit: 0 }] },
  'products.runs': { valid: (i) => ({ ...slug, id: i.productId }), malformed: [...badSlugs, { ...slug, id: 'nope' }] },
  'products.updateField': {
    valid: (i) => ({ ...slug, id: i.productId, attribute: 'flavor', value: { text: 'House Blend (bad-input suite)' } }),
    malformed: [...badSlugs, { ...slug, id: 'x', attribute: 'title', value: { text: 'a' } }, { ...slug, id: i0(), attribute: 'Title!', value: {} }, { ...slug, id: i0(), attribute: 'title' }, { ...slug, id: i0(), attribute: 'title', value: 'plain' }],
  },
  'products.importCsv': {
    valid: () => ({ ...slug, filename: 'bad-input.csv', csv: 'sku,category,title\nBAD-INPUT-1,coffee,Bad input suite coffee\n' }),
    malformed: [...badSlugs, { ...slug, filename: '', csv: 'a' }, { ...slug, filename: 'x.csv', csv: '' }, { ...slug, filename: 'x.csv' }],
  },
  'tasks.list': { valid: () => ({ ...slug, scope: 'all' }), malformed: [...badSlugs, { ...slug, scope: 'everyone' }, { ...slug, state: 'open' }, { ...slug, limit: 0 }] },
  'tasks.get': { valid: (i) => ({ ...slug, id: i.workTaskId }), malformed: [...badSlugs, { ...slug, id: 'x' }] },
  'tasks.claim': { valid: (i) => ({ ...slug, id: i.workTaskId }), malformed: [...badSlugs, { ...slug, id: 12 }] },
  'tasks.complete': { valid: (i) => ({ ...slug, id: i.workTaskId, comment: 'Done in the bad-input suite' }), malformed: [...badSlugs, { ...slug, id: 'x' }, { ...slug, id: i0(), comment: 'x'.repeat(5000) }] },
} satisfies Record<string, Case>);

// The run view: executor attempts per step, and rerun (whole, or from a step reusing completed outputs).
Object.assign(CASES, {
  'runs.attempts': { valid: (i) => ({ ...slug, id: i.runId }), malformed: [...badSlugs, { ...slug, id: 'run-1' }, { ...slug }] },
  'runs.rerun': {
    valid: (i) => ({ ...slug, id: i.runId }),
    malformed: [...badSlugs, { ...slug, id: 'run-1' }, { ...slug, id: i0(), fromStepId: 'has space' }, { ...slug, id: i0(), fromStepId: '' }, { ...slug, id: i0(), version: 'newest' }],
  },
} satisfies Record<string, Case>);

// Metrics: dashboard, drill-down behind a chart point, canvas heatmap, run replay history.
const range = { from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' };
Object.assign(CASES, {
  'metrics.dashboard': { valid: () => ({ ...slug, ...range }), malformed: [...badSlugs, { ...slug }, { ...slug, from: 'soon', to: range.to }, { ...slug, from: range.to, to: range.from }] },
  'metrics.drill': {
    valid: () => ({ ...slug, ...range, point: { metric: 'gate_resolution', bucket: 0 } }),
    malformed: [...badSlugs, { ...slug, ...range, point: { metric: 'gate_resolution', bucket: 99 } }, { ...slug, ...range, point: { metric: 'bogus' } }, { ...slug, ...range, point: { metric: 'workflow_churn', month: '2026-13' } }],
  },
  'metrics.heatmap': {
    valid: (i) => ({ ...slug, workflowId: i.workflowId, window: { lastRuns: 20 } }),
    malformed: [...badSlugs, { ...slug, workflowId: 'x', window: { lastRuns: 20 } }, { ...slug, workflowId: i0(), window: { lastRuns: 0 } }, { ...slug, workflowId: i0() }],
  },
  'metrics.runHistory': { valid: (i) => ({ ...slug, id: i.runId }), malformed: [...badSlugs, { ...slug, id: 'run-1' }] },
} satisfies Record<string, Case>);

// Product images: the gallery's list, role changes and archiving (uploads are HTTP, tested in server/http/assets.db.test.ts).
Object.assign(CASES, {
  'assets.list': { valid: (i) => ({ ...slug, productId: i.productId }), malformed: [...badSlugs, { ...slug, productId: 'x' }, { ...slug }, { ...slug, productId: i0(), includeArchived: 'yes' }] },
  'assets.setRole': { valid: (i) => ({ ...slug, id: i.assetId, role: 'lifestyle' }), malformed: [...badSlugs, { ...slug, id: 'x', role: 'main' }, { ...slug, id: i0(), role: 'hero' }, { ...slug, id: i0() }] },
  'assets.archive': { valid: (i) => ({ ...slug, id: i.assetId }), malformed: [...badSlugs, { ...slug, id: 12 }, { ...slug }] },
} satisfies Record<string, Case>);

// Enrichment review: the suggestion list and decisions (accept, edit-then-accept, reject, in bulk).
Object.assign(CASES, {
  'enrichment.suggestions': { valid: () => slug, malformed: [...badSlugs, { ...slug, status: 'maybe' }, { ...slug, jobId: 'x' }, { ...slug, limit: 0 }] },
  'enrichment.accept': {
    valid: (i) => ({ ...slug, id: i.suggestionIds[0] }),
    malformed: [...badSlugs, { ...slug, id: 'x' }, { ...slug }, { ...slug, id: i0(), value: 'a bare string' }, { ...slug, id: i0(), value: ['a', 'list'] }],
  },
  'enrichment.reject': { valid: (i) => ({ ...slug, id: i.suggestionIds[1] }), malformed: [...badSlugs, { ...slug, id: 12 }, { ...slug }] },
  'enrichment.decideMany': {
    valid: (i) => ({ ...slug, ids: i.suggestionIds.slice(2, 4), decision: 'accept' }),
    malformed: [...badSlugs, { ...slug, ids: [], decision: 'accept' }, { ...slug, ids: ['x'], decision: 'accept' }, { ...slug, ids: [i0()], decision: 'maybe' }],
  },
} satisfies Record<string, Case>);

// Notifications for deciders (the bell) and the company webhook (Settings, admins).
Object.assign(CASES, {
  'notifications.list': { valid: () => ({ ...slug, limit: 20 }), malformed: [...badSlugs, { ...slug, limit: 0 }, { ...slug, limit: 51 }, { ...slug, offset: -1 }] },
  'notifications.unreadCount': { valid: () => slug, malformed: badSlugs },
  'notifications.markRead': { valid: () => ({ ...slug, ids: [i0()] }), malformed: [...badSlugs, { ...slug, ids: [] }, { ...slug, ids: ['x'] }, { ...slug }] },
  'notifications.markAllRead': { valid: () => slug, malformed: badSlugs },
  'notifications.webhook': { valid: () => slug, malformed: badSlugs },
  'notifications.setWebhook': {
    valid: () => ({ ...slug, webhook: null }),
    malformed: [...badSlugs, { ...slug }, { ...slug, webhook: { url: 'http://10.0.0.7/hook', linkBase: 'https://ember.example.com' } }, { ...slug, webhook: { url: 'ftp://hooks.example.com/x', linkBase: 'https://ember.example.com' } }, { ...slug, webhook: { url: 'https://hooks.example.com/x', linkBase: 'javascript:alert(1)' } }],
  },
  'notifications.webhookDeliveries': { valid: () => slug, malformed: badSlugs },
} satisfies Record<string, Case>);

function i0() {
  return '3f0c5b8e-8e34-4c71-9d8a-0f6a2d1f9c11';
}

const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { meta?: ProcedureMeta; inputs: unknown[] } }>).map(([path, p]) => ({
  path,
  access: p._def.meta?.access ?? 'public',
  inputs: p._def.inputs,
}));
const inputsOf = (path: string) => procedures.find((p) => p.path === path)!.inputs;

/** Code, zod issues and message of a refusal, for the hostile variants. */
async function refusal(p: Promise<unknown>): Promise<{ code: string; message: string; issues: { path: InputPath; message: string; code: string }[] } | 'ok'> {
  try {
    await p;
    return 'ok';
  } catch (err) {
    if (!(err instanceof TRPCError)) throw err;
    const cause = err.cause as { issues?: { path: InputPath; message: string; code: string }[] } | undefined;
    return { code: err.code, message: err.message, issues: cause?.issues ?? [] };
  }
}

function call(caller: Caller, path: string, input: unknown): Promise<unknown> {
  const fn = path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (i: unknown) => Promise<unknown>;
  return fn(input);
}

async function trpcCode(p: Promise<unknown>): Promise<{ code: string; fieldErrors?: unknown } | 'ok'> {
  try {
    await p;
    return 'ok';
  } catch (err) {
    if (!(err instanceof TRPCError)) throw err;
    const cause = err.cause as { issues?: unknown[] } | undefined;
    return { code: err.code, fieldErrors: cause?.issues };
  }
}

// Retailer monitoring: spec changes, listing compliance, and "Check now" (which only sends events).
Object.assign(CASES, {
  'monitoring.specChanges': { valid: () => slug, malformed: [...badSlugs, { ...slug, limit: 0 }, { ...slug, limit: 'all' }] },
  'monitoring.compliance': { valid: () => ({ ...slug, retailer: 'walmart_us', onlyDrift: true }), malformed: [...badSlugs, { ...slug, retailer: 'Walmart US' }, { ...slug, onlyDrift: 'yes' }] },
  'monitoring.checkNow': { valid: () => ({ ...slug, what: 'specs', retailer: 'walmart_us' }), malformed: [...badSlugs, { ...slug, what: 'everything' }, { ...slug }, { ...slug, what: 'all', retailer: '../etc' }] },
} satisfies Record<string, Case>);

// Event keys (Settings): list, create (the key shown once), revoke. The ingress itself is HTTP: server/http/event-ingress.db.test.ts.
Object.assign(CASES, {
  'eventKeys.list': { valid: () => slug, malformed: badSlugs },
  'eventKeys.create': { valid: () => ({ ...slug, name: 'From the bad-input suite' }), malformed: [...badSlugs, { ...slug, name: '   ' }, { ...slug, name: 'x'.repeat(81) }, { ...slug }, { ...slug, name: 42 }] },
  'eventKeys.revoke': { valid: (i) => ({ ...slug, id: i.eventKeyId }), malformed: [...badSlugs, { ...slug, id: 'ek_live_abc' }, { ...slug }] },
} satisfies Record<string, Case>);

describe('the procedure table', () => {
  it('has a bad-input case for every procedure of the router, and no stale ones', () => {
    expect(procedures.map((p) => p.path).sort()).toEqual(Object.keys(CASES).sort());
  });

  it('declares who may call every procedure', () => {
    for (const p of procedures) expect({ path: p.path, declared: p.access !== undefined }).toEqual({ path: p.path, declared: true });
  });

  it('finds the string, JSON and date fields the hostile variants replace (the generator is not vacuous)', () => {
    const fake = { taskId: i0(), workflowId: i0(), revision: 1, versionId: i0(), runId: i0(), userId: i0(), productId: i0(), workTaskId: i0(), assetId: i0(), suggestionIds: [i0(), i0(), i0(), i0()], eventKeyId: i0(), approverId: i0() };
    const fields = (path: string) => inputFields(inputsOf(path), CASES[path]!.valid(fake)).map((f) => `${f.path.join('.')}:${f.kind}`);
    expect(fields('runs.start')).toEqual(expect.arrayContaining(['companySlug:string', 'workflowId:string', 'payload:json']));
    expect(fields('runs.list')).toEqual(expect.arrayContaining(['before:date', 'after:date']));
    expect(fields('metrics.dashboard')).toEqual(expect.arrayContaining(['from:date', 'to:date']));
    expect(fields('workflows.create')).toEqual(expect.arrayContaining(['name:string', 'description:string']));
    expect(fields('products.updateField')).toEqual(expect.arrayContaining(['value:json', 'attribute:string']));
    expect(fields('enrichment.decideMany')).toEqual(expect.arrayContaining(['ids.0:string']));
    for (const p of procedures.filter((p) => p.access !== 'public' && p.access !== 'signed_in')) expect({ path: p.path, slug: fields(p.path).includes('companySlug:string') }).toEqual({ path: p.path, slug: true });
    // Every free-text string has a declared maximum, so an over-long one is refused with the limit named.
    const unbounded = procedures.flatMap((p) => inputFields(p.inputs, CASES[p.path]!.valid(fake)).filter((f) => f.kind === 'string' && f.maxLength === undefined).map((f) => `${p.path} ${f.path.join('.')}`));
    expect(unbounded.filter((f) => !/\b(id|ids\.0|workflowId|productId|userId|taskId|runId|jobId|email|category|retailer|attribute|fromStepId|month)$/.test(f))).toEqual([]);
  });
});

describe.each(dbTargets())('bad input on $name postgres', (target) => {
  const t = useTestDatabase(target, { seeded: true });
  let ids: Ids;
  const callers = {} as Record<'admin' | 'editor' | 'approver' | 'viewer', Caller> & { anon: Caller };

  beforeAll(async () => {
    const { db, sql } = t.current.database;
    callers.anon = anonymousCaller(db);
    callers.admin = (await callerAs(db, 'priya@copperkettle.example')).caller;
    callers.editor = (await callerAs(db, 'rachel@copperkettle.example')).caller;
    callers.approver = (await callerAs(db, 'dana@copperkettle.example')).caller;
    callers.viewer = (await callerAs(db, 'hannah@copperkettle.example')).caller;
    const [wf] = await sql`select id, revision, published_version_id from workflows where name = 'Content-change guard'`;
    const [run] = await sql`insert into workflow_runs (company_id, workflow_id, workflow_version_id, trigger_type, trigger_ref)
      select company_id, id, published_version_id, 'manual', 'bad-input' from workflows where id = ${wf!.id} returning id`;
    const [user] = await sql`select id from users where email = 'marcus@copperkettle.example'`;
    const [approver] = await sql`select id from users where email = 'dana@copperkettle.example'`;
    const [task] = await sql`insert into tasks (company_id, type, title, run_id, step_id) select company_id, 'human_gate', 'Approve', id, 'n1' from workflow_runs where id = ${run!.id} returning id`;
    const [product] = await sql`select id from products where sku = 'LPC-GRD-HB-12' and company_id = (select company_id from workflows where id = ${wf!.id})`;
    const [work] = await sql`select id from tasks where dedupe_key = 'seed:T2'`;
    const [asset] = await sql`select id from assets where filename = 'LPC-GRD-HB-12_kitchen.jpg' and company_id = (select company_id from workflows where id = ${wf!.id})`;
    const suggestions = await sql`select id from enrichment_suggestions where status = 'pending' and company_id = (select company_id from workflows where id = ${wf!.id}) order by id limit 4`;
    const [eventKey] = await sql`insert into event_keys (company_id, name, prefix, key_hash) select company_id, 'bad-input', 'ek_live_badinp', repeat('b', 64) from workflows where id = ${wf!.id} returning id`;
    ids = { taskId: task!.id, workflowId: wf!.id, revision: wf!.revision, versionId: wf!.published_version_id, runId: run!.id, userId: user!.id, productId: product!.id, workTaskId: work!.id, assetId: asset!.id, suggestionIds: suggestions.map((r) => r.id as string), eventKeyId: eventKey!.id, approverId: approver!.id };
  });

  it.each(procedures)('$path: malformed input is BAD_REQUEST with field errors and writes nothing', async ({ path }) => {
    const before = await databaseFingerprint(t.current.database.sql);
    for (const input of CASES[path]!.malformed) {
      const result = await trpcCode(call(callers.admin, path, input));
      expect({ input, result }).toEqual({ input, result: { code: 'BAD_REQUEST', fieldErrors: expect.arrayContaining([expect.objectContaining({ path: expect.any(Array), message: expect.any(String) })]) } });
    }
    expect(await databaseFingerprint(t.current.database.sql)).toEqual(before);
  });

  it.each(procedures)('$path: hostile strings, JSON and dates are BAD_REQUEST naming the field, leak nothing and write nothing', async ({ path, inputs }) => {
    const valid = CASES[path]!.valid(ids);
    const variants = hostileVariants(valid, inputFields(inputs, valid));
    const before = await databaseFingerprint(t.current.database.sql);
    const failures: unknown[] = [];
    for (const v of variants) {
      const r = await refusal(call(callers.admin, path, v.input));
      if (r === 'ok') {
        failures.push({ variant: v.label, result: 'accepted' });
        continue;
      }
      const named = v.field === null ? r.issues.length > 0 : r.issues.some((i) => v.field!.every((k, n) => i.path[n] === k));
      const leaked = leaks([r.message, ...r.issues.map((i) => i.message)].join('\n'));
      const tooBig = !v.expectTooBig || r.issues.some((i) => i.code === 'too_big');
      if (r.code !== 'BAD_REQUEST' || !named || leaked.length || !tooBig) {
        failures.push({ variant: v.label, code: r.code, issues: r.issues.map((i) => `${i.path.slice(0, 6).join('.')}: ${i.message}`.slice(0, 200)), message: r.message.slice(0, 300), leaked, tooBig });
      }
    }
    expect(failures).toEqual([]);
    expect(await databaseFingerprint(t.current.database.sql)).toEqual(before);
  });

  it.each(procedures.filter((p) => p.access !== 'public'))('$path: signed out is UNAUTHORIZED and writes nothing', async ({ path }) => {
    const before = await databaseFingerprint(t.current.database.sql);
    expect(await trpcCode(call(callers.anon, path, CASES[path]!.valid(ids)))).toEqual({ code: 'UNAUTHORIZED', fieldErrors: undefined });
    expect(await databaseFingerprint(t.current.database.sql)).toEqual(before);
  });

  const permissioned = procedures.filter((p) => p.access !== 'public' && p.access !== 'signed_in');
  it.each(permissioned)('$path: every role without the permission is FORBIDDEN and writes nothing', async ({ path, access }) => {
    const lacking = ROLES.filter((r) => !can(r, access as Permission));
    const before = await databaseFingerprint(t.current.database.sql);
    for (const role of lacking) {
      expect({ role, result: await trpcCode(call(callers[role], path, CASES[path]!.valid(ids))) }).toEqual({ role, result: { code: 'FORBIDDEN', fieldErrors: undefined } });
    }
    expect(await databaseFingerprint(t.current.database.sql)).toEqual(before);
  });

  it('a member of another company is told the company does not exist, for every company procedure', async () => {
    const outsider = (await callerAs(t.current.database.db, 'owen@bluewater.example')).caller;
    for (const { path } of permissioned) {
      expect({ path, result: await trpcCode(call(outsider, path, CASES[path]!.valid(ids))) }).toEqual({ path, result: { code: 'NOT_FOUND', fieldErrors: undefined } });
    }
  });

  it('valid inputs succeed for a role that has the permission (the cases are not vacuous)', async () => {
    // Read-only procedures first; mutations in an order where each leaves the next one valid.
    const order = ['auth.me', 'system.capabilities', 'companies.mine', 'members.list', 'workflows.list', 'workflows.get', 'versions.list', 'versions.get', 'runs.list', 'runs.get',
      'gates.list', 'gates.myDelegation', 'gates.delegatedToMe', 'runs.attempts', 'products.list', 'products.facets', 'products.get', 'products.history', 'products.runs', 'tasks.list', 'tasks.get',
      'metrics.dashboard', 'metrics.drill', 'metrics.heatmap', 'metrics.runHistory',
      'workflows.setEnabled', 'workflows.create', 'members.setRole', 'gates.resolve', 'gates.delegate', 'runs.start', 'runs.cancel', 'runs.rerun', 'workflows.update',
      'products.updateField', 'products.importCsv', 'tasks.claim', 'tasks.complete', 'assets.list', 'assets.setRole', 'assets.archive',
      'enrichment.suggestions', 'enrichment.accept', 'enrichment.reject', 'enrichment.decideMany', 'eventKeys.list', 'eventKeys.create', 'eventKeys.revoke',
      'companies.settings', 'companies.updateSettings', 'companies.approvalPolicies', 'companies.setApprovalPolicies',
      'notifications.list', 'notifications.unreadCount', 'notifications.webhook', 'notifications.webhookDeliveries', 'notifications.markRead', 'notifications.markAllRead', 'notifications.setWebhook'];
    for (const path of order) {
      expect({ path, result: await trpcCode(call(callers.admin, path, CASES[path]!.valid(ids))) }).toEqual({ path, result: 'ok' });
    }
  });
});
