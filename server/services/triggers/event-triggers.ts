/**
 * Event triggers: the enabled workflows of the event's company whose published trigger names this event and whose
 * CEL filter passes. One run per (workflow, event id): a redelivered event starts nothing new.
 */
import { sql } from 'drizzle-orm';
import { celMatches } from '../../../shared/cel/evaluate.ts';
import type { TriggerConfig } from '../../../shared/workflows/trigger-config.ts';
import type { Db } from '../../db/client.ts';
import { withCompany } from '../../db/tx.ts';
import type { CatalogEvent } from '../../../shared/events/index.ts';
import { createRun } from '../runs/start.ts';

export interface IncomingDomainEvent {
  id: string;
  name: string;
  data: Record<string, unknown> & { companyId: string };
}

export async function startEventTriggeredRuns(db: Db, event: IncomingDomainEvent, opts: { excludeWorkflowIds?: string[] } = {}): Promise<CatalogEvent[]> {
  return withCompany(db, event.data.companyId, async (tx) => {
    const candidates = await tx.execute<{ id: string; trigger_config: TriggerConfig }>(sql`
      select w.id, v.trigger_config from workflows w join workflow_versions v on v.id = w.published_version_id
      where w.is_enabled and v.trigger_config->>'type' = 'event' and v.trigger_config->>'event' = ${event.name}
      order by w.id`);
    const events: CatalogEvent[] = [];
    for (const wf of candidates) {
      if (opts.excludeWorkflowIds?.includes(wf.id)) continue;
      const filter = wf.trigger_config.type === 'event' ? wf.trigger_config.filter : undefined;
      if (!celMatches(filter, { event: { name: event.name, data: event.data } })) continue;
      const run = await createRun(tx, {
        companyId: event.data.companyId,
        workflowId: wf.id,
        triggerType: 'event',
        triggerRef: `event:${event.id}`,
        payload: event.data,
        startedBy: null,
        eventName: event.name,
        requireEnabled: true,
      });
      events.push(run.event);
    }
    return events;
  });
}
