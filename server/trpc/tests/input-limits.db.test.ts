/**
 * Issue 17, points 7 and 8, on the server: over-long names and descriptions are refused (BAD_REQUEST naming the
 * field and the limit) on every create/rename path and nothing is stored cut; an HTTP step with a private or local
 * URL, a malformed URL, a body that is not JSON or a header name that is no token may sit in a draft but is not
 * published (BAD_REQUEST listing the step's field and why).
 */
import { TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.ts';
import type { Graph } from '../../../shared/graph/schema.ts';
import { callerAs } from '../../testing/callers.ts';
import { dbTargets, useTestDatabase } from '../../testing/db.ts';

const slug = 'copper-kettle';

/** The code and what the error says about fields: zod's paths and messages, or the graph issues' fields. */
async function refusal(p: Promise<unknown>) {
  try {
    await p;
    return { code: 'ok' as string, fields: [] as string[] };
  } catch (err) {
    if (!(err instanceof TRPCError)) throw err;
    const cause = err.cause;
    if (cause instanceof ZodError) return { code: err.code, fields: cause.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
    if (cause instanceof AppError) {
      const issues = ((cause.details as { issues?: { stepId?: string; field?: string; message: string }[] })?.issues ?? []);
      return { code: err.code, fields: issues.map((i) => `${i.stepId}.${i.field}: ${i.message}`) };
    }
    return { code: err.code, fields: [] };
  }
}

const httpGraph = (config: Record<string, unknown>): Graph => ({
  steps: [
    { id: 'trigger', type: 'trigger', kind: 'trigger', name: 'Trigger', config: {}, position: { x: 0, y: 0 } },
    { id: 'call', type: 'action', kind: 'http_request', name: 'Call the API', config: { method: 'POST', url: 'https://api.example.com/x', headers: {}, timeoutMs: 5000, ...config }, position: { x: 300, y: 0 } },
  ],
  edges: [{ id: 'e1', source: 'trigger', target: 'call', label: null }],
});

describe.each(dbTargets())('input limits and HTTP rules on $name postgres', (target) => {
  const t = useTestDatabase(target, { seeded: true });
  const editor = () => callerAs(t.current.database.db, 'rachel@copperkettle.example').then((c) => c.caller);

  it('refuses a 600-character workflow name or a 2,001-character description at create and rename, storing nothing cut', async () => {
    const caller = await editor();
    const before = (await caller.workflows.list({ companySlug: slug })).length;
    expect(await refusal(caller.workflows.create({ companySlug: slug, name: 'n'.repeat(600) }))).toEqual({ code: 'BAD_REQUEST', fields: ['name: too long: at most 120 characters (this has 600)'] });
    expect(await refusal(caller.workflows.create({ companySlug: slug, name: 'ok', description: 'd'.repeat(2001) }))).toEqual({ code: 'BAD_REQUEST', fields: ['description: too long: at most 2,000 characters (this has 2,001)'] });
    expect((await caller.workflows.list({ companySlug: slug })).length).toBe(before);

    const exact = 'e'.repeat(120);
    const wf = await caller.workflows.create({ companySlug: slug, name: exact });
    expect((await caller.workflows.get({ companySlug: slug, id: wf.id })).name).toBe(exact);
    expect(await refusal(caller.workflows.update({ companySlug: slug, id: wf.id, expectedRevision: wf.revision, name: `${exact}!` }))).toEqual({ code: 'BAD_REQUEST', fields: ['name: too long: at most 120 characters (this has 121)'] });
    expect((await caller.workflows.get({ companySlug: slug, id: wf.id })).name).toBe(exact);
  });

  it('refuses a step name past 120 characters when the draft is saved', async () => {
    const caller = await editor();
    const wf = await caller.workflows.create({ companySlug: slug, name: 'Long step names' });
    const graph = httpGraph({});
    graph.steps[1]!.name = 's'.repeat(300);
    expect(await refusal(caller.workflows.saveGraph({ companySlug: slug, id: wf.id, expectedRevision: wf.revision, graph }))).toEqual({ code: 'BAD_REQUEST', fields: ['graph.steps.1.name: too long: at most 120 characters (this has 300)'] });
  });

  it.each([
    ['http://localhost:5432/', 'call.url: Call the API: url: localhost is a local name (.localhost), not a public one'],
    ['http://10.0.0.1/', 'call.url: Call the API: url: 10.0.0.1 is a private address'],
    ['https://exa mple.com/a b', 'call.url: Call the API: url: not a valid URL (it contains a space; encode it as %20)'],
  ])('does not publish an HTTP step calling %s', async (url, expected) => {
    const caller = await editor();
    const wf = await caller.workflows.create({ companySlug: slug, name: `HTTP ${url}` });
    const saved = await caller.workflows.saveGraph({ companySlug: slug, id: wf.id, expectedRevision: wf.revision, graph: httpGraph({ url }) });
    expect(await refusal(caller.workflows.publish({ companySlug: slug, id: wf.id, expectedRevision: saved.revision }))).toEqual({ code: 'BAD_REQUEST', fields: [expected] });
    expect((await caller.workflows.get({ companySlug: slug, id: wf.id })).published).toBeNull();
  });

  it('does not publish a body that is not JSON or a header name with a space and a colon', async () => {
    const caller = await editor();
    const wf = await caller.workflows.create({ companySlug: slug, name: 'HTTP body and headers' });
    const saved = await caller.workflows.saveGraph({ companySlug: slug, id: wf.id, expectedRevision: wf.revision, graph: httpGraph({ body: '{"broken": json, }', headers: { 'Bad Header:': 'x' } }) });
    const r = await refusal(caller.workflows.publish({ companySlug: slug, id: wf.id, expectedRevision: saved.revision }));
    expect(r.code).toBe('BAD_REQUEST');
    expect(r.fields).toEqual(expect.arrayContaining([expect.stringMatching(/^call\.body: Call the API: body: not valid JSON: /), expect.stringMatching(/^call\.headers\.Bad Header:: .*a header name is letters, digits/)]));
    // Fixed, it publishes: the refusals were about those fields only.
    const fixed = await caller.workflows.saveGraph({ companySlug: slug, id: wf.id, expectedRevision: saved.revision, graph: httpGraph({ body: '{"ok": true}', headers: { 'X-Good': 'x' } }) });
    expect((await caller.workflows.publish({ companySlug: slug, id: wf.id, expectedRevision: fixed.revision })).version).toBe(1);
  });
});
