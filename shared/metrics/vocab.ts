/**
 * The metrics vocabulary shared by server and client: metric ids, the fixed histogram buckets (fixed so a chart,
 * its CSV and its drill-down agree on what "this bar" means), and the heatmap modes.
 */
import { z } from 'zod';
import { boundedDate } from '../input/schemas.ts';

export const METRIC_IDS = ['step_success_rate', 'avg_steps_per_run', 'gate_resolution', 'event_to_execution', 'workflow_churn', 'cost_per_execution'] as const;
export type MetricId = (typeof METRIC_IDS)[number];

/** Half-open [from, to). Both required: a metric is always over a chosen range. */
export const MetricsRangeFields = z.object({ from: boundedDate(), to: boundedDate() });
/** zod runs an object's refinements even when a field failed: then that field's own issue speaks, not this one. */
export const rangeOrdered = (r: { from: Date; to: Date }) => !(r.from instanceof Date && r.to instanceof Date) || r.from.getTime() < r.to.getTime();
export const RANGE_ORDER_ISSUE = { message: 'The range must end after it starts', path: ['to'] };
export const MetricsRangeSchema = MetricsRangeFields.refine(rangeOrdered, RANGE_ORDER_ISSUE);
export type MetricsRange = z.infer<typeof MetricsRangeFields>;

export interface Bucket {
  /** Lower bound, inclusive, in the metric's unit. */
  lo: number;
  /** Upper bound, exclusive; null = no upper bound (the long tail). */
  hi: number | null;
  label: string;
}

const MIN = 60;
const HOUR = 3600;
const DAY = 86400;
/** Human-gate resolution time, seconds. Log-spaced: approvals range from seconds to days. */
export const GATE_BUCKETS: readonly Bucket[] = [
  { lo: 0, hi: MIN, label: '< 1 min' },
  { lo: MIN, hi: 5 * MIN, label: '1–5 min' },
  { lo: 5 * MIN, hi: 15 * MIN, label: '5–15 min' },
  { lo: 15 * MIN, hi: HOUR, label: '15–60 min' },
  { lo: HOUR, hi: 4 * HOUR, label: '1–4 h' },
  { lo: 4 * HOUR, hi: DAY, label: '4–24 h' },
  { lo: DAY, hi: 3 * DAY, label: '1–3 days' },
  { lo: 3 * DAY, hi: null, label: '≥ 3 days' },
];

/** Event-to-execution latency, milliseconds. */
export const LATENCY_BUCKETS: readonly Bucket[] = [
  { lo: 0, hi: 100, label: '< 100 ms' },
  { lo: 100, hi: 500, label: '100–500 ms' },
  { lo: 500, hi: 1000, label: '0.5–1 s' },
  { lo: 1000, hi: 5000, label: '1–5 s' },
  { lo: 5000, hi: 30000, label: '5–30 s' },
  { lo: 30000, hi: 300000, label: '30 s–5 min' },
  { lo: 300000, hi: null, label: '≥ 5 min' },
];

export function bucketIndex(buckets: readonly Bucket[], value: number): number {
  for (let i = buckets.length - 1; i >= 0; i--) if (value >= buckets[i]!.lo) return i;
  return 0;
}

export const HEATMAP_MODES = ['failure_rate', 'p95_duration', 'retries', 'gate_wait'] as const;
export type HeatmapMode = (typeof HEATMAP_MODES)[number];
export const HEATMAP_MODE_LABEL: Record<HeatmapMode, string> = {
  failure_rate: 'Failure rate',
  p95_duration: 'p95 duration',
  retries: 'Retries',
  gate_wait: 'Gate wait (p95)',
};
