/**
 * task-escalator: every minute (and on `task/escalation.requested`, which may name the instant), escalates stalled
 * and overdue tasks (services/tasks/escalate.ts) and re-delivers gate decisions to runs still waiting and trigger
 * events of runs still pending (services/triggers/redeliver.ts), and mirrors engine-cancelled runs onto their rows
 * (services/runs/repair.ts).
 */
import { FUNCTION_IDS } from '../../../shared/functions/ids.ts';
import { escalateTasks } from '../../services/tasks/escalate.ts';
import { repairCancelledRuns } from '../../services/runs/repair.ts';
import { eventsToRedeliver } from '../../services/triggers/redeliver.ts';
import { inngest } from '../client.ts';
import { taskEscalationRequested } from '../events.ts';
import type { FunctionDeps } from './deps.ts';

export function taskEscalator(deps: FunctionDeps) {
  return inngest.createFunction(
    { id: FUNCTION_IDS.taskEscalator, name: 'Task escalator', triggers: [{ cron: '* * * * *' }, taskEscalationRequested], concurrency: { limit: 1 } },
    async ({ event, step }) => {
      const requested = event.name === taskEscalationRequested.name ? (event.data as { companyId?: string; now?: string }) : null;
      const now = requested?.now ? new Date(requested.now) : new Date(event.ts ?? Date.now());
      const escalated = await step.run('escalate', () => escalateTasks(deps.db, now, requested?.companyId ? { companyId: requested.companyId } : {}));
      const events = requested ? [] : await step.run('find-undelivered', () => eventsToRedeliver(deps.db, now));
      if (events.length) await step.sendEvent('redeliver', events);
      const engineRuns = deps.engineRuns;
      const repaired = !requested && engineRuns ? await step.run('repair-cancelled', () => repairCancelledRuns(deps.db, engineRuns)) : [];
      return { escalated: escalated.length, redelivered: events.length, repaired: repaired.length };
    },
  );
}
