/**
 * The engine's counters in Prometheus text format (exposition format 0.0.4), for `GET /metrics`. Computed from
 * the database on each scrape rather than from in-process counters, so they survive restarts and agree between
 * replicas. Runs and step attempts come from what the app itself recorded of every SDK call (function_runs and
 * system_function_runs, written by the observe middleware), so they are there whoever executes the functions.
 * Read as the owner: totals per function and status across all companies and the engine-level runs of none; no
 * company's rows are exposed. Queue depth and lag are the embedded executor's own (its `queueStats()`); with no
 * embedded executor in this process (Inngest or another executor drives the app) those gauges are absent.
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

/** What the exporter asks of an embedded executor when one runs in this process (Executor.queueStats). */
export interface EngineQueue {
  queueStats(): Promise<{ depth: { kind: string; state: string; count: number }[]; lagSeconds: number }>;
}

export async function engineMetrics(sql: postgres.Sql, queue: EngineQueue | null): Promise<Family[]> {
  const allRuns = sql`(select function_id, status, event_id, event_name, attempts, attempts_ok from function_runs
    union all select function_id, status, event_id, event_name, attempts, attempts_ok from system_function_runs)`;
  // A step.invoke starts its run with a synthetic event, not one anybody sent.
  const [events] = await sql<{ n: string }[]>`
    select count(distinct event_id) filter (where event_name is distinct from 'inngest/function.invoked') as n from ${allRuns} r`;
  const runs = await sql<{ fn: string; status: string; n: string; attempts: string; ok: string }[]>`
    select function_id as fn, status, count(*) as n, sum(attempts) as attempts, sum(attempts_ok) as ok from ${allRuns} r group by 1, 2 order by 1, 2`;
  const wfRuns = await sql<{ status: string; n: string }[]>`select status::text as status, count(*) as n from workflow_runs group by 1 order by 1`;
  const stats = queue ? await queue.queueStats() : null;

  const started = new Map<string, number>();
  const attempts = new Map<string, { ok: number; error: number }>();
  for (const r of runs) {
    started.set(r.fn, (started.get(r.fn) ?? 0) + Number(r.n));
    const a = attempts.get(r.fn) ?? { ok: 0, error: 0 };
    a.ok += Number(r.ok);
    a.error += Number(r.attempts) - Number(r.ok);
    attempts.set(r.fn, a);
  }
  const families: Family[] = [
    { name: 'ember_events_received_total', help: 'Events that triggered a function run (deduplicated by event id; invocations are not events).', type: 'counter', samples: [{ value: Number(events!.n) }] },
    { name: 'ember_function_runs_started_total', help: 'Function runs started, per Inngest function.', type: 'counter', samples: [...started].map(([fn, n]) => ({ labels: { function: fn }, value: n })) },
    {
      name: 'ember_function_runs_total',
      help: 'Function runs by status as the SDK last saw them (running, completed, failed), per Inngest function.',
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
      help: 'Step attempts (SDK calls), per function and result.',
      type: 'counter',
      samples: [...attempts].flatMap(([fn, a]) => [
        { labels: { function: fn, result: 'ok' }, value: a.ok },
        { labels: { function: fn, result: 'error' }, value: a.error },
      ]),
    },
  ];
  if (stats) {
    families.push(
      { name: 'ember_queue_depth', help: 'Embedded executor queue items by kind and state (due, scheduled, leased).', type: 'gauge', samples: stats.depth.map((q) => ({ labels: { kind: q.kind, state: q.state }, value: q.count })) },
      { name: 'ember_executor_lag_seconds', help: 'Age of the oldest due queue item nobody holds (0 when keeping up).', type: 'gauge', samples: [{ value: Math.max(0, stats.lagSeconds) }] },
    );
  }
  families.push({ name: 'ember_workflow_runs', help: 'Workflow runs (all companies) by current status.', type: 'gauge', samples: wfRuns.map((r) => ({ labels: { status: r.status }, value: Number(r.n) })) });
  return families;
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
