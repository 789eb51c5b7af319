/**
 * task-escalator: on a schedule, re-delivers gate decisions to runs still waiting and trigger events of runs still
 * pending. (Escalating stalled and overdue tasks joins it with the task domain.)
 */
import { eventsToRedeliver } from '../../services/triggers/redeliver.ts';
import { inngest } from '../client.ts';
import type { FunctionDeps } from './deps.ts';

export function taskEscalator(deps: FunctionDeps) {
  return inngest.createFunction({ id: 'task-escalator', name: 'Task escalator', triggers: [{ cron: '* * * * *' }], concurrency: { limit: 1 } }, async ({ event, step }) => {
    const now = new Date(event.ts ?? Date.now());
    const events = await step.run('find-undelivered', () => eventsToRedeliver(deps.db, now));
    if (events.length) await step.sendEvent('redeliver', events as never);
    return { redelivered: events.length };
  });
}
