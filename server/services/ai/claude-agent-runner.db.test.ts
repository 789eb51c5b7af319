/**
 * claude-agent-runner (DOMAIN.md F7) through the real executor, driven by a "Run Claude skill" workflow step, against
 * a fake Messages API on loopback: request shape, the ledger and the run's cost, retries (overload, rate limit with
 * retry-after), the repair call, and the failures that must not be retried (401, no API key, output invalid twice).
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { edge, graph, step, trig } from '../../../shared/graph/fixtures.ts';
import { publishWorkflow, runSteps, SLUG, startHarness, waitForRun, type Harness } from '../../workflow/testing/harness.ts';
import { dbTargets, useTestDatabase } from '../../testing/db.ts';
import { startFakeAnthropic, type FakeAnthropic } from '../../testing/fake-anthropic.ts';
import { CLAUDE_NOT_CONFIGURED } from './config.ts';
import { jsonSchemaOf } from './skills/define.ts';
import { classifyRejection } from './skills/classify_rejection.ts';

const ANSWER = { category: 'missing_attribute', attribute: 'msrp', fix: 'Add the MSRP and resubmit.', confidence: 0.93 };

describe.each(dbTargets())('claude-agent-runner on $name postgres', (target) => {
  const t = useTestDatabase(target, { seeded: true });
  let fake: FakeAnthropic;
  let h: Harness;
  let workflowId: string;

  beforeAll(async () => {
    fake = await startFakeAnthropic({ inputTokens: 1200, outputTokens: 300 });
    h = await startHarness(t.current.database, { claude: fake.config() });
    const wf = await publishWorkflow(h, 'Classify a rejection', graph(
      [trig(), step('c', 'claude_skill', 'action', { skill: 'classify_rejection', input: { retailer: "'walmart_us'", message: 'event.data.message', code: "'ERR_EXT_DATA_0801001'" } })],
      [edge('t', 'c')],
    ));
    workflowId = wf.id;
  });
  afterAll(async () => {
    await h?.stop();
    await fake?.close();
  });
  beforeEach(() => {
    fake.on('classify_rejection', () => ANSWER);
  });

  const run = async (message: string, harness = h) => {
    const { runId } = await harness.editor.runs.start({ companySlug: SLUG, workflowId, payload: { message } });
    const finished = await waitForRun(t.current.database, runId, ["completed", "failed"]);
    if (process.env.DEBUG_RUNS) console.log(JSON.stringify(finished.error), JSON.stringify((await runSteps(t.current.database, runId)).c));
    return { runId, finished, steps: await runSteps(t.current.database, runId) };
  };
  const ledger = (runId: string) =>
    t.current.database.db.execute<{ skill_name: string; status: string; attempts: number; input_tokens: number; output_tokens: number; cost_usd: number; error: { message: string } | null }>(sql`
      select skill_name, status, attempts, input_tokens, output_tokens, cost_usd::float8 as cost_usd, error from agent_runs where workflow_run_id = ${runId}`);

  it('sends the skill as a forced tool, returns its output to the step, and records tokens and cost on the ledger and the run', async () => {
    const before = fake.count();
    const { runId, finished, steps } = await run("'msrp' - Attribute requires a value.");
    expect(finished.status).toBe('completed');
    expect(fake.count() - before).toBe(1);
    const req = fake.requests.at(-1)!;
    expect(req.headers['anthropic-version']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(req.headers['x-api-key'] ?? req.headers.authorization).toMatch(/test-key$/);
    expect(req.body.tool_choice).toEqual({ type: 'tool', name: 'classify_rejection' });
    expect(req.body.tools).toHaveLength(1);
    expect(req.body.tools[0]!.input_schema).toEqual(jsonSchemaOf(classifyRejection.output));
    expect(req.body.system).toBe(classifyRejection.systemPrompt);
    expect(req.text).toContain("Message: 'msrp' - Attribute requires a value.");
    expect(req.text).toContain('Code: ERR_EXT_DATA_0801001');
    expect(steps.c!.output).toMatchObject({ ...ANSWER, claude: { inputTokens: 1200, outputTokens: 300, attempts: 1 } });
    // 1200 × $3/MTok + 300 × $15/MTok = 0.0036 + 0.0045
    expect(await ledger(runId)).toEqual([expect.objectContaining({ skill_name: 'classify_rejection', status: 'completed', attempts: 1, input_tokens: 1200, output_tokens: 300, cost_usd: 0.0081 })]);
    const [cost] = await t.current.database.db.execute<{ claude_input_tokens: number; claude_cost_usd: number; function_invocations: number; cost_usd: number }>(sql`
      select claude_input_tokens, claude_cost_usd::float8 as claude_cost_usd, function_invocations, cost_usd::float8 as cost_usd from workflow_runs where id = ${runId}`);
    // The executor's own invocation plus the one Claude call, at $0.00005 each.
    expect(cost).toEqual({ claude_input_tokens: 1200, claude_cost_usd: 0.0081, function_invocations: 2, cost_usd: 0.0082 });
  });

  it('retries an overloaded API and records the attempts it took', async () => {
    fake.fault('529', 1, { skill: 'classify_rejection' });
    const before = fake.count();
    const { runId, finished } = await run('overloaded once');
    expect(finished.status).toBe('completed');
    expect(fake.count() - before).toBe(2);
    expect((await ledger(runId))[0]).toMatchObject({ status: 'completed', attempts: 2 });
  });

  it('waits as long as retry-after says on a rate limit', async () => {
    fake.fault('429', 2, { skill: 'classify_rejection' });
    const before = fake.requests.length;
    const { runId, finished } = await run('rate limited twice');
    expect(finished.status).toBe('completed');
    expect(fake.requests.length - before).toBe(3);
    const at = fake.requests.slice(before).map((r) => r.at);
    // retry-after: 1 → each retry came a second after the attempt before (the executor's own backoff base is 10 ms here).
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(950);
    expect(at[2]! - at[1]!).toBeGreaterThanOrEqual(950);
    expect((await ledger(runId))[0]).toMatchObject({ status: 'completed', attempts: 3 });
  });

  it('makes one repair call when the output does not match the schema', async () => {
    fake.fault('malformed', 1, { skill: 'classify_rejection' });
    const before = fake.count();
    const { runId, finished, steps } = await run('malformed once');
    expect(finished.status).toBe('completed');
    expect(fake.count() - before).toBe(2);
    expect(fake.requests.at(-1)!.text).toContain('Your previous output failed validation');
    expect(steps.c!.output).toMatchObject(ANSWER);
    expect((await ledger(runId))[0]).toMatchObject({ status: 'completed', input_tokens: 2400, output_tokens: 600 });
  });

  it('fails with OUTPUT_SCHEMA_VIOLATION when the repair is invalid too, and records the failed call', async () => {
    fake.fault('malformed', 2, { skill: 'classify_rejection' });
    const before = fake.count();
    const { runId, finished, steps } = await run('malformed twice');
    expect(finished.status).toBe('failed');
    expect(fake.count() - before).toBe(2);
    expect(steps.c!.status).toBe('failed');
    expect(JSON.stringify(steps.c!.error)).toContain('OUTPUT_SCHEMA_VIOLATION');
    expect((await ledger(runId))[0]).toMatchObject({ status: 'failed' });
  });

  it('does not retry a refused API key', async () => {
    fake.fault('401', 1, { skill: 'classify_rejection' });
    const before = fake.count();
    const { runId, finished, steps } = await run('bad key');
    expect(finished.status).toBe('failed');
    expect(fake.count() - before).toBe(1);
    expect(JSON.stringify(steps.c!.error)).toContain('check ANTHROPIC_API_KEY');
    expect(await ledger(runId)).toEqual([expect.objectContaining({ status: 'failed', attempts: 1 })]);
  });

  it('without an API key, fails the step at once with how to configure Claude, and calls nobody', async () => {
    await h.stop();
    const keyless = await startHarness(t.current.database, { claude: fake.config({ apiKey: undefined }) });
    try {
      const before = fake.count();
      const { finished, steps } = await run('no key', keyless);
      expect(finished.status).toBe('failed');
      expect(fake.count()).toBe(before);
      expect(JSON.stringify(steps.c!.error)).toContain(CLAUDE_NOT_CONFIGURED);
    } finally {
      await keyless.stop();
      h = await startHarness(t.current.database, { claude: fake.config() });
    }
  });
});
