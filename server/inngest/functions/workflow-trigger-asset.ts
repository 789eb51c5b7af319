/**
 * workflow-trigger-asset: starts the workflows whose trigger is the event `asset/uploaded` ("on upload → validate
 * images → …"), with the event's data (assetId, productId) as the run payload. A role change re-sends the event to
 * re-validate; it is not an upload and starts nothing here.
 */
import { FUNCTION_IDS } from '../../../shared/functions/ids.ts';
import { startEventTriggeredRuns } from '../../services/triggers/event-triggers.ts';
import { inngest } from '../client.ts';
import { assetUploaded } from '../events.ts';
import type { FunctionDeps } from './deps.ts';

export function workflowTriggerAsset(deps: FunctionDeps) {
  return inngest.createFunction({ id: FUNCTION_IDS.workflowTriggerAsset, name: 'Trigger workflows on upload', triggers: [assetUploaded] }, async ({ event, step }) => {
    if (event.data.reason && event.data.reason !== 'upload') return { started: 0, skipped: event.data.reason };
    const events = await step.run('start-runs', () => startEventTriggeredRuns(deps.db, { id: event.id ?? `${event.name}:${event.ts}`, name: event.name, data: event.data }));
    if (events.length) await step.sendEvent('trigger-runs', events as never);
    return { started: events.length };
  });
}
