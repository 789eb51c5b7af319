/**
 * Workflow churn: workflows created, disabled and deleted per calendar month (UTC), from the workflow audit log
 * (every create/enable/disable/delete writes one row there in the same transaction). Every month the range touches
 * is listed, zeros included, so the chart has no gaps.
 */
import { sql } from 'drizzle-orm';
import type { MetricsRange } from '../../../shared/metrics/vocab.ts';
import type { Tx } from '../../db/client.ts';
import { iso } from './range.ts';

export interface ChurnMonth {
  month: string;
  created: number;
  disabled: number;
  deleted: number;
}

export async function workflowChurn(tx: Tx, range: MetricsRange): Promise<{ months: ChurnMonth[]; created: number; disabled: number; deleted: number }> {
  const rows = await tx.execute<{ month: string; created: string; disabled: string; deleted: string }>(sql`
    select to_char(date_trunc('month', at at time zone 'UTC'), 'YYYY-MM') as month,
      count(*) filter (where action = 'created') as created,
      count(*) filter (where action = 'disabled') as disabled,
      count(*) filter (where action = 'deleted') as deleted
    from workflow_audit_log
    where action in ('created', 'disabled', 'deleted') and at >= ${iso(range.from)}::timestamptz and at < ${iso(range.to)}::timestamptz
    group by 1`);
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  const months: ChurnMonth[] = monthsOf(range).map((month) => {
    const r = byMonth.get(month);
    return { month, created: Number(r?.created ?? 0), disabled: Number(r?.disabled ?? 0), deleted: Number(r?.deleted ?? 0) };
  });
  const sum = (k: 'created' | 'disabled' | 'deleted') => months.reduce((n, m) => n + m[k], 0);
  return { months, created: sum('created'), disabled: sum('disabled'), deleted: sum('deleted') };
}

/** 'YYYY-MM' of every UTC month that [from, to) touches. */
export function monthsOf(range: MetricsRange): string[] {
  const out: string[] = [];
  const last = new Date(range.to.getTime() - 1);
  let y = range.from.getUTCFullYear();
  let m = range.from.getUTCMonth();
  while (y < last.getUTCFullYear() || (y === last.getUTCFullYear() && m <= last.getUTCMonth())) {
    out.push(`${y}-${String(m + 1).padStart(2, '0')}`);
    m++;
    if (m === 12) { m = 0; y++; }
  }
  return out;
}
