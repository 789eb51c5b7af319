/**
 * task-orchestrator: routes work (services/tasks/route.ts). On `task/created` it classifies, de-duplicates and assigns
 * the new task; on `audit/completed` it turns the audit's errors into one task per product and retailer.
 * The Claude fallback classifier is not here yet: an unrecognised message is routed as `unclassified`.
 */
import { FUNCTION_IDS } from '../../../shared/functions/ids.ts';
import { withCompany } from '../../db/tx.ts';
import { createAuditTasks } from '../../services/tasks/audit-tasks.ts';
import { routeTask } from '../../services/tasks/route.ts';
import { inngest } from '../client.ts';
import { auditCompleted, taskCreated } from '../events.ts';
import type { FunctionDeps } from './deps.ts';

export function taskOrchestrator(deps: FunctionDeps) {
  return inngest.createFunction(
    { id: FUNCTION_IDS.taskOrchestrator, name: 'Task orchestrator', triggers: [taskCreated, auditCompleted], concurrency: { key: 'event.data.companyId', limit: 5 } },
    async ({ event, step }) => {
      const now = new Date(event.ts ?? Date.now());
      const { companyId } = event.data;
      if (event.name === taskCreated.name) {
        const taskId = (event.data as { taskId: string }).taskId;
        return step.run('route-task', () => withCompany(deps.db, companyId, (tx) => routeTask(tx, companyId, taskId, now)));
      }
      const auditId = (event.data as { auditId: string }).auditId;
      return step.run('audit-tasks', () => withCompany(deps.db, companyId, (tx) => createAuditTasks(tx, companyId, auditId, now)));
    },
  );
}
