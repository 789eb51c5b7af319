/**
 * Enrichment-completed triggers (DOMAIN.md F2): workflows whose trigger lists the job's status, optionally only for
 * some categories (the run gets just those products) or only when suggestions await review. A job started by a run of
 * the same workflow does not start it again (loop guard); one run per (workflow, job) through trigger_ref.
 */
import { sql } from 'drizzle-orm';
import { celMatches } from '../../../shared/cel/evaluate.ts';
import type { TriggerConfig } from '../../../shared/workflows/trigger-config.ts';
import type { Db } from '../../db/client.ts';
import { withCompany } from '../../db/tx.ts';
import type { CatalogEvent } from '../../../shared/events/index.ts';
import { createRun } from '../runs/start.ts';
import { MAX_TRIGGER_DEPTH, originRuns } from './origin.ts';

export const ENRICHMENT_COMPLETED_EVENT = 'enrichment/pipeline.completed';

export interface EnrichmentCompletedData {
  [key: string]: unknown;
  companyId: string;
  jobId: string;
  status: 'completed' | 'partial' | 'failed';
  productIds: string[];
  stats: { pendingReview: number };
  workflowRunId?: string | undefined;
}

export async function startEnrichmentCompletedRuns(db: Db, data: EnrichmentCompletedData): Promise<CatalogEvent[]> {
  return withCompany(db, data.companyId, async (tx) => {
    const workflows = await tx.execute<{ id: string; trigger_config: TriggerConfig }>(sql`
      select w.id, v.trigger_config from workflows w join workflow_versions v on v.id = w.published_version_id
      where w.is_enabled and v.trigger_config->>'type' = 'enrichment_completed' order by w.id`);
    if (workflows.length === 0) return [];
    const categoryOf = new Map(
      (await tx.execute<{ id: string; code: string }>(sql`
        select p.id, c.code from products p join categories c on c.id = p.category_id
        where p.id in (select jsonb_array_elements_text(${JSON.stringify(data.productIds)}::jsonb)::uuid)`)).map((r) => [r.id, r.code]),
    );
    const origin = (await originRuns(tx, [data.workflowRunId])).get(data.workflowRunId ?? '');
    const depth = origin ? origin.depth + 1 : 0;
    const events: CatalogEvent[] = [];
    for (const wf of workflows) {
      const config = wf.trigger_config;
      if (config.type !== 'enrichment_completed') continue;
      if (!config.statuses.includes(data.status)) continue;
      if (config.onlyWhenReviewNeeded && !(data.stats.pendingReview > 0)) continue;
      if (origin?.workflowId === wf.id || depth > MAX_TRIGGER_DEPTH) continue;
      const productIds = config.categories?.length ? data.productIds.filter((id) => config.categories!.includes(categoryOf.get(id) ?? '')) : data.productIds;
      if (config.categories?.length && productIds.length === 0) continue;
      const payload = { ...data, productIds, categories: [...new Set(productIds.map((id) => categoryOf.get(id)).filter(Boolean))], depth, ...(data.workflowRunId ? { originRunId: data.workflowRunId } : {}) };
      if (!celMatches(config.filter, { event: { name: ENRICHMENT_COMPLETED_EVENT, data: payload } })) continue;
      const run = await createRun(tx, {
        companyId: data.companyId, workflowId: wf.id, triggerType: 'event', triggerRef: `enrichment:${data.jobId}`,
        payload, startedBy: null, eventName: ENRICHMENT_COMPLETED_EVENT, requireEnabled: true,
      });
      events.push(run.event);
    }
    return events;
  });
}
