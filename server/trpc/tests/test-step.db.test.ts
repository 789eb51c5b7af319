/**
 * workflows.testStep: one step run alone over a given input, without a run. Pure steps answer at once; steps with
 * side effects are refused without `confirm` (saying what they would do) and act with it; HTTP still passes the
 * SSRF guard; Claude is asked once, into the cost ledger but onto no run; another company's workflow is not found;
 * viewers and approvers may not.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { step } from '../../../shared/graph/fixtures.ts';
import { callerAs, type Caller } from '../../testing/callers.ts';
import { startFakeAnthropic } from '../../testing/fake-anthropic.ts';
import { dbTargets, useTestDatabase } from '../../testing/db.ts';

const SLUG = 'copper-kettle';
const input = { event: { name: 'manual', data: { sku: 'CK-7', price: 12 } }, steps: { n1: { passed: true, score: 91 } }, data: {} };

describe.each(dbTargets())('test a step on $name postgres', (target) => {
  const t = useTestDatabase(target, { seeded: true });
  let editor: Caller;
  let workflowId = '';
  const counts = async () => {
    const [r] = await t.current.database.sql`select (select count(*)::int from workflow_runs) runs, (select count(*)::int from workflow_run_steps) steps, (select count(*)::int from tasks) tasks`;
    return r!;
  };

  beforeAll(async () => {
    editor = (await callerAs(t.current.database.db, 'marcus@copperkettle.example')).caller;
    const [wf] = await t.current.database.sql`select id from workflows where name = 'Content-change guard'`;
    workflowId = wf!.id as string;
  });

  it('runs a pure step (condition, transform) over the input and records no run', async () => {
    const before = await counts();
    const cond = await editor.workflows.testStep({ companySlug: SLUG, workflowId, step: step('c', 'condition', 'condition', { expression: 'steps.n1.score > 90 && event.data.price < 20' }), input });
    expect(cond).toMatchObject({ ok: true, output: { value: true, branch: 'yes' } });
    const tr = await editor.workflows.testStep({ companySlug: SLUG, workflowId, step: step('x', 'transform', 'action', { mapping: { label: "event.data.sku + '!'", doubled: 'event.data.price * 2' } }), input });
    expect(tr).toMatchObject({ ok: true, output: { label: 'CK-7!', doubled: 24 } });
    // A failing step is an answer with the run's own words, not a server error.
    const bad = await editor.workflows.testStep({ companySlug: SLUG, workflowId, step: step('c', 'condition', 'condition', { expression: 'event.data.sku' }), input });
    expect(bad).toMatchObject({ ok: false, error: expect.stringContaining('not true or false') });
    expect(await counts()).toEqual(before);
  });

  it('refuses a side-effect step without confirm, saying what it would do; acts with it, still without a run', async () => {
    const task = step('task', 'create_task', 'action', { title: 'Tested alone', priority: 'low' });
    const before = await counts();
    const refused = editor.workflows.testStep({ companySlug: SLUG, workflowId, step: task, input });
    await expect(refused).rejects.toMatchObject({ code: 'PRECONDITION_FAILED', message: expect.stringContaining('This creates the task "Tested alone"') });
    expect(await counts()).toEqual(before);

    const done = await editor.workflows.testStep({ companySlug: SLUG, workflowId, step: task, input, confirm: true });
    expect(done).toMatchObject({ ok: true, output: { title: 'Tested alone', taskId: expect.any(String) } });
    expect(await counts()).toEqual({ ...before, tasks: before.tasks + 1 });
    const [row] = await t.current.database.sql`select t.company_id = w.company_id as same_company from tasks t, workflows w where t.title = 'Tested alone' and w.id = ${workflowId}`;
    expect(row!.same_company).toBe(true);
  });

  it('sends HTTP through the SSRF guard', async () => {
    const http = step('h', 'http_request', 'action', { method: 'POST', url: 'http://169.254.169.254/latest/meta-data/', headers: {}, timeoutMs: 2000 });
    await expect(editor.workflows.testStep({ companySlug: SLUG, workflowId, step: http, input })).rejects.toMatchObject({ code: 'PRECONDITION_FAILED', message: expect.stringContaining('This sends a POST to http://169.254.169.254/') });
    const res = await editor.workflows.testStep({ companySlug: SLUG, workflowId, step: http, input, confirm: true });
    // Refused by the same address rules as the form, publishing and a run (shared/net), before any socket opens.
    expect(res).toMatchObject({ ok: false, error: expect.stringContaining('link-local') });
  });

  it('refuses kinds that cannot run alone', async () => {
    await expect(editor.workflows.testStep({ companySlug: SLUG, workflowId, step: step('d', 'delay', 'action', { duration: '1s' }), input, confirm: true })).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
    await expect(editor.workflows.testStep({ companySlug: SLUG, workflowId, step: step('v', 'validate_images', 'action', {}), input, confirm: true })).rejects.toMatchObject({ code: 'PRECONDITION_FAILED', message: expect.stringContaining('cannot be tested alone') });
  });

  it('asks Claude only with confirm, once, into the cost ledger but onto no run', async () => {
    const fake = await startFakeAnthropic({ apiKey: 'test-step-key' });
    const env = { key: process.env.ANTHROPIC_API_KEY, url: process.env.ANTHROPIC_BASE_URL };
    process.env.ANTHROPIC_API_KEY = 'test-step-key';
    process.env.ANTHROPIC_BASE_URL = fake.url;
    try {
      fake.on('classify_rejection', () => ({ category: 'missing_attribute', attribute: 'color', fix: 'Add the colour.', confidence: 0.9 }));
      const claude = step('k', 'claude_skill', 'action', { skill: 'classify_rejection', input: { retailer: "'amazon_us'", message: "'Missing color: ' + event.data.sku" } });
      const before = await counts();
      await expect(editor.workflows.testStep({ companySlug: SLUG, workflowId, step: claude, input })).rejects.toMatchObject({ code: 'PRECONDITION_FAILED', message: expect.stringContaining('This asks Claude (the classify_rejection skill)') });
      expect(fake.count()).toBe(0);
      const res = await editor.workflows.testStep({ companySlug: SLUG, workflowId, step: claude, input, confirm: true });
      expect(res).toMatchObject({ ok: true, output: { category: 'missing_attribute', fix: 'Add the colour.', claude: { agentRunId: expect.any(String) } } });
      expect(fake.count('classify_rejection')).toBe(1);
      expect(fake.requests[0]!.text).toContain('Message: Missing color: CK-7');
      const [ledger] = await t.current.database.sql`select status, workflow_run_id from agent_runs where id = ${(res as { output: { claude: { agentRunId: string } } }).output.claude.agentRunId}`;
      expect(ledger).toEqual({ status: 'completed', workflow_run_id: null });
      expect(await counts()).toEqual(before);
    } finally {
      process.env.ANTHROPIC_API_KEY = env.key;
      process.env.ANTHROPIC_BASE_URL = env.url;
      if (env.key === undefined) delete process.env.ANTHROPIC_API_KEY;
      if (env.url === undefined) delete process.env.ANTHROPIC_BASE_URL;
      await fake.close();
    }
  });

  it("keeps companies apart: another company's workflow is not found, and its slug is not the caller's", async () => {
    const owen = (await callerAs(t.current.database.db, 'owen@bluewater.example')).caller;
    const cond = step('c', 'condition', 'condition', { expression: 'true' });
    await expect(owen.workflows.testStep({ companySlug: 'bluewater', workflowId, step: cond, input })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(owen.workflows.testStep({ companySlug: SLUG, workflowId, step: cond, input })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('is for editors and admins: a viewer and an approver are refused', async () => {
    const cond = step('c', 'condition', 'condition', { expression: 'true' });
    for (const email of ['hannah@copperkettle.example', 'dana@copperkettle.example']) {
      const caller = (await callerAs(t.current.database.db, email)).caller;
      await expect(caller.workflows.testStep({ companySlug: SLUG, workflowId, step: cond, input })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
  });
});
