/**
 * Creating a run: pinned to the workflow's published version, one per trigger occurrence (unique trigger_ref), so a
 * retried trigger finds the run it already made. The `workflow/triggered` event is sent after commit with an id
 * derived from the run, so sending it twice starts nothing twice.
 */
import { makeEvent, workflowTriggered } from '../../../shared/events/index.ts';
import { sql } from 'drizzle-orm';
import { AppError } from '../../../shared/errors.ts';
import type { Tx } from '../../db/client.ts';
import type { CatalogEvent } from '../../../shared/events/index.ts';

export interface StartRunInput {
  companyId: string;
  workflowId: string;
  triggerType: 'manual' | 'schedule' | 'event' | 'rerun';
  triggerRef: string;
  payload: Record<string, unknown>;
  startedBy: string | null;
  /** The trigger's event name (`event.name` to expressions; kept on the run for reruns); default: the trigger type. */
  eventName?: string;
  /** Manual runs may start a disabled workflow (like n8n's "Execute workflow"); automatic triggers may not. */
  requireEnabled: boolean;
  /** Pins the run to this version of the workflow instead of the published one (a rerun on the run's own version). */
  versionId?: string;
}

export async function createRun(tx: Tx, input: StartRunInput): Promise<{ runId: string; created: boolean; event: CatalogEvent }> {
  const [wf] = await tx.execute<{ published_version_id: string | null; is_enabled: boolean }>(sql`
    select published_version_id, is_enabled from workflows where id = ${input.workflowId} for share`);
  if (!wf) throw new AppError('NOT_FOUND', 'Workflow not found');
  if (!wf.published_version_id) throw new AppError('PRECONDITION_FAILED', 'Publish the workflow before running it');
  if (input.requireEnabled && !wf.is_enabled) throw new AppError('PRECONDITION_FAILED', 'The workflow is disabled');
  const inserted = await tx.execute<{ id: string }>(sql`
    insert into workflow_runs (company_id, workflow_id, workflow_version_id, trigger_type, trigger_ref, trigger_payload, trigger_event_name, started_by)
    values (${input.companyId}, ${input.workflowId}, ${input.versionId ?? wf.published_version_id}, ${input.triggerType}, ${input.triggerRef}, ${JSON.stringify(input.payload)}::jsonb,
            ${input.eventName ?? input.triggerType}, ${input.startedBy})
    on conflict (workflow_id, trigger_ref) do nothing returning id`);
  const [run] = inserted.length
    ? inserted
    : await tx.execute<{ id: string; workflow_version_id: string }>(sql`select id from workflow_runs where workflow_id = ${input.workflowId} and trigger_ref = ${input.triggerRef}`);
  const [version] = await tx.execute<{ version_id: string; payload: Record<string, unknown> }>(sql`
    select workflow_version_id as version_id, trigger_payload as payload from workflow_runs where id = ${run!.id}`);
  return {
    runId: run!.id,
    created: inserted.length > 0,
    event: triggeredEvent(input.companyId, input.workflowId, run!.id, version!.version_id, input.triggerType, input.triggerRef, version!.payload, input.eventName),
  };
}

export function triggeredEvent(companyId: string, workflowId: string, runId: string, versionId: string, type: string, ref: string, payload: Record<string, unknown>, eventName?: string): CatalogEvent {
  return makeEvent(workflowTriggered, `wf-run:${runId}`, { companyId, workflowId, workflowRunId: runId, versionId, trigger: { type: eventName ?? type, ref }, payload, depth: 0 });
}
