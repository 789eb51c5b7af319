/**
 * task-orchestrator: routes work (services/tasks/route.ts). On `task/created` it classifies, de-duplicates and assigns
 * the new task; on `audit/completed` it turns the audit's errors into one task per product and retailer; on
 * `notification/webhook.requested` it delivers an approval fact to the company's webhook (services/notifications),
 * one durable step per attempt with durable sleeps between them, so retries survive restarts and never hold a run.
 * The Claude fallback classifier is not here yet: an unrecognised message is routed as `unclassified`.
 */
import { FUNCTION_IDS } from '../../../shared/functions/ids.ts';
import { withCompany } from '../../db/tx.ts';
import { attemptDelivery, retryDelayMs } from '../../services/notifications/deliver.ts';
import { createAuditTasks } from '../../services/tasks/audit-tasks.ts';
import { routeTask } from '../../services/tasks/route.ts';
import { inngest } from '../client.ts';
import { auditCompleted, taskCreated, webhookDeliveryRequested } from '../events.ts';
import type { FunctionDeps } from './deps.ts';

export function taskOrchestrator(deps: FunctionDeps) {
  return inngest.createFunction(
    { id: FUNCTION_IDS.taskOrchestrator, name: 'Task orchestrator', triggers: [taskCreated, auditCompleted, webhookDeliveryRequested], concurrency: { key: 'event.data.companyId', limit: 5 } },
    async ({ event, step }) => {
      const now = new Date(event.ts ?? Date.now());
      const { companyId } = event.data;
      if (event.name === taskCreated.name) {
        const taskId = (event.data as { taskId: string }).taskId;
        return step.run('route-task', () => withCompany(deps.db, companyId, (tx) => routeTask(tx, companyId, taskId, now)));
      }
      if (event.name === webhookDeliveryRequested.name) {
        const deliveryId = (event.data as { deliveryId: string }).deliveryId;
        const opts = { timeoutMs: deps.webhooks?.timeoutMs ?? 10_000, maxAttempts: deps.webhooks?.maxAttempts ?? 6, ...(deps.allowlist ? { allowlist: deps.allowlist } : {}) };
        for (let attempt = 1; ; attempt++) {
          const outcome = await step.run(`webhook-attempt-${attempt}`, () => attemptDelivery(deps.db, companyId, deliveryId, attempt, opts));
          if (outcome.done) return { deliveryId, ...outcome, attempts: attempt };
          await step.sleep(`webhook-backoff-${attempt}`, retryDelayMs(attempt, deps.webhooks?.retryBaseMs ?? 10_000));
        }
      }
      const auditId = (event.data as { auditId: string }).auditId;
      return step.run('audit-tasks', () => withCompany(deps.db, companyId, (tx) => createAuditTasks(tx, companyId, auditId, now)));
    },
  );
}
