/**
 * workflow-trigger-enrichment: when an enrichment job completes, starts the workflows configured for it — those with
 * an "enrichment completed" trigger (statuses, categories; services/triggers/enrichment-completed.ts) and those with a
 * plain event trigger on `enrichment/pipeline.completed` and a CEL filter.
 */
import { FUNCTION_IDS } from '../../../shared/functions/ids.ts';
import { startEnrichmentCompletedRuns } from '../../services/triggers/enrichment-completed.ts';
import { startEventTriggeredRuns } from '../../services/triggers/event-triggers.ts';
import { inngest } from '../client.ts';
import { enrichmentPipelineCompleted } from '../events.ts';
import type { FunctionDeps } from './deps.ts';

export function workflowTriggerEnrichment(deps: FunctionDeps) {
  return inngest.createFunction({ id: FUNCTION_IDS.workflowTriggerEnrichment, name: 'Trigger workflows on enrichment', triggers: [enrichmentPipelineCompleted] }, async ({ event, step }) => {
    const configured = await step.run('start-enrichment-runs', () => startEnrichmentCompletedRuns(deps.db, event.data));
    const plain = await step.run('start-runs', () => startEventTriggeredRuns(deps.db, { id: event.id ?? `${event.name}:${event.ts}`, name: event.name, data: event.data }));
    const events = [...configured, ...plain];
    if (events.length) await step.sendEvent('trigger-runs', events as never);
    return { started: events.length };
  });
}
