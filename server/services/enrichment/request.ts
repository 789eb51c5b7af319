/**
 * What starts an enrichment job: `product/uploaded` with `enrich`, or an invoke (a workflow's enrich_products step,
 * a person's "Enrich" button). One schema for the invoke trigger, the canvas handler and the tests.
 */
import { z } from 'zod';
import { ENRICHMENT_SOURCES } from '../../../shared/ai/vocab.ts';

export const MAX_PRODUCTS_PER_JOB = 500;
/** Products per child run: 5 × (≤ 4 calls + 1 record step) keeps a batch near 25 steps; 500 products are 100 batches. */
export const BATCH_SIZE = 5;

export const EnrichRequestSchema = z.object({
  companyId: z.string().uuid(),
  productIds: z.array(z.string().uuid()).min(1).max(MAX_PRODUCTS_PER_JOB),
  fields: z.array(z.string().regex(/^[a-z][a-z0-9_]{0,63}$/)).min(1).max(30),
  retailerId: z.string().uuid().nullable().optional(),
  source: z.enum(ENRICHMENT_SOURCES).optional(),
  workflowRunId: z.string().uuid().optional(),
  /** Idempotency of the job: a workflow passes run + step; unset, the pipeline run's own id. */
  jobKey: z.string().min(1).max(300).optional(),
  requestedBy: z.string().uuid().nullable().optional(),
});
export type EnrichRequest = z.infer<typeof EnrichRequestSchema>;

export const EnrichBatchSchema = z.object({
  companyId: z.string().uuid(),
  jobId: z.string().uuid(),
  productIds: z.array(z.string().uuid()).min(1).max(BATCH_SIZE),
});
export type EnrichBatch = z.infer<typeof EnrichBatchSchema>;

export function batches<T>(list: T[], size = BATCH_SIZE): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}
