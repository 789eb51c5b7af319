import { sql } from 'drizzle-orm';
import { AppError } from '../../../shared/errors.ts';
import type { MetricsRange } from '../../../shared/metrics/vocab.ts';

/** Longest range one call may cover: keeps month filling and scans bounded. */
const MAX_SPAN_MS = 5 * 366 * 86_400_000;

export function checkRange(range: MetricsRange): MetricsRange {
  const from = range.from.getTime();
  const to = range.to.getTime();
  if (!Number.isFinite(from) || !Number.isFinite(to)) throw new AppError('INVALID_INPUT', 'The range needs valid dates');
  if (from >= to) throw new AppError('INVALID_INPUT', 'The range must end after it starts');
  if (to - from > MAX_SPAN_MS) throw new AppError('INVALID_INPUT', 'The range may cover at most five years');
  return range;
}

export const iso = (d: Date) => d.toISOString();

/** numeric/bigint columns arrive as strings from postgres.js; null stays null. */
export const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** Interpolated percentiles carry float noise (919.9999999999999); metrics are shown and compared at this precision. */
export const round = (v: number | null, digits = 3): number | null => (v === null ? null : Math.round(v * 10 ** digits) / 10 ** digits);

/**
 * Settings for one metrics transaction: aggregating 10⁵–10⁶ rows, JIT compilation costs more than it saves (it
 * added ~0.5 s per query in bench/metrics.ts), and hash joins/aggregates of that size spill to disk at the default
 * 4 MB work_mem. Transaction-local, so pooled connections are unaffected.
 */
export const METRICS_SETTINGS = sql`select set_config('jit', 'off', true), set_config('work_mem', '64MB', true)`;
