/**
 * enrichment-job-cleanup (DOMAIN.md F5), per company and against an injected clock: jobs whose heartbeat stopped
 * more than 2 hours ago become `stale` (their unfinished items fail with 'stale') and announce
 * `enrichment/pipeline.completed {status:'failed'}` so waiting workflows resume; pending suggestions older than 30
 * days whose product value changed since are `superseded`; old shadow results (30 d) and rejected/superseded
 * suggestions (90 d) are deleted. Every statement is conditional on the current state, so a second sweep is a no-op.
 */
import { enrichmentPipelineCompleted, makeEvent } from '../../../shared/events/index.ts';
import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import type { CatalogEvent } from '../../../shared/events/index.ts';

export const STALE_AFTER_MS = 2 * 3600_000;
export const SUPERSEDE_AFTER_DAYS = 30;
export const SHADOW_RETENTION_DAYS = 30;
export const DECIDED_RETENTION_DAYS = 90;

export interface CleanupCounts {
  stale: number;
  superseded: number;
  shadowResultsDeleted: number;
  suggestionsDeleted: number;
}

export async function cleanupCompany(tx: Tx, companyId: string, now: Date): Promise<{ counts: CleanupCounts; events: CatalogEvent[] }> {
  const staleBefore = new Date(now.getTime() - STALE_AFTER_MS).toISOString();
  const stale = await tx.execute<{ id: string; fields: string[]; workflow_run_id: string | null; stats: Record<string, number> }>(sql`
    update enrichment_jobs set status = 'stale', completed_at = ${now.toISOString()}::timestamptz
    where status in ('running', 'queued') and coalesce(heartbeat_at, started_at, created_at) < ${staleBefore}::timestamptz
    returning id, fields, workflow_run_id, stats`);
  const events: CatalogEvent[] = [];
  for (const job of stale) {
    await tx.execute(sql`
      update enrichment_job_items set status = 'failed', error = 'stale', updated_at = ${now.toISOString()}::timestamptz
      where job_id = ${job.id} and status in ('pending', 'running')`);
    const items = await tx.execute<{ product_id: string; status: string }>(sql`select product_id, status from enrichment_job_items where job_id = ${job.id} order by product_id`);
    const [s] = await tx.execute<{ total: number; auto: number; pending: number }>(sql`
      select count(*)::int as total, count(*) filter (where status = 'auto_approved')::int as auto, count(*) filter (where status = 'pending')::int as pending
      from enrichment_suggestions where job_id = ${job.id}`);
    events.push(
      makeEvent(enrichmentPipelineCompleted, `enrichment-stale:${job.id}`, {
        companyId, jobId: job.id, status: 'failed', productIds: items.map((i) => i.product_id), fields: job.fields,
        stats: { suggestions: s!.total, autoApproved: s!.auto, pendingReview: s!.pending, failed: items.filter((i) => i.status === 'failed').length },
        ...(job.workflow_run_id ? { workflowRunId: job.workflow_run_id } : {}),
      }),
    );
  }

  const supersedeBefore = daysBefore(now, SUPERSEDE_AFTER_DAYS);
  const superseded = await tx.execute(sql`
    update enrichment_suggestions s set status = 'superseded'
    where s.status = 'pending' and s.created_at < ${supersedeBefore}::timestamptz
      and exists (select 1 from product_field_history h where h.product_id = s.product_id and h.attribute_code = s.attribute_code
                  and h.channel_code = s.channel_code and h.changed_at > s.created_at)
    returning s.id`);
  const shadow = await tx.execute(sql`delete from enrichment_shadow_results where created_at < ${daysBefore(now, SHADOW_RETENTION_DAYS)}::timestamptz returning id`);
  const decided = await tx.execute(sql`
    delete from enrichment_suggestions where status in ('rejected', 'superseded') and created_at < ${daysBefore(now, DECIDED_RETENTION_DAYS)}::timestamptz returning id`);
  return { counts: { stale: stale.length, superseded: superseded.length, shadowResultsDeleted: shadow.length, suggestionsDeleted: decided.length }, events };
}

function daysBefore(now: Date, days: number): string {
  return new Date(now.getTime() - days * 86_400_000).toISOString();
}
