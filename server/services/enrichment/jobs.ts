/**
 * Enrichment jobs (DOMAIN.md F4 steps 1, 6, 7): created once per job key (the event id, or the invoking run and
 * step), so a retried create finds its job; heartbeats feed the stale-job sweep (F5); finishing computes stats from
 * the rows themselves, so a retried finish reports the same numbers.
 */
import { enrichmentPipelineCompleted, makeEvent, taskCreated } from '../../../shared/events/index.ts';
import { sql } from 'drizzle-orm';
import type { EnrichmentSource } from '../../../shared/ai/vocab.ts';
import { AppError } from '../../../shared/errors.ts';
import type { Tx } from '../../db/client.ts';
import type { CatalogEvent } from '../../../shared/events/index.ts';
import { taskEvent } from '../tasks/people.ts';

export interface CreateJobInput {
  companyId: string;
  jobKey: string;
  source: EnrichmentSource;
  productIds: string[];
  fields: string[];
  retailerId: string | null;
  workflowRunId: string | null;
  requestedBy: string | null;
  skills: string[];
}

export async function createJob(tx: Tx, input: CreateJobInput, now: Date): Promise<{ jobId: string; productIds: string[]; created: boolean }> {
  // Only the company's own products (RLS hides the others); unknown ids are dropped, not failed.
  const found = await tx.execute<{ id: string }>(sql`select id from products where id in (select jsonb_array_elements_text(${JSON.stringify(input.productIds)}::jsonb)::uuid)`);
  const known = new Set(found.map((r) => r.id));
  const productIds = [...new Set(input.productIds)].filter((id) => known.has(id));
  if (input.retailerId) {
    const [r] = await tx.execute(sql`select 1 from retailers where id = ${input.retailerId}`);
    if (!r) throw new AppError('NOT_FOUND', `No retailer ${input.retailerId} in this company`, { field: 'retailerId' });
  }
  const inserted = await tx.execute<{ id: string }>(sql`
    insert into enrichment_jobs (company_id, job_key, requested_by, source, workflow_run_id, retailer_id, fields, product_count, skill, status, started_at, heartbeat_at, created_at)
    values (${input.companyId}, ${input.jobKey}, ${input.requestedBy}, ${input.source}, ${input.workflowRunId}, ${input.retailerId},
            ${pgTextArray(input.fields)}::text[], ${productIds.length}, ${input.skills.join(',') || 'none'}, 'running', ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz)
    on conflict (company_id, job_key) do nothing returning id`);
  const [job] = inserted.length ? inserted : await tx.execute<{ id: string }>(sql`select id from enrichment_jobs where job_key = ${input.jobKey}`);
  if (inserted.length && productIds.length) {
    await tx.execute(sql`
      insert into enrichment_job_items (company_id, job_id, product_id)
      select ${input.companyId}::uuid, ${job!.id}::uuid, p::uuid from jsonb_array_elements_text(${JSON.stringify(productIds)}::jsonb) as p
      on conflict do nothing`);
  }
  const items = inserted.length ? productIds : (await tx.execute<{ product_id: string }>(sql`select product_id from enrichment_job_items where job_id = ${job!.id} order by product_id`)).map((r) => r.product_id);
  return { jobId: job!.id, productIds: inserted.length ? productIds : items, created: inserted.length > 0 };
}

export async function heartbeat(tx: Tx, jobId: string, now: Date): Promise<void> {
  await tx.execute(sql`update enrichment_jobs set heartbeat_at = greatest(coalesce(heartbeat_at, ${now.toISOString()}::timestamptz), ${now.toISOString()}::timestamptz) where id = ${jobId} and status = 'running'`);
}

export interface CallTotals {
  calls: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  model: string | null;
}

export interface JobSummary {
  jobId: string;
  status: 'completed' | 'partial' | 'failed';
  productIds: string[];
  fields: string[];
  workflowRunId: string | null;
  suggestions: number;
  autoApproved: number;
  pendingReview: number;
  failed: number;
  minConfidence: number;
  meanConfidence: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  reviewTaskId: string | null;
}

/** Closes the job: status from its items, stats from its suggestions, one review task when anything waits for a person. */
export async function finishJob(tx: Tx, companyId: string, jobId: string, totals: CallTotals, now: Date): Promise<{ summary: JobSummary; events: CatalogEvent[] }> {
  const [job] = await tx.execute<{ status: string; fields: string[]; workflow_run_id: string | null; stats: Record<string, number> }>(sql`
    select status, fields, workflow_run_id, stats from enrichment_jobs where id = ${jobId}`);
  if (!job) throw new Error(`enrichment job ${jobId} not found`);
  const items = await tx.execute<{ product_id: string; status: string }>(sql`select product_id, status from enrichment_job_items where job_id = ${jobId} order by product_id`);
  const [s] = await tx.execute<{ total: number; auto: number; pending: number; min: number | null; mean: number | null }>(sql`
    select count(*)::int as total,
           count(*) filter (where status = 'auto_approved')::int as auto,
           count(*) filter (where status = 'pending')::int as pending,
           min(confidence)::float8 as min, avg(confidence)::float8 as mean
    from enrichment_suggestions where job_id = ${jobId}`);
  const failed = items.filter((i) => i.status === 'failed').length;
  const status = items.length > 0 && failed === items.length ? 'failed' : failed > 0 ? 'partial' : 'completed';
  const stats = {
    suggestions: s!.total,
    autoApproved: s!.auto,
    pendingReview: s!.pending,
    failed,
    inputTokens: totals.inputTokens,
    outputTokens: totals.outputTokens,
    costUsd: Math.round(totals.costUsd * 1e6) / 1e6,
    calls: totals.calls,
  };
  // A stale sweep may have closed the job meanwhile; finishing late still records the outcome.
  await tx.execute(sql`
    update enrichment_jobs set status = ${status}, completed_at = coalesce(completed_at, ${now.toISOString()}::timestamptz), heartbeat_at = ${now.toISOString()}::timestamptz,
      stats = ${JSON.stringify(stats)}::jsonb, model = coalesce(model, ${totals.model})
    where id = ${jobId}`);

  const events: CatalogEvent[] = [];
  let reviewTaskId: string | null = null;
  if (stats.pendingReview > 0) {
    const title = `Review ${stats.pendingReview} enrichment suggestion${stats.pendingReview === 1 ? '' : 's'}`;
    const description = `Enrichment job over ${items.length} product${items.length === 1 ? '' : 's'} (${job.fields.join(', ')}): ${stats.autoApproved} auto-approved, ${stats.pendingReview} need a decision.`;
    const inserted = await tx.execute<{ id: string }>(sql`
      insert into tasks (company_id, type, title, description, status, priority, source_type, source_id, raw, dedupe_key, run_id, created_at, updated_at, last_activity_at)
      values (${companyId}, 'enrichment_review', ${title}, ${description}, 'new', 'low', 'enrichment_job', ${jobId},
              ${JSON.stringify({ jobId, pendingReview: stats.pendingReview, fields: job.fields })}::jsonb, ${`enrichment:${jobId}`}, ${job.workflow_run_id},
              ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz)
      on conflict (company_id, dedupe_key) do nothing returning id`);
    const [task] = inserted.length ? inserted : await tx.execute<{ id: string }>(sql`select id from tasks where dedupe_key = ${`enrichment:${jobId}`}`);
    reviewTaskId = task!.id;
    if (inserted.length) await taskEvent(tx, companyId, reviewTaskId, 'created', { source: 'enrichment', jobId }, now, { actorId: 'enrichment-pipeline' });
    events.push(makeEvent(taskCreated, `task-created:${reviewTaskId}`, { companyId, taskId: reviewTaskId }));
  }
  const productIds = items.map((i) => i.product_id);
  events.push(
    makeEvent(enrichmentPipelineCompleted, `enrichment-completed:${jobId}`, {
      companyId,
      jobId,
      status,
      productIds,
      fields: job.fields,
      stats: { suggestions: stats.suggestions, autoApproved: stats.autoApproved, pendingReview: stats.pendingReview, failed },
      ...(job.workflow_run_id ? { workflowRunId: job.workflow_run_id } : {}),
    }),
  );
  return {
    summary: {
      jobId, status, productIds, fields: job.fields, workflowRunId: job.workflow_run_id,
      suggestions: stats.suggestions, autoApproved: stats.autoApproved, pendingReview: stats.pendingReview, failed,
      minConfidence: s!.min ?? 0, meanConfidence: s!.mean === null ? 0 : Math.round(s!.mean * 100) / 100,
      inputTokens: stats.inputTokens, outputTokens: stats.outputTokens, costUsd: stats.costUsd, reviewTaskId,
    },
    events,
  };
}

export function pgTextArray(values: string[]): string {
  return `{${values.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}
