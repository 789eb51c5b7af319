/**
 * `npm run bench:metrics`: each dashboard metric's query on 100,000 workflow runs / 1,000,000 run steps (plus
 * 1,000,000 function step attempts in 100,000 function runs, 10,000 human gates, 5,000 audit rows) on the
 * PostgreSQL server (BENCH_DATABASE_URL, TEST_DATABASE_URL or 127.0.0.1:5432), in a scratch database that is
 * created, bulk-seeded with generate_series and dropped. The range is the whole seeded year, so every query
 * aggregates all 100,000 runs: the worst case, not a convenient slice. Each metric runs the way the API runs it
 * (in the company's RLS transaction as ember_app). Median of BENCH_SAMPLES.
 * Last line: {"step_success_rate_ms":…,"avg_steps_per_run_ms":…,"gate_resolution_ms":…,"event_to_execution_ms":…,
 * "workflow_churn_ms":…,"cost_per_execution_ms":…}
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { seedDemo } from '../server/demo/seed/seed.ts';
import { connect, type Db } from '../server/db/client.ts';
import { withCompany } from '../server/db/tx.ts';
import { workflowChurn } from '../server/services/metrics/churn.ts';
import { costPerExecution } from '../server/services/metrics/cost.ts';
import { eventToExecution } from '../server/services/metrics/event-latency.ts';
import { gateResolution } from '../server/services/metrics/gate-resolution.ts';
import { METRICS_SETTINGS } from '../server/services/metrics/range.ts';
import { stepSuccessRate } from '../server/services/metrics/step-success.ts';
import { avgStepsPerRun } from '../server/services/metrics/steps-per-run.ts';
import { percentile, timeIt } from './stats.ts';
import { serverTarget } from './targets.ts';

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 15);
const RUNS = 100_000;
const STEPS_PER_RUN = 10;
const WORKFLOWS = 20;
const log = (m: string) => console.error(`[bench:metrics] ${m}`);

async function seed(url: string, companyId: string) {
  const database = connect(url, { max: 1 });
  const { sql } = database;
  try {
    // Bulk load: skip the per-row change triggers (their notifications and history rows are not what is measured).
    await sql`set session_replication_role = replica`;
    await sql.unsafe(`
      insert into workflows (id, company_id, name, created_at)
        select md5('wf' || i)::uuid, '${companyId}', 'Bench workflow ' || i, now() - interval '400 days' from generate_series(1, ${WORKFLOWS}) i;
      insert into workflow_versions (id, company_id, workflow_id, version, graph, trigger_config, source_revision)
        select md5('wv' || i)::uuid, '${companyId}', md5('wf' || i)::uuid, 1, '{"steps":[],"edges":[]}', '{"type":"manual"}', 1 from generate_series(1, ${WORKFLOWS}) i;
      insert into workflow_runs (id, company_id, workflow_id, workflow_version_id, status, trigger_type, trigger_ref, created_at, started_at, finished_at,
                                 claude_input_tokens, claude_output_tokens, claude_cost_usd, function_invocations, cost_usd)
        select md5('run' || i)::uuid, '${companyId}', md5('wf' || (1 + i % ${WORKFLOWS}))::uuid, md5('wv' || (1 + i % ${WORKFLOWS}))::uuid,
          (case when i % 17 = 0 then 'failed' else 'completed' end)::run_status, 'manual', 'bench-' || i,
          now() - (i * interval '315 seconds'), now() - (i * interval '315 seconds'), now() - (i * interval '315 seconds') + interval '40 seconds',
          (i % 5) * 800, (i % 5) * 150, (i % 5) * 0.0035, 4 + i % 7, (i % 5) * 0.0035 + (4 + i % 7) * 0.00002
        from generate_series(1, ${RUNS}) i;
      insert into workflow_run_steps (company_id, run_id, step_id, status, attempts, started_at, finished_at, updated_at)
        select '${companyId}', md5('run' || i)::uuid, 's' || j,
          (case when (i + j) % 23 = 0 then 'failed' when j >= 8 and i % 3 = 0 then 'skipped' else 'completed' end)::run_step_status,
          1 + ((i * j) % 11 = 0)::int, now() - (i * interval '315 seconds') + j * interval '2 seconds',
          now() - (i * interval '315 seconds') + j * interval '2 seconds' + ((i * 7 + j * 13) % 2000) * interval '1 millisecond', now()
        from generate_series(1, ${RUNS}) i, generate_series(0, ${STEPS_PER_RUN - 1}) j;
      insert into tasks (company_id, type, title, status, run_id, step_id, decision, decided_at, created_at)
        select '${companyId}', 'human_gate', 'Approve', (case when i % 100 = 0 then 'open' else 'done' end)::task_status, md5('run' || i)::uuid, 's5',
          case when i % 100 = 0 then null else 'approved' end,
          case when i % 100 = 0 then null else now() - (i * interval '315 seconds') + (power(1.0009, (i * 37) % 10000) * 30) * interval '1 second' end,
          now() - (i * interval '315 seconds')
        from generate_series(10, ${RUNS}, 10) i;
      insert into workflow_audit_log (company_id, workflow_id, action, at)
        select '${companyId}', md5('wf' || (1 + i % ${WORKFLOWS}))::uuid, (array['created', 'disabled', 'enabled', 'published', 'graph_saved'])[1 + i % 5], now() - i * interval '6300 seconds'
        from generate_series(1, 5000) i;
      insert into function_runs (company_id, run_id, function_id, workflow_run_id, event_id, event_name, event_received_at, created_at, first_call_at, last_call_at, status)
        select '${companyId}', 'bench-x' || i, case when i % 5 = 0 then 'ember-workflows-task-orchestrator' else 'ember-workflows-workflow-executor' end,
          md5('run' || i)::uuid, 'bench-ev-' || i, 'workflow/triggered', now() - (i * interval '315 seconds'), now() - (i * interval '315 seconds'),
          now() - (i * interval '315 seconds') + ((i * 31) % 3000) * interval '1 millisecond', now() - (i * interval '315 seconds') + interval '40 seconds',
          case when i % 17 = 0 then 'failed' else 'completed' end
        from generate_series(1, ${RUNS}) i;
      insert into function_attempts (company_id, run_id, call_key, kind, step_id, attempt, outcome, detail, started_at, duration_ms)
        select '${companyId}', 'bench-x' || i, 's:' || j || ':0', 'step', 'step:s' || j, 0,
          case when (i + j) % 29 = 0 then 'error' when (i * j) % 31 = 0 then 'retry' else 'ok' end,
          case when (i + j) % 29 = 0 then 'StepFailed' when (i * j) % 31 = 0 then 'StepError' else 'StepRun' end,
          now() - (i * interval '315 seconds') + j * interval '2 seconds', 40
        from generate_series(1, ${RUNS}) i, generate_series(1, 10) j;
      -- The per-run counters the observe middleware keeps as it records each attempt.
      update function_runs f set attempts = a.n, attempts_ok = a.ok
        from (select run_id, count(*)::int n, (count(*) filter (where outcome = 'ok'))::int ok from function_attempts group by run_id) a
        where a.run_id = f.run_id;
    `);
    // The executed-steps counter the workflow engine keeps as it goes, filled the way the migration backfills it.
    const backfill = readFileSync(path.resolve(import.meta.dirname, '../drizzle/migrations/0017_metric_counters_backfill.sql'), 'utf8');
    for (const statement of backfill.split('--> statement-breakpoint')) await sql.unsafe(statement);
    await sql`set session_replication_role = origin`;
    await sql.unsafe(`vacuum analyze`);
  } finally {
    await database.close();
  }
}

async function main() {
  const target = await serverTarget();
  if (!target) throw new Error('bench:metrics needs the PostgreSQL server (BENCH_DATABASE_URL or 127.0.0.1:5432)');
  try {
    const boot = connect(target.url, { max: 2 });
    await seedDemo(boot.db);
    const [{ id: companyId }] = (await boot.sql`select id from companies where slug = 'bluewater'`) as unknown as [{ id: string }];
    await boot.close();
    const t0 = performance.now();
    await seed(target.url, companyId);
    log(`seeded in ${Math.round(performance.now() - t0)} ms`);

    const database = connect(target.url, { max: 4 });
    const db: Db = database.db;
    const [counts] = await database.sql`select (select count(*) from workflow_runs where company_id = ${companyId})::int as runs,
      (select count(*) from workflow_run_steps where company_id = ${companyId})::int as steps, (select count(*) from function_attempts)::int as attempts`;
    log(`runs ${counts!.runs}, run steps ${counts!.steps}, function attempts ${counts!.attempts}`);
    const range = { from: new Date(Date.now() - 400 * 86_400_000), to: new Date(Date.now() + 60_000) };
    type Tx = Parameters<Parameters<typeof withCompany>[2]>[0];
    // As the API runs them: in the company's RLS transaction, with METRICS_SETTINGS.
    const tenant = <T>(fn: (tx: Tx) => Promise<T>) => withCompany(db, companyId, async (tx) => (await tx.execute(METRICS_SETTINGS), fn(tx)));
    const metricsOver = (range: { from: Date; to: Date }): Record<string, () => Promise<unknown>> => ({
      step_success_rate_ms: () => tenant((tx) => stepSuccessRate(tx, range)),
      avg_steps_per_run_ms: () => tenant((tx) => avgStepsPerRun(tx, range)),
      gate_resolution_ms: () => tenant((tx) => gateResolution(tx, range)),
      event_to_execution_ms: () => tenant((tx) => eventToExecution(tx, range)),
      workflow_churn_ms: () => tenant((tx) => workflowChurn(tx, range)),
      cost_per_execution_ms: () => tenant((tx) => costPerExecution(tx, range)),
    });
    const result: Record<string, number> = {};
    try {
      // The dashboard's default view (last 30 days, ~8,200 runs), for context on stderr.
      const month = { from: new Date(Date.now() - 30 * 86_400_000), to: range.to };
      for (const [name, fn] of Object.entries(metricsOver(month))) {
        const samples = await timeIt(SAMPLES, fn, 1);
        log(`last 30 days · ${name}: p50 ${percentile(samples, 50)} ms, p95 ${percentile(samples, 95)} ms`);
      }
      for (const [name, fn] of Object.entries(metricsOver(range))) {
        const sample = (await fn()) as Record<string, unknown>;
        const samples = await timeIt(SAMPLES, fn, 2);
        result[name] = percentile(samples, 50);
        log(`all 100,000 runs · ${name}: p50 ${percentile(samples, 50)} ms, p95 ${percentile(samples, 95)} ms — ${JSON.stringify(sample).slice(0, 160)}`);
      }
    } finally {
      await database.close();
    }
    console.log(JSON.stringify(result));
  } finally {
    if (process.env.BENCH_KEEP === '1') log(`kept ${target.url}`);
    else await target.dispose();
  }
}

await main();
