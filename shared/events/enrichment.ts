import { z } from 'zod';
import { defineEvent } from './define.ts';
import { CompanyId, Uuid } from './fields.ts';

export const shadowEnrichmentRun = defineEvent('enrichment/shadow.run', {
  audience: 'external',
  description: 'Runs a Claude skill in shadow mode: records what it would write, writes nothing.',
  schema: z.object({
    companyId: CompanyId,
    shadowRunId: Uuid,
    /** Unset: the products with a watched listing at the retailer (or at any retailer), at most 200. */
    productIds: z.array(Uuid).max(1000).optional(),
    fields: z.array(z.string().max(64)).max(100),
    retailerId: Uuid.optional(),
    /** The retailer by code (a workflow step knows codes, not ids); used when retailerId is unset. */
    retailer: z.string().max(64).optional(),
    skill: z.string().max(64),
    promptVersion: z.string().max(64).optional(),
    reason: z.string().max(500),
  }),
});

export const enrichmentPipelineCompleted = defineEvent('enrichment/pipeline.completed', {
  audience: 'internal',
  description: 'An enrichment job finished.',
  schema: z.object({
    companyId: CompanyId,
    jobId: Uuid,
    status: z.enum(['completed', 'partial', 'failed']),
    productIds: z.array(Uuid),
    fields: z.array(z.string()),
    stats: z.object({ suggestions: z.number().int(), autoApproved: z.number().int(), pendingReview: z.number().int(), failed: z.number().int() }),
    workflowRunId: Uuid.optional(),
  }),
});

/** Runs the enrichment cleanup now, optionally for one company and at a given instant (tests and operators pass the clock). */
export const enrichmentCleanupRequested = defineEvent('enrichment/cleanup.requested', {
  audience: 'internal',
  description: 'Runs the enrichment job cleanup now.',
  schema: z.object({ companyId: CompanyId.optional(), now: z.string().optional() }),
});
