/** workflow-trigger-enrichment: when an enrichment job completes, starts the workflows configured for it. */
import { startEventTriggeredRuns } from '../../services/triggers/event-triggers.ts';
import { inngest } from '../client.ts';
import { enrichmentPipelineCompleted } from '../events.ts';
import type { FunctionDeps } from './deps.ts';

export function workflowTriggerEnrichment(deps: FunctionDeps) {
  return inngest.createFunction({ id: 'workflow-trigger-enrichment', name: 'Trigger workflows on enrichment', triggers: [enrichmentPipelineCompleted] }, async ({ event, step }) => {
    const events = await step.run('start-runs', () => startEventTriggeredRuns(deps.db, { id: event.id ?? `${event.name}:${event.ts}`, name: event.name, data: event.data }));
    if (events.length) await step.sendEvent('trigger-runs', events as never);
    return { started: events.length };
  });
}
