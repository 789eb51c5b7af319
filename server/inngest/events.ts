/**
 * The event catalog: every event the platform sends or consumes, with its payload schema. Functions take their
 * triggers from here and senders build payloads through here, so a removed field is a compile error at every
 * consumer while an added one breaks nothing. Schemas use no transforms or defaults (Inngest rejects them).
 */
import { eventType } from 'inngest';
import { z } from 'zod';
import { ACTOR_TYPES } from '../../shared/catalog/vocab.ts';

const CompanyId = z.string().uuid();
const Actor = z.object({ type: z.enum(ACTOR_TYPES), id: z.string() });

export const productUploaded = eventType('product/uploaded', {
  schema: z.object({
    companyId: CompanyId,
    productIds: z.array(z.string().uuid()),
    importBatchId: z.string().optional(),
    source: z.enum(['csv', 'api', 'ui']),
    uploadedBy: z.string().uuid().nullable(),
    enrich: z.object({ fields: z.array(z.string()), retailerId: z.string().uuid().optional() }).optional(),
  }),
});

export const productFieldChanged = eventType('product/field.changed', {
  schema: z.object({
    companyId: CompanyId,
    productId: z.string().uuid(),
    changes: z.array(z.object({ attribute: z.string(), channel: z.string().nullable().optional(), locale: z.string().nullable().optional(), old: z.unknown(), new: z.unknown() })),
    actor: Actor,
    originRunId: z.string().uuid().optional(),
    changedAt: z.string(),
  }),
});

export const assetUploaded = eventType('asset/uploaded', {
  schema: z.object({
    companyId: CompanyId,
    assetId: z.string().uuid(),
    productId: z.string().uuid().optional(),
    storageKey: z.string(),
    mimeType: z.string(),
    bytes: z.number().int().nonnegative(),
    intendedRole: z.string().optional(),
    /** Absent for a new upload; `role_changed` re-validates (tagging reuses its tags), `revalidate` after a rule edit. */
    reason: z.enum(['upload', 'role_changed', 'revalidate']).optional(),
  }),
});

export const taskCreated = eventType('task/created', { schema: z.object({ companyId: CompanyId, taskId: z.string().uuid() }) });

export const auditCompleted = eventType('audit/completed', {
  schema: z.object({
    companyId: CompanyId,
    auditId: z.string().uuid(),
    retailerId: z.string().uuid().optional(),
    productsChecked: z.number().int(),
    score: z.number(),
    grade: z.string(),
    errorCount: z.number().int(),
    warningCount: z.number().int(),
  }),
});

export const workflowTriggered = eventType('workflow/triggered', {
  schema: z.object({
    companyId: CompanyId,
    workflowId: z.string().uuid(),
    workflowRunId: z.string().uuid(),
    versionId: z.string().uuid(),
    trigger: z.object({ type: z.string(), ref: z.string() }),
    payload: z.record(z.string(), z.unknown()),
    originRunId: z.string().uuid().optional(),
    depth: z.number().int().nonnegative(),
  }),
});

export const humanGateResolved = eventType('workflow/human_gate.resolved', {
  schema: z.object({
    companyId: CompanyId,
    workflowRunId: z.string().uuid(),
    stepId: z.string(),
    taskId: z.string().uuid(),
    decision: z.enum(['approved', 'rejected']),
    comment: z.string().nullable(),
    resolvedBy: z.string().uuid().nullable(),
  }),
});

export const workflowRunCancelled = eventType('workflow/run.cancelled', {
  schema: z.object({ companyId: CompanyId, workflowRunId: z.string().uuid(), cancelledBy: z.string().uuid().nullable() }),
});

export const shadowEnrichmentRun = eventType('enrichment/shadow.run', {
  schema: z.object({
    companyId: CompanyId,
    shadowRunId: z.string().uuid(),
    /** Unset: the products with a watched listing at the retailer (or at any retailer), at most 200. */
    productIds: z.array(z.string().uuid()).optional(),
    fields: z.array(z.string()),
    retailerId: z.string().uuid().optional(),
    /** The retailer by code (a workflow step knows codes, not ids); used when retailerId is unset. */
    retailer: z.string().optional(),
    skill: z.string(),
    promptVersion: z.string().optional(),
    reason: z.string(),
  }),
});

export const enrichmentPipelineCompleted = eventType('enrichment/pipeline.completed', {
  schema: z.object({
    companyId: CompanyId,
    jobId: z.string().uuid(),
    status: z.enum(['completed', 'partial', 'failed']),
    productIds: z.array(z.string().uuid()),
    fields: z.array(z.string()),
    stats: z.object({ suggestions: z.number().int(), autoApproved: z.number().int(), pendingReview: z.number().int(), failed: z.number().int() }),
    workflowRunId: z.string().uuid().optional(),
  }),
});

/** Audit on demand (a workflow step, the Monday freshness workflow, a person); omitted fields mean "all". */
export const auditRequested = eventType('audit/requested', {
  schema: z.object({
    companyId: CompanyId,
    retailer: z.string().optional(),
    retailers: z.array(z.string()).optional(),
    productIds: z.array(z.string().uuid()).optional(),
    workflowRunId: z.string().uuid().optional(),
    requestedBy: z.string().uuid().optional(),
  }),
});

/** Runs the escalator now, optionally for one company and at a given instant (tests and operators pass the clock). */
export const taskEscalationRequested = eventType('task/escalation.requested', {
  schema: z.object({ companyId: CompanyId.optional(), now: z.string().optional() }),
});

/** Runs the enrichment cleanup now, optionally for one company and at a given instant (tests and operators pass the clock). */
export const enrichmentCleanupRequested = eventType('enrichment/cleanup.requested', {
  schema: z.object({ companyId: CompanyId.optional(), now: z.string().optional() }),
});

/** Runs the change sentinel now (a person's "Check now", a workflow); omitted fields mean every company / retailer. */
export const retailerSpecsCheckRequested = eventType('retailer/specs.check.requested', {
  schema: z.object({ companyId: CompanyId.optional(), retailer: z.string().optional(), requestedBy: z.string().uuid().optional() }),
});

/** Runs the PDP watchdog now; omitted fields mean every watched listing (of the company). */
export const retailerWatchdogRequested = eventType('retailer/watchdog.requested', {
  schema: z.object({
    companyId: CompanyId.optional(),
    listingIds: z.array(z.string().uuid()).optional(),
    productIds: z.array(z.string().uuid()).optional(),
    retailer: z.string().optional(),
    requestedBy: z.string().uuid().optional(),
  }),
});

/** One listing's product page check within a watchdog sweep (the sweep key makes a retried fetch find its snapshot). */
export const retailerListingCheckRequested = eventType('retailer/listing.check.requested', {
  schema: z.object({ companyId: CompanyId, listingId: z.string().uuid(), sweepKey: z.string().min(1), retailer: z.string() }),
});

export const EVENT_CATALOG = [
  productUploaded,
  productFieldChanged,
  assetUploaded,
  taskCreated,
  auditCompleted,
  workflowTriggered,
  humanGateResolved,
  workflowRunCancelled,
  shadowEnrichmentRun,
  enrichmentPipelineCompleted,
  auditRequested,
  taskEscalationRequested,
  enrichmentCleanupRequested,
  retailerSpecsCheckRequested,
  retailerWatchdogRequested,
  retailerListingCheckRequested,
] as const;

export const EVENT_NAMES = EVENT_CATALOG.map((e) => e.name);
