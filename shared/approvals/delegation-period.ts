/**
 * The rules of an out-of-office period (a delegation of one's approvals), shared by `gates.delegate` and the dialog
 * that sets it, so the form refuses exactly what the server would, under the same field.
 *
 * - it ends after it starts (a missing start means "now");
 * - it does not end in the past (an ended period would hand nothing over);
 * - it is bounded: it starts within a year and lasts at most MAX_DELEGATION_DAYS, so a forgotten delegation cannot
 *   hand someone's approvals away for good.
 */

export const MAX_DELEGATION_DAYS = 90;
export const MAX_DELEGATION_LEAD_DAYS = 365;
const DAY_MS = 86_400_000;

export interface PeriodProblem {
  field: 'from' | 'until';
  message: string;
}

/** What is wrong with a period, each under its field; empty when it is fine. `now` is injected for tests. */
export function periodProblems(period: { from?: Date | undefined; until: Date }, now: Date): PeriodProblem[] {
  const start = period.from ?? now;
  const out: PeriodProblem[] = [];
  if (period.from && period.from.getTime() - now.getTime() > MAX_DELEGATION_LEAD_DAYS * DAY_MS) out.push({ field: 'from', message: `Start within ${MAX_DELEGATION_LEAD_DAYS} days` });
  if (period.until.getTime() <= now.getTime()) out.push({ field: 'until', message: 'The end is in the past' });
  else if (period.until.getTime() <= start.getTime()) out.push({ field: 'until', message: 'End after the start' });
  else if (period.until.getTime() - start.getTime() > MAX_DELEGATION_DAYS * DAY_MS) out.push({ field: 'until', message: `At most ${MAX_DELEGATION_DAYS} days after the start` });
  return out;
}
