/**
 * Step success rate per Inngest function, from the app's own record of every SDK call (function_runs, kept by the
 * observe middleware whoever executes the functions). A "step" here is one step attempt: one call to the SDK for one
 * run, which either ran a step (`StepRun`), planned/waited (`StepPlanned`, `Sleep`, `WaitForEvent`, …), finished the
 * function (200), or failed. It succeeds when the step completed or the SDK answered 200/206 without an error; a
 * retried step counts each failed attempt, which is what makes flaky or rate-limited (429 → 5xx → retry) functions
 * stand out.
 *
 * Tenant data, read in the company's RLS transaction: a run is the company's when its trigger event named it
 * (`data.companyId`). Each run row carries its attempt counters, so this reads one row per run, not every attempt.
 */
import { sql } from 'drizzle-orm';
import type { MetricsRange } from '../../../shared/metrics/vocab.ts';
import type { Tx } from '../../db/client.ts';
import { iso } from './range.ts';

export interface FunctionSuccess {
  functionId: string;
  attempts: number;
  succeeded: number;
  failed: number;
  /** succeeded / attempts, 0..1. */
  rate: number;
}

/** Function runs created in the range (alias `r`). */
export const runsInRange = (range: MetricsRange) =>
  sql`function_runs r where r.created_at >= ${iso(range.from)}::timestamptz and r.created_at < ${iso(range.to)}::timestamptz`;

export async function stepSuccessRate(tx: Tx, range: MetricsRange): Promise<{ functions: FunctionSuccess[]; attempts: number; succeeded: number; rate: number | null }> {
  const rows = await tx.execute<{ fn: string; attempts: string; ok: string }>(sql`
    select r.function_id as fn, sum(r.attempts) as attempts, sum(r.attempts_ok) as ok
    from ${runsInRange(range)} group by r.function_id having sum(r.attempts) > 0`);
  const functions = rows.map((r) => {
    const attempts = Number(r.attempts);
    const succeeded = Number(r.ok);
    return { functionId: r.fn, attempts, succeeded, failed: attempts - succeeded, rate: succeeded / attempts };
  }).sort((a, b) => (a.functionId < b.functionId ? -1 : 1)); // code-point order, whatever the database collation
  const attempts = functions.reduce((n, f) => n + f.attempts, 0);
  const succeeded = functions.reduce((n, f) => n + f.succeeded, 0);
  return { functions, attempts, succeeded, rate: attempts ? succeeded / attempts : null };
}
