/**
 * workflow-run-cancelled: when the engine cancels a run of workflow-executor (a `workflow/run.cancelled` event, or an
 * operator in Inngest's dashboard), the run's rows follow in one transaction: the run, its steps and its open gates.
 * Inngest's system event names the function by slug (app id + function id).
 */
import { FUNCTION_IDS, functionSlug } from '../../../shared/functions/ids.ts';
import { cancelRunForEngine } from '../../services/runs/cancel.ts';
import { inngest } from '../client.ts';
import type { FunctionDeps } from './deps.ts';

export const WORKFLOW_EXECUTOR_SLUG = functionSlug(FUNCTION_IDS.workflowExecutor);

export function workflowRunCancelledSync(deps: FunctionDeps) {
  return inngest.createFunction(
    {
      id: FUNCTION_IDS.workflowRunCancelled,
      name: 'Mirror cancelled workflow runs',
      triggers: [{ event: 'inngest/function.cancelled', if: `event.data.function_id == '${WORKFLOW_EXECUTOR_SLUG}'` }],
      retries: 10,
    },
    async ({ event, step }) => {
      const original = (event.data as { event?: { data?: { companyId?: unknown; workflowRunId?: unknown } } }).event?.data;
      const companyId = typeof original?.companyId === 'string' ? original.companyId : null;
      const runId = typeof original?.workflowRunId === 'string' ? original.workflowRunId : null;
      if (!companyId || !runId) return { skipped: 'no workflow run in the cancelled run’s event' };
      return step.run('cancel-rows', () => cancelRunForEngine(deps.db, companyId, runId, 'run cancelled'));
    },
  );
}
