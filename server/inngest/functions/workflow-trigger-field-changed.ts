/**
 * workflow-trigger-field-changed: on `product/field.changed`, debounced per product, starts the workflows whose
 * trigger watches the changed fields (logic and loop guard in services/triggers/field-changed.ts). Workflows with a
 * plain event trigger on this event start too, except the one whose run made the change.
 */
import { FUNCTION_IDS } from '../../../shared/functions/ids.ts';
import { startEventTriggeredRuns } from '../../services/triggers/event-triggers.ts';
import { originRuns } from '../../services/triggers/origin.ts';
import { startFieldChangedRuns } from '../../services/triggers/field-changed.ts';
import { withCompany } from '../../db/tx.ts';
import { inngest } from '../client.ts';
import { productFieldChanged } from '../events.ts';
import type { FunctionDeps } from './deps.ts';

/** A burst of edits (typing in a form, a workflow writing several fields) becomes one run; design value 30 s, shorter here so a person sees the run start. */
export const FIELD_CHANGED_DEBOUNCE = { period: '5s', timeout: '1m' } as const;

export function workflowTriggerFieldChanged(deps: FunctionDeps) {
  return inngest.createFunction(
    { id: FUNCTION_IDS.workflowTriggerFieldChanged, name: 'Trigger workflows on field changes', triggers: [productFieldChanged], debounce: { key: 'event.data.productId', ...(deps.fieldChangedDebounce ?? FIELD_CHANGED_DEBOUNCE) } },
    async ({ event, step }) => {
      const data = event.data;
      const watched = await step.run('start-field-runs', () => startFieldChangedRuns(deps.db, { companyId: data.companyId, productId: data.productId }));
      const plain = await step.run('start-event-runs', async () => {
        const origin = data.originRunId ? await withCompany(deps.db, data.companyId, (tx) => originRuns(tx, [data.originRunId])) : new Map();
        const own = [...origin.values()].map((o) => o.workflowId);
        return startEventTriggeredRuns(deps.db, { id: event.id ?? `${event.name}:${event.ts}`, name: event.name, data }, { excludeWorkflowIds: own });
      });
      const events = [...watched.events, ...plain];
      if (events.length) await step.sendEvent('trigger-runs', events as never);
      return { started: events.length, decisions: watched.decisions };
    },
  );
}
