/**
 * Step success rate per Inngest function, from the executor's own record of every call it made
 * (ember_exec.attempts). A "step" here is one step attempt: one call to the SDK for one run, which either ran a
 * step (`StepRun`), planned/waited (`StepPlanned`, `Sleep`, `WaitForEvent`, …), finished the function (200), or
 * failed. It succeeds when the SDK answered 200/206 and reported no `StepError`/`StepFailed`; a retried step counts
 * each failed attempt, which is what makes flaky or rate-limited (429 → 5xx → retry) functions stand out.
 *
 * Executor state is engine state, not tenant data: the caller has already been authorised for the company; a run
 * belongs to it when its triggering event's `data.companyId` says so (runs_company_created_idx). Cron runs with no
 * company are not anyone's. Empty when another engine (Inngest Cloud) runs the functions.
 */
import { sql } from 'drizzle-orm';
import type { MetricsRange } from '../../../shared/metrics/vocab.ts';
import type { Db, Tx } from '../../db/client.ts';
import { iso } from './range.ts';

export interface FunctionSuccess {
  functionId: string;
  attempts: number;
  succeeded: number;
  failed: number;
  /** succeeded / attempts, 0..1. */
  rate: number;
}

/** The SQL predicate of a successful attempt (shared with the drill-down). */
export const ATTEMPT_OK = sql.raw(`(a.status < 300 and a.outcome not like '%StepError%' and a.outcome not like '%StepFailed%')`);

export async function stepSuccessRate(db: Db | Tx, companyId: string, range: MetricsRange): Promise<{ functions: FunctionSuccess[]; attempts: number; succeeded: number; rate: number | null }> {
  const inRange = sql`(r.event->'data'->>'companyId') = ${companyId} and r.created_at >= ${iso(range.from)}::timestamptz and r.created_at < ${iso(range.to)}::timestamptz`;
  // The executor keeps each run's attempt counters; runs from before those columns are counted from the attempts.
  const rows = await db.execute<{ fn: string; attempts: string; ok: string }>(sql`
    select fn, sum(attempts) as attempts, sum(ok) as ok from (
      select r.function_slug as fn, r.step_attempts as attempts, r.step_attempts_ok as ok
      from ember_exec.runs r where ${inRange} and r.step_attempts is not null
      union all
      select r.function_slug, count(*), count(*) filter (where ${ATTEMPT_OK})
      from ember_exec.runs r join ember_exec.attempts a on a.run_id = r.id where ${inRange} and r.step_attempts is null group by r.function_slug
    ) x group by fn having sum(attempts) > 0`);
  const functions = rows.map((r) => {
    const attempts = Number(r.attempts);
    const succeeded = Number(r.ok);
    return { functionId: r.fn, attempts, succeeded, failed: attempts - succeeded, rate: succeeded / attempts };
  }).sort((a, b) => (a.functionId < b.functionId ? -1 : 1)); // code-point order, whatever the database collation
  const attempts = functions.reduce((n, f) => n + f.attempts, 0);
  const succeeded = functions.reduce((n, f) => n + f.succeeded, 0);
  return { functions, attempts, succeeded, rate: attempts ? succeeded / attempts : null };
}
