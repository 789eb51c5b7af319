/** schedule-trigger: every minute, starts each enabled scheduled workflow whose cron slot (in its zone) is due. */
import { FUNCTION_IDS } from '../../../shared/functions/ids.ts';
import { startDueScheduledRuns } from '../../services/triggers/schedules.ts';
import { inngest } from '../client.ts';
import type { FunctionDeps } from './deps.ts';

export function scheduleTrigger(deps: FunctionDeps) {
  return inngest.createFunction({ id: FUNCTION_IDS.scheduleTrigger, name: 'Schedule trigger', triggers: [{ cron: '* * * * *' }], concurrency: { limit: 1 } }, async ({ event, step }) => {
    const now = new Date(event.ts ?? Date.now());
    const events = await step.run('start-due-runs', () => startDueScheduledRuns(deps.db, now));
    if (events.length) await step.sendEvent('trigger-runs', events as never);
    return { started: events.length };
  });
}
