/** All six metrics for one company and range, as the dashboard shows them (one round trip, one tenant tx). */
import type { MetricsRange } from '../../../shared/metrics/vocab.ts';
import type { Tx } from '../../db/client.ts';
import { workflowChurn } from './churn.ts';
import { costPerExecution } from './cost.ts';
import { eventToExecution } from './event-latency.ts';
import { gateResolution } from './gate-resolution.ts';
import { checkRange, METRICS_SETTINGS } from './range.ts';
import { stepSuccessRate } from './step-success.ts';
import { avgStepsPerRun } from './steps-per-run.ts';

export async function metricsDashboard(tx: Tx, range: MetricsRange) {
  checkRange(range);
  await tx.execute(METRICS_SETTINGS);
  const stepSuccess = await stepSuccessRate(tx, range);
  const stepsPerRun = await avgStepsPerRun(tx, range);
  const gates = await gateResolution(tx, range);
  const eventLatency = await eventToExecution(tx, range);
  const churn = await workflowChurn(tx, range);
  const cost = await costPerExecution(tx, range);
  return { range: { from: range.from.toISOString(), to: range.to.toISOString() }, stepSuccess, stepsPerRun, gates, eventLatency, churn, cost };
}
export type MetricsDashboard = Awaited<ReturnType<typeof metricsDashboard>>;
