/**
 * Every metric on known runs, exactly: seeded straight into the tables (as the owner) in January 2020, far from
 * the demo data, for Bluewater, with rows of Copper Kettle in the same range that must never be counted. Checked
 * over a range holding everything, a one-run range and an empty range, through the real tRPC router; plus the
 * drill-downs behind points, the heatmap, the run history the change triggers record, and the Prometheus counters.
 * Function runs and attempts are seeded as the observe middleware records them (function_runs / function_attempts).
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { withCompany } from '../../db/tx.ts';
import { callerAs, type Caller } from '../../testing/callers.ts';
import { dbTargets, useTestDatabase } from '../../testing/db.ts';
import { Executor } from '../../executor/executor.ts';
import type { SdkTransport } from '../../executor/transport.ts';
import { engineMetrics, renderPrometheus } from './prometheus.ts';
import { sql as dsql } from 'drizzle-orm';

const EXEC = 'ember-workflows-workflow-executor';
const ORCH = 'ember-workflows-task-orchestrator';
const JAN = { from: new Date('2020-01-01T00:00:00Z'), to: new Date('2020-02-01T00:00:00Z') };
const ONE = { from: new Date('2020-01-10T00:00:00Z'), to: new Date('2020-01-11T00:00:00Z') };
const EMPTY = { from: new Date('2019-01-01T00:00:00Z'), to: new Date('2019-02-01T00:00:00Z') };
const T = (iso: string, plusMs = 0) => new Date(new Date(iso).getTime() + plusMs).toISOString();

describe.each(dbTargets())('metrics on $name postgres', (target) => {
  const t = useTestDatabase(target, { seeded: true });
  let owen: Caller;
  let B = '';
  let A = '';
  const ids = { w1: randomUUID(), w2: randomUUID(), wa: randomUUID(), r1: randomUUID(), r2: randomUUID(), r3: randomUUID(), rOut: randomUUID(), rA: randomUUID() };
  const promBefore = new Map<string, number>();

  beforeAll(async () => {
    const { sql, db } = t.current.database;
    [B, A] = [(await sql`select id from companies where slug = 'bluewater'`)[0]!.id, (await sql`select id from companies where slug = 'copper-kettle'`)[0]!.id];
    owen = (await callerAs(db, 'owen@bluewater.example')).caller;
    for (const line of renderPrometheus(await engineMetrics(sql, null)).split('\n')) if (line && !line.startsWith('#')) promBefore.set(line.split(' ')[0]!, Number(line.split(' ')[1]));

    const graph = { steps: ['trigger', 'a', 'gate', 'b', 'c'].map((id, i) => ({ id, kind: id === 'gate' ? 'human_gate' : id === 'trigger' ? 'trigger' : 'transform', type: id === 'gate' ? 'human_gate' : id === 'trigger' ? 'trigger' : 'action', name: id, config: {}, position: { x: i * 300, y: 0 } })), edges: [] };
    const versions: Record<string, string> = {};
    for (const [wf, company, name] of [[ids.w1, B, 'Metrics one'], [ids.w2, B, 'Metrics two'], [ids.wa, A, 'Other company']] as const) {
      await sql`insert into workflows (id, company_id, name) values (${wf}, ${company}, ${name})`;
      versions[wf] = (await sql`insert into workflow_versions (company_id, workflow_id, version, graph, trigger_config, source_revision)
        values (${company}, ${wf}, 1, ${JSON.stringify(graph)}::jsonb, ${JSON.stringify({ type: "manual" })}::jsonb, 1) returning id`)[0]!.id;
    }
    const run = async (id: string, wf: string, company: string, at: string, cost: [number, number, number, number, number]) =>
      sql`insert into workflow_runs (id, company_id, workflow_id, workflow_version_id, status, trigger_type, trigger_ref, created_at, cost_usd, claude_cost_usd, claude_input_tokens, claude_output_tokens, function_invocations)
        values (${id}, ${company}, ${wf}, ${versions[wf]!}, 'completed', 'manual', ${id}, ${at}, ${cost[0]}, ${cost[1]}, ${cost[2]}, ${cost[3]}, ${cost[4]})`;
    await run(ids.r1, ids.w1, B, '2020-01-05T10:00:00Z', [0.5, 0.3, 1000, 200, 4]);
    await run(ids.r2, ids.w1, B, '2020-01-10T00:00:00Z', [0.1, 0, 0, 0, 2]);
    await run(ids.r3, ids.w2, B, '2020-01-20T00:00:00Z', [0, 0, 0, 0, 0]);
    await run(ids.rOut, ids.w1, B, '2020-02-03T00:00:00Z', [9, 9, 9, 9, 9]);
    await run(ids.rA, ids.wa, A, '2020-01-06T00:00:00Z', [100, 0, 0, 0, 1]);
    // [run, company, step, status, attempts, duration ms]
    const steps: [string, string, string, string, number, number][] = [
      [ids.r1, B, 'trigger', 'completed', 1, 0], [ids.r1, B, 'a', 'completed', 1, 100], [ids.r1, B, 'gate', 'completed', 1, 120_000], [ids.r1, B, 'b', 'failed', 3, 1000], [ids.r1, B, 'c', 'skipped', 0, -1],
      [ids.r2, B, 'trigger', 'completed', 1, 0], [ids.r2, B, 'a', 'completed', 1, 300], [ids.r2, B, 'gate', 'completed', 1, 172_800_000], [ids.r2, B, 'b', 'completed', 1, 2000], [ids.r2, B, 'c', 'skipped', 0, -1],
      [ids.r3, B, 'trigger', 'completed', 1, 0], [ids.r3, B, 'a', 'completed', 1, 0], [ids.r3, B, 'b', 'pending', 0, -1],
      [ids.rOut, B, 'trigger', 'completed', 1, 0], [ids.rOut, B, 'a', 'completed', 1, 500], [ids.rOut, B, 'gate', 'completed', 1, 60_000], [ids.rOut, B, 'b', 'completed', 2, 4000], [ids.rOut, B, 'c', 'completed', 1, 10],
      [ids.rA, A, 'trigger', 'completed', 1, 0], [ids.rA, A, 'a', 'completed', 1, 5], [ids.rA, A, 'b', 'completed', 1, 5],
    ];
    for (const [runId, company, stepId, status, attempts, ms] of steps) {
      const started = ms >= 0 ? '2020-01-01T00:00:00Z' : null;
      await sql`insert into workflow_run_steps (company_id, run_id, step_id, status, attempts, started_at, finished_at)
        values (${company}, ${runId}, ${stepId}, ${status}, ${attempts}, ${started}, ${ms >= 0 ? T('2020-01-01T00:00:00Z', ms) : null})`;
    }
    // Gates: r1 decided 120 s after its trigger, r2 after two days, r3 still open; rOut outside the range; A's ignored.
    const gate = (runId: string, company: string, decidedAt: string | null) =>
      sql`insert into tasks (company_id, type, title, status, run_id, step_id, decided_at, decision) values (${company}, 'human_gate', 'Approve', ${decidedAt ? 'done' : 'open'}, ${runId}, 'gate', ${decidedAt}, ${decidedAt ? 'approved' : null})`;
    await gate(ids.r1, B, '2020-01-05T10:02:00Z');
    await gate(ids.r2, B, '2020-01-12T00:00:00Z');
    await gate(ids.r3, B, null);
    await gate(ids.rOut, B, '2020-02-03T00:00:05Z');
    await gate(ids.rA, A, '2020-01-06T00:00:01Z');
    // Audit history: W1 and W2 created in January, W1 disabled in January, W2 deleted in February; a publish is not churn.
    const audit = (company: string, wf: string, action: string, at: string) => sql`insert into workflow_audit_log (company_id, workflow_id, action, at) values (${company}, ${wf}, ${action}, ${at})`;
    await audit(B, ids.w1, 'created', '2020-01-03T00:00:00Z');
    await audit(B, ids.w2, 'created', '2020-01-04T00:00:00Z');
    await audit(B, ids.w1, 'published', '2020-01-04T00:00:00Z');
    await audit(B, ids.w1, 'disabled', '2020-01-25T00:00:00Z');
    await audit(B, ids.w2, 'deleted', '2020-02-10T00:00:00Z');
    await audit(A, ids.wa, 'created', '2020-01-07T00:00:00Z');
    // What the observe middleware records of the functions' calls: runs (first call 200 ms / 1 s / 50 ms after the
    // event), each with its attempts, and the per-run counters kept from them.
    const fnRun = async (id: string, fn: string, company: string, wfRun: string | null, eventId: string, eventName: string, at: string, firstMs: number, status = 'completed') =>
      sql`insert into function_runs (company_id, run_id, function_id, workflow_run_id, event_id, event_name, event_received_at, created_at, first_call_at, last_call_at, status)
        values (${company}, ${id}, ${fn}, ${wfRun}, ${eventId}, ${eventName}, ${at}, ${at}, ${T(at, firstMs)}, ${T(at, firstMs)}, ${status})`;
    await fnRun('x1', EXEC, B, ids.r1, 'm-e1', 'workflow/triggered', '2020-01-05T10:00:00Z', 200);
    await fnRun('x2', EXEC, B, ids.r2, 'm-e2', 'workflow/triggered', '2020-01-10T00:00:00Z', 1000, 'failed');
    await fnRun('x3', ORCH, B, null, 'm-e3', 'task/routed', '2020-01-12T00:00:00Z', 50);
    await fnRun('x4', ORCH, B, null, 'm-e5', 'inngest/function.invoked', '2020-01-13T00:00:00Z', 5, 'running'); // invoked: no event received, no latency
    await fnRun('xa', EXEC, A, ids.rA, 'm-e4', 'workflow/triggered', '2020-01-06T00:00:00Z', 10);
    let n = 0;
    const attempt = (runId: string, company: string, kind: 'step' | 'call', outcome: 'ok' | 'retry' | 'error', detail: string) =>
      sql`insert into function_attempts (company_id, run_id, call_key, kind, step_id, attempt, outcome, detail, started_at, duration_ms)
        values (${company}, ${runId}, ${`k${++n}`}, ${kind}, ${kind === 'step' ? 'step:a' : null}, 0, ${outcome}, ${detail}, '2020-01-05T10:00:00Z', 5)`;
    await attempt('x1', B, 'step', 'ok', 'StepRun');
    await attempt('x1', B, 'step', 'retry', 'StepError');
    await attempt('x1', B, 'call', 'ok', 'completed');
    await attempt('x2', B, 'call', 'retry', 'error');
    await attempt('x2', B, 'call', 'ok', 'StepPlanned,StepPlanned');
    await attempt('x3', B, 'step', 'error', 'StepFailed');
    await attempt('xa', A, 'call', 'retry', 'error');
    await sql`update function_runs f set attempts = a.n, attempts_ok = a.ok
      from (select run_id, count(*)::int n, (count(*) filter (where outcome = 'ok'))::int ok from function_attempts group by run_id) a
      where a.run_id = f.run_id and f.run_id in ('x1', 'x2', 'x3', 'xa')`;
  });

  it('computes every metric exactly over a range with several runs, counting only the company', async () => {
    const m = await owen.metrics.dashboard({ companySlug: 'bluewater', ...JAN });
    expect(m.stepSuccess).toEqual({
      functions: [
        { functionId: ORCH, attempts: 1, succeeded: 0, failed: 1, rate: 0 },
        { functionId: EXEC, attempts: 5, succeeded: 3, failed: 2, rate: 0.6 },
      ],
      attempts: 6, succeeded: 3, rate: 0.5,
    });
    expect(m.stepsPerRun).toEqual({
      runs: 3, steps: 10, avg: 10 / 3,
      workflows: [{ workflowId: ids.w1, name: 'Metrics one', runs: 2, steps: 8, avg: 4 }, { workflowId: ids.w2, name: 'Metrics two', runs: 1, steps: 2, avg: 2 }],
    });
    const counts = (b: { count: number }[]) => b.map((x) => x.count);
    expect({ ...m.gates, buckets: counts(m.gates.buckets) }).toEqual({
      resolved: 2, pending: 1, p50: 86_460, p90: 155_532, p99: 171_073.2, max: 172_800, mean: 86_460, buckets: [0, 1, 0, 0, 0, 0, 1, 0],
    });
    expect({ ...m.eventLatency, buckets: counts(m.eventLatency.buckets) }).toEqual({
      count: 3, p50: 200, p95: 920, p99: 984, max: 1000, buckets: [1, 1, 0, 1, 0, 0, 0],
      functions: [{ functionId: ORCH, count: 1, p50: 50, p95: 50, p99: 50 }, { functionId: EXEC, count: 2, p50: 600, p95: 960, p99: 992 }],
    });
    expect(m.churn).toEqual({ months: [{ month: '2020-01', created: 2, disabled: 1, deleted: 0 }], created: 2, disabled: 1, deleted: 0 });
    expect(m.cost).toEqual({
      runs: 3, totalUsd: 0.6, avgUsd: 0.2, p50Usd: 0.1, p95Usd: 0.46, maxUsd: 0.5,
      workflows: [
        { workflowId: ids.w1, name: 'Metrics one', runs: 2, totalUsd: 0.6, avgUsd: 0.3, claudeUsd: 0.3, inputTokens: 1000, outputTokens: 200, functionInvocations: 6 },
        { workflowId: ids.w2, name: 'Metrics two', runs: 1, totalUsd: 0, avgUsd: 0, claudeUsd: 0, inputTokens: 0, outputTokens: 0, functionInvocations: 0 },
      ],
    });
    // Churn over two months lists both, February's delete included.
    const two = await owen.metrics.dashboard({ companySlug: 'bluewater', from: JAN.from, to: new Date('2020-03-01T00:00:00Z') });
    expect(two.churn.months).toEqual([{ month: '2020-01', created: 2, disabled: 1, deleted: 0 }, { month: '2020-02', created: 0, disabled: 0, deleted: 1 }]);
  });

  it('a one-run range holds exactly that run', async () => {
    const m = await owen.metrics.dashboard({ companySlug: 'bluewater', ...ONE });
    expect(m.stepSuccess).toEqual({ functions: [{ functionId: EXEC, attempts: 2, succeeded: 1, failed: 1, rate: 0.5 }], attempts: 2, succeeded: 1, rate: 0.5 });
    expect(m.stepsPerRun).toEqual({ runs: 1, steps: 4, avg: 4, workflows: [{ workflowId: ids.w1, name: 'Metrics one', runs: 1, steps: 4, avg: 4 }] });
    expect(m.gates).toMatchObject({ resolved: 1, pending: 0, p50: 172_800, p90: 172_800, p99: 172_800, max: 172_800, mean: 172_800 });
    expect(m.eventLatency).toMatchObject({ count: 1, p50: 1000, p95: 1000, p99: 1000, max: 1000 });
    expect(m.churn).toEqual({ months: [{ month: '2020-01', created: 0, disabled: 0, deleted: 0 }], created: 0, disabled: 0, deleted: 0 });
    expect(m.cost).toMatchObject({ runs: 1, totalUsd: 0.1, avgUsd: 0.1, p50Usd: 0.1, p95Usd: 0.1, maxUsd: 0.1 });
  });

  it('an empty range is zeros and nulls, not errors', async () => {
    const m = await owen.metrics.dashboard({ companySlug: 'bluewater', ...EMPTY });
    expect(m.stepSuccess).toEqual({ functions: [], attempts: 0, succeeded: 0, rate: null });
    expect(m.stepsPerRun).toEqual({ runs: 0, steps: 0, avg: null, workflows: [] });
    expect(m.gates).toMatchObject({ resolved: 0, pending: 0, p50: null, p90: null, p99: null, max: null, mean: null });
    expect(m.gates.buckets.every((b) => b.count === 0)).toBe(true);
    expect(m.eventLatency).toMatchObject({ count: 0, p50: null, p95: null, p99: null, max: null, functions: [] });
    expect(m.churn).toEqual({ months: [{ month: '2019-01', created: 0, disabled: 0, deleted: 0 }], created: 0, disabled: 0, deleted: 0 });
    expect(m.cost).toEqual({ runs: 0, totalUsd: 0, avgUsd: null, p50Usd: null, p95Usd: null, maxUsd: null, workflows: [] });
  });

  it('each chart point drills down to the runs behind it', async () => {
    const drill = (point: Parameters<Caller['metrics']['drill']>[0]['point'], range = JAN) => owen.metrics.drill({ companySlug: 'bluewater', ...range, point });
    expect((await drill({ metric: 'step_success_rate', functionId: EXEC })).map((r) => [r.runId, r.workflowId, r.value])).toEqual([[ids.r2, ids.w1, '1/2 attempts ok'], [ids.r1, ids.w1, '2/3 attempts ok']]);
    expect((await drill({ metric: 'avg_steps_per_run', workflowId: ids.w1 })).map((r) => [r.runId, r.value])).toEqual([[ids.r2, '4 steps'], [ids.r1, '4 steps']]);
    expect((await drill({ metric: 'gate_resolution', bucket: 6 })).map((r) => r.runId)).toEqual([ids.r2]);
    expect((await drill({ metric: 'gate_resolution', bucket: 1 })).map((r) => r.runId)).toEqual([ids.r1]);
    expect((await drill({ metric: 'event_to_execution', bucket: 3 })).map((r) => [r.runId, r.value])).toEqual([[ids.r2, '1000 ms']]);
    expect((await drill({ metric: 'event_to_execution', bucket: 0 })).map((r) => [r.runId, r.label])).toEqual([[null, `${ORCH} · x3`]]);
    expect((await drill({ metric: 'workflow_churn', month: '2020-01' })).map((r) => [r.workflowId, r.status])).toEqual([[ids.w1, 'disabled'], [ids.w2, 'created'], [ids.w1, 'created']]);
    expect((await drill({ metric: 'cost_per_execution', workflowId: ids.w1 })).map((r) => r.runId)).toEqual([ids.r1, ids.r2]);
    expect(await drill({ metric: 'cost_per_execution', workflowId: ids.wa })).toEqual([]); // another company's workflow
    expect(await drill({ metric: 'gate_resolution', bucket: 6 }, EMPTY)).toEqual([]);
  });

  it('the heatmap gives per-step failures, retries and durations over the last N runs', async () => {
    const all = await owen.metrics.heatmap({ companySlug: 'bluewater', workflowId: ids.w1, window: { lastRuns: 10 } });
    expect(all.runs).toBe(3);
    expect(all.steps.find((s) => s.stepId === 'b')).toEqual({ stepId: 'b', runs: 3, finished: 3, failed: 1, failureRate: 1 / 3, retries: 3, p50Ms: 2000, p95Ms: 3800 });
    expect(all.steps.find((s) => s.stepId === 'gate')).toMatchObject({ failureRate: 0, p50Ms: 120_000 });
    const last2 = await owen.metrics.heatmap({ companySlug: 'bluewater', workflowId: ids.w1, window: { lastRuns: 2 } });
    expect(last2.steps.find((s) => s.stepId === 'b')).toEqual({ stepId: 'b', runs: 2, finished: 2, failed: 0, failureRate: 0, retries: 1, p50Ms: 3000, p95Ms: 3900 });
    const jan = await owen.metrics.heatmap({ companySlug: 'bluewater', workflowId: ids.w1, window: JAN });
    expect(jan.steps.find((s) => s.stepId === 'b')).toMatchObject({ runs: 2, failed: 1, retries: 2 });
    expect(await owen.metrics.heatmap({ companySlug: 'bluewater', workflowId: ids.w1, window: EMPTY })).toEqual({ runs: 0, steps: [] });
    await expect(owen.metrics.heatmap({ companySlug: 'bluewater', workflowId: ids.wa, window: { lastRuns: 5 } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('the change triggers record every status transition, in order, for replay; other companies cannot read it', async () => {
    const { db } = t.current.database;
    const runId = randomUUID();
    await withCompany(db, B, async (tx) => {
      const [v] = await tx.execute<{ id: string }>(dsql`select id from workflow_versions where workflow_id = ${ids.w1}`);
      await tx.execute(dsql`insert into workflow_runs (id, company_id, workflow_id, workflow_version_id, trigger_type, trigger_ref) values (${runId}, ${B}, ${ids.w1}, ${v!.id}, 'manual', ${runId})`);
      await tx.execute(dsql`insert into workflow_run_steps (company_id, run_id, step_id, status) values (${B}, ${runId}, 'a', 'pending')`);
    });
    for (const change of [
      dsql`update workflow_runs set status = 'running' where id = ${runId}`,
      dsql`update workflow_run_steps set status = 'running', attempts = 1 where run_id = ${runId}`,
      dsql`update workflow_run_steps set status_reason = 'no visible change' where run_id = ${runId}`,
      dsql`update workflow_run_steps set status = 'running', attempts = 2, status_reason = 'retrying in 1s' where run_id = ${runId}`,
      dsql`update workflow_run_steps set status = 'completed' where run_id = ${runId}`,
      dsql`update workflow_runs set status = 'completed' where id = ${runId}`,
    ]) await withCompany(db, B, (tx) => tx.execute(change));
    const h = await owen.metrics.runHistory({ companySlug: 'bluewater', id: runId });
    expect(h.transitions.map((x) => [x.stepId, x.status, x.attempts, x.reason])).toEqual([
      ['', 'pending', 0, null], ['a', 'pending', 0, null], ['', 'running', 0, null], ['a', 'running', 1, null], ['a', 'running', 2, 'retrying in 1s'], ['a', 'completed', 2, 'retrying in 1s'], ['', 'completed', 0, null],
    ]);
    expect(h.transitions.map((x) => x.seq)).toEqual([...h.transitions.map((x) => x.seq)].sort((a, b) => a - b));
    const rachel = (await callerAs(db, 'priya@copperkettle.example')).caller;
    await expect(rachel.metrics.runHistory({ companySlug: 'copper-kettle', id: runId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // Append-only for the app.
    await expect(withCompany(db, B, (tx) => tx.execute(dsql`delete from workflow_run_step_events where run_id = ${runId}`))).rejects.toMatchObject({ cause: expect.objectContaining({ code: '42501' }) });
  });

  it('Prometheus counters move by exactly what was seeded', async () => {
    const after = new Map<string, number>();
    // With the embedded executor in this process: its queue gauges come through its API (an idle one here).
    const executor = new Executor({ sql: t.current.database.sql, transport: { url: 'http://unused.invalid/api/inngest' } as SdkTransport, listen: false });
    const text = renderPrometheus(await engineMetrics(t.current.database.sql, executor));
    for (const line of text.split('\n')) if (line && !line.startsWith('#')) after.set(line.split(' ')[0]!, Number(line.split(' ')[1]));
    const delta = (k: string) => (after.get(k) ?? 0) - (promBefore.get(k) ?? 0);
    expect(delta('ember_events_received_total')).toBe(4);
    expect(delta(`ember_function_runs_started_total{function="${EXEC}"}`)).toBe(3);
    expect(delta(`ember_function_runs_completed_total{function="${EXEC}"}`)).toBe(2);
    expect(delta(`ember_function_runs_failed_total{function="${EXEC}"}`)).toBe(1);
    expect(delta(`ember_step_attempts_total{function="${EXEC}",result="ok"}`)).toBe(3);
    expect(delta(`ember_step_attempts_total{function="${EXEC}",result="error"}`)).toBe(3);
    expect(delta(`ember_step_attempts_total{function="${ORCH}",result="error"}`)).toBe(1);
    expect(text).toMatch(/^# TYPE ember_executor_lag_seconds gauge$/m);
    expect(text).toMatch(/^ember_executor_lag_seconds \d+(\.\d+)?$/m);
    expect(text).toMatch(/^# TYPE ember_queue_depth gauge$/m);
    // Without one (Inngest or another executor drives the app), the queue gauges are absent; the rest is the same.
    const elsewhere = renderPrometheus(await engineMetrics(t.current.database.sql, null));
    expect(elsewhere).not.toMatch(/ember_executor_lag_seconds|ember_queue_depth/);
    expect(elsewhere).toContain(`ember_step_attempts_total{function="${EXEC}",result="ok"} ${after.get(`ember_step_attempts_total{function="${EXEC}",result="ok"}`)}`);
  });
});
