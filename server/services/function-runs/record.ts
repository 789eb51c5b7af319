/**
 * Writes what the observe middleware saw of one SDK call (server/inngest/observe/) into the app's own tables
 * (drizzle/schema/function-runs.ts): a company's runs into function_runs / function_attempts inside withCompany, runs
 * of no company into system_function_runs / system_function_attempts as the owner.
 *
 * - Idempotent: an attempt is keyed by (run_id, call_key) and inserted `on conflict do nothing`; in the same
 *   statement the run's counters grow by the attempts that insert actually wrote, so a replayed or redelivered call
 *   changes nothing, and the counters always equal the rows.
 * - Cheap: calls that arrive while a write is in flight are written together (group commit), one statement per
 *   company and batch.
 * - Harmless: a write that fails is logged and dropped; `record` resolves either way, so a user's step never fails
 *   because of it.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { withCompany } from '../../db/tx.ts';
import type { ATTEMPT_KINDS, ATTEMPT_OUTCOMES, FUNCTION_RUN_STATUSES } from '../../../drizzle/schema/function-runs.ts';

export type AttemptOutcome = (typeof ATTEMPT_OUTCOMES)[number];
export type FunctionRunStatus = (typeof FUNCTION_RUN_STATUSES)[number];

export interface AttemptRecord {
  callKey: string;
  kind: (typeof ATTEMPT_KINDS)[number];
  stepId: string | null;
  attempt: number;
  outcome: AttemptOutcome;
  detail: string;
  startedAt: Date;
  durationMs: number;
  errorName: string | null;
  errorMessage: string | null;
}

export interface CallRecord {
  run: {
    runId: string;
    functionId: string;
    /** Null: a run of no company (engine-level, system_function_*). */
    companyId: string | null;
    workflowRunId: string | null;
    eventId: string | null;
    eventName: string | null;
    eventReceivedAt: Date | null;
    /** What this call says of the run: 'running' unless it finished the function. */
    status: FunctionRunStatus;
  };
  /** When the call started and ended (first_call_at / last_call_at). */
  startedAt: Date;
  endedAt: Date;
  attempts: AttemptRecord[];
}

export interface CallSink {
  record(call: CallRecord): Promise<void>;
}

const MAX_BATCH = 500;

export class FunctionRunRecorder implements CallSink {
  private pending: { call: CallRecord; done: () => void }[] = [];
  private draining: Promise<void> | null = null;

  constructor(
    private readonly db: Db,
    private readonly log: (line: string) => void = (line) => console.error(line),
  ) {}

  /** Resolves once the call is written, or its write failed and was logged. Never rejects. */
  record(call: CallRecord): Promise<void> {
    return new Promise<void>((done) => {
      this.pending.push({ call, done });
      this.draining ??= this.drain();
    });
  }

  /** Resolves when everything recorded so far has been written (or dropped). */
  async flush(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private async drain(): Promise<void> {
    // One turn of the event loop lets calls finishing together share the batch.
    await new Promise<void>((r) => setImmediate(r));
    while (this.pending.length) {
      const batch = this.pending.splice(0, MAX_BATCH);
      try {
        await this.write(batch.map((b) => b.call));
      } finally {
        for (const b of batch) b.done();
      }
    }
    this.draining = null;
  }

  private async write(calls: CallRecord[]): Promise<void> {
    const byCompany = new Map<string | null, CallRecord[]>();
    for (const c of calls) byCompany.set(c.run.companyId, [...(byCompany.get(c.run.companyId) ?? []), c]);
    // Each company in its own transaction: one company's failure (say, a companyId that names no company) loses
    // only its own rows.
    await Promise.all(
      [...byCompany].map(async ([companyId, group]) => {
        try {
          const statement = upsertCalls(companyId, group);
          if (companyId) await withCompany(this.db, companyId, (tx) => tx.execute(statement));
          else await this.db.execute(statement);
        } catch (err) {
          const runs = [...new Set(group.map((c) => c.run.runId))].slice(0, 5).join(', ');
          this.log(`[observe] could not record ${group.length} call(s) of run(s) ${runs}: ${err instanceof Error ? err.message : String(err)}`);
        }
      }),
    );
  }
}

/** One statement for calls of one company (or of none): insert new attempts, then upsert each run's counters by them. */
export function upsertCalls(companyId: string | null, calls: CallRecord[]) {
  const runs = new Map<string, { run: CallRecord['run']; first: Date; last: Date }>();
  const attempts = new Map<string, Record<string, unknown>>();
  for (const c of calls) {
    const seen = runs.get(c.run.runId);
    if (!seen) runs.set(c.run.runId, { run: c.run, first: c.startedAt, last: c.endedAt });
    else {
      if (c.startedAt < seen.first) seen.first = c.startedAt;
      if (c.endedAt > seen.last) seen.last = c.endedAt;
      // A finished run stays finished, whatever order the batch holds its calls in.
      if (c.run.status !== 'running') seen.run = { ...seen.run, status: c.run.status };
    }
    for (const a of c.attempts) {
      attempts.set(`${c.run.runId}\u0000${a.callKey}`, {
        run_id: c.run.runId, call_key: a.callKey, kind: a.kind, step_id: a.stepId, attempt: a.attempt, outcome: a.outcome, detail: a.detail,
        started_at: a.startedAt.toISOString(), duration_ms: Math.max(0, Math.round(a.durationMs)), error_name: a.errorName, error_message: a.errorMessage,
      });
    }
  }
  const runRows = [...runs.values()].map(({ run, first, last }) => ({
    run_id: run.runId, function_id: run.functionId, workflow_run_id: run.workflowRunId, event_id: run.eventId, event_name: run.eventName,
    event_received_at: run.eventReceivedAt?.toISOString() ?? null, status: run.status, first_call_at: first.toISOString(), last_call_at: last.toISOString(),
  }));
  const tenant = companyId !== null;
  const runsTable = sql.raw(tenant ? 'function_runs' : 'system_function_runs');
  const attemptsTable = sql.raw(tenant ? 'function_attempts' : 'system_function_attempts');
  const companyCol = tenant ? sql.raw('company_id, ') : sql.raw('');
  const companyVal = tenant ? sql`${companyId}::uuid, ` : sql.raw('');
  const wfCol = tenant ? sql.raw(', workflow_run_id') : sql.raw('');
  const wfVal = tenant ? sql.raw(', r.workflow_run_id') : sql.raw('');
  return sql`
    with a as (
      select * from json_to_recordset(${JSON.stringify([...attempts.values()])}::json) as x(
        run_id text, call_key text, kind text, step_id text, attempt int, outcome text, detail text, started_at timestamptz,
        duration_ms int, error_name text, error_message text)
    ), ins as (
      insert into ${attemptsTable} (${companyCol}run_id, call_key, kind, step_id, attempt, outcome, detail, started_at, duration_ms, error_name, error_message)
      select ${companyVal}run_id, call_key, kind, step_id, attempt, outcome, detail, started_at, duration_ms, error_name, error_message from a
      on conflict (run_id, call_key) do nothing
      returning run_id, outcome
    ), n as (
      select run_id, count(*)::int as n, (count(*) filter (where outcome = 'ok'))::int as ok from ins group by run_id
    ), r as (
      select * from json_to_recordset(${JSON.stringify(runRows)}::json) as x(
        run_id text, function_id text, workflow_run_id uuid, event_id text, event_name text, event_received_at timestamptz, status text,
        first_call_at timestamptz, last_call_at timestamptz)
    )
    insert into ${runsTable} as f (${companyCol}run_id, function_id${wfCol}, event_id, event_name, event_received_at, created_at, first_call_at, last_call_at, status, attempts, attempts_ok)
    select ${companyVal}r.run_id, r.function_id${wfVal}, r.event_id, r.event_name, r.event_received_at, coalesce(r.event_received_at, r.first_call_at),
      r.first_call_at, r.last_call_at, r.status, coalesce(n.n, 0), coalesce(n.ok, 0)
    from r left join n on n.run_id = r.run_id
    on conflict (run_id) do update set
      attempts = f.attempts + excluded.attempts,
      attempts_ok = f.attempts_ok + excluded.attempts_ok,
      first_call_at = least(f.first_call_at, excluded.first_call_at),
      last_call_at = greatest(f.last_call_at, excluded.last_call_at),
      status = case when excluded.status = 'running' then f.status else excluded.status end`;
}
