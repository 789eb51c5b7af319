/** All six metrics for one company and range, as the dashboard shows them (one round trip, one tenant tx). */
import type { MetricsRange } from '../../../shared/metrics/vocab.ts';
import type { Db, Tx } from '../../db/client.ts';
import { workflowChurn } from './churn.ts';
import { costPerExecution } from './cost.ts';
import { eventToExecution } from './event-latency.ts';
import { gateResolution } from './gate-resolution.ts';
import { checkRange, METRICS_SETTINGS } from './range.ts';
import { stepSuccessRate } from './step-success.ts';
import { avgStepsPerRun } from './steps-per-run.ts';

export async function metricsDashboard(tx: Tx, db: Db, companyId: string, range: MetricsRange) {
  checkRange(range);
  // Executor reads go through the owner pool (db), in parallel with the tenant transaction's own queries.
  const execPart = db.transaction(async (owner) => {
    await owner.execute(METRICS_SETTINGS);
    return [await stepSuccessRate(owner, companyId, range), await eventToExecution(owner, companyId, range)] as const;
  });
  execPart.catch(() => {}); // awaited below; this only keeps an early failure from being "unhandled" meanwhile
  await tx.execute(METRICS_SETTINGS);
  const stepsPerRun = await avgStepsPerRun(tx, range);
  const gates = await gateResolution(tx, range);
  const churn = await workflowChurn(tx, range);
  const cost = await costPerExecution(tx, range);
  const [stepSuccess, eventLatency] = await execPart;
  return { range: { from: range.from.toISOString(), to: range.to.toISOString() }, stepSuccess, stepsPerRun, gates, eventLatency, churn, cost };
}
export type MetricsDashboard = Awaited<ReturnType<typeof metricsDashboard>>;
