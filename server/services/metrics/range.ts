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
