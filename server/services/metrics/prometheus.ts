/**
 * The engine's counters in Prometheus text format (exposition format 0.0.4), for `GET /metrics`. Computed from
 * the database on each scrape rather than from in-process counters: the executor's state (schema ember_exec) is
 * the record of what happened, shared by every process on the database, and survives restarts, so the counters
 * are monotonic across deploys and agree between replicas. Read as the owner: this is engine state, not one
 * tenant's data, and no company's rows are exposed (only totals per function and status).
 */
import type postgres from 'postgres';

interface Sample {
  labels?: Record<string, string>;
  value: number;
}
interface Family {
  name: string;
  help: string;
  type: 'counter' | 'gauge';
  samples: Sample[];
}

export async function engineMetrics(sql: postgres.Sql): Promise<Family[]> {
  const [events] = await sql<{ n: string }[]>`select count(*) as n from ember_exec.events`;
  const runs = await sql<{ fn: string; status: string; n: string }[]>`select function_slug as fn, status, count(*) as n from ember_exec.runs group by 1, 2 order by 1, 2`;
  const attempts = await sql<{ fn: string; ok: boolean; n: string }[]>`
    select r.function_slug as fn, (a.status < 300 and a.outcome not like '%StepError%' and a.outcome not like '%StepFailed%') as ok, count(*) as n
    from ember_exec.attempts a join ember_exec.runs r on r.id = a.run_id group by 1, 2 order by 1, 2`;
  const queue = await sql<{ kind: string; state: string; n: string }[]>`
    select kind, case when lease_until is not null and lease_until >= now() then 'leased' when run_at <= now() then 'due' else 'scheduled' end as state, count(*) as n
    from ember_exec.queue group by 1, 2 order by 1, 2`;
  const [lag] = await sql<{ lag: number | null }[]>`
    select extract(epoch from now() - min(run_at)) as lag from ember_exec.queue where run_at <= now() and (lease_until is null or lease_until < now())`;
  const wfRuns = await sql<{ status: string; n: string }[]>`select status::text as status, count(*) as n from workflow_runs group by 1 order by 1`;

  const started = new Map<string, number>();
  for (const r of runs) started.set(r.fn, (started.get(r.fn) ?? 0) + Number(r.n));
  return [
    { name: 'ember_events_received_total', help: 'Events the executor received (deduplicated by event id).', type: 'counter', samples: [{ value: Number(events!.n) }] },
    { name: 'ember_function_runs_started_total', help: 'Function runs started, per Inngest function.', type: 'counter', samples: [...started].map(([fn, n]) => ({ labels: { function: fn }, value: n })) },
    {
      name: 'ember_function_runs_total',
      help: 'Function runs by current status (running, completed, failed, cancelled), per Inngest function.',
      type: 'gauge',
      samples: runs.map((r) => ({ labels: { function: r.fn, status: r.status }, value: Number(r.n) })),
    },
    {
      name: 'ember_function_runs_completed_total',
      help: 'Function runs that completed, per Inngest function.',
      type: 'counter',
      samples: runs.filter((r) => r.status === 'completed').map((r) => ({ labels: { function: r.fn }, value: Number(r.n) })),
    },
    {
      name: 'ember_function_runs_failed_total',
      help: 'Function runs that failed, per Inngest function.',
      type: 'counter',
      samples: runs.filter((r) => r.status === 'failed').map((r) => ({ labels: { function: r.fn }, value: Number(r.n) })),
    },
    {
      name: 'ember_step_attempts_total',
      help: 'Calls the executor made to the SDK (step attempts), per function and result.',
      type: 'counter',
      samples: attempts.map((a) => ({ labels: { function: a.fn, result: a.ok ? 'ok' : 'error' }, value: Number(a.n) })),
    },
    { name: 'ember_queue_depth', help: 'Executor queue items by kind and state (due, scheduled, leased).', type: 'gauge', samples: queue.map((q) => ({ labels: { kind: q.kind, state: q.state }, value: Number(q.n) })) },
    { name: 'ember_executor_lag_seconds', help: 'Age of the oldest due queue item nobody holds (0 when keeping up).', type: 'gauge', samples: [{ value: Math.max(0, Number(lag?.lag ?? 0)) }] },
    { name: 'ember_workflow_runs', help: 'Workflow runs (all companies) by current status.', type: 'gauge', samples: wfRuns.map((r) => ({ labels: { status: r.status }, value: Number(r.n) })) },
  ];
}

const escapeLabel = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');

export function renderPrometheus(families: Family[]): string {
  const lines: string[] = [];
  for (const f of families) {
    lines.push(`# HELP ${f.name} ${f.help}`, `# TYPE ${f.name} ${f.type}`);
    for (const s of f.samples) {
      const labels = s.labels && Object.keys(s.labels).length ? `{${Object.entries(s.labels).map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(',')}}` : '';
      lines.push(`${f.name}${labels} ${Number.isFinite(s.value) ? s.value : 0}`);
    }
  }
  return lines.join('\n') + '\n';
}
