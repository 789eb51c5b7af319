/**
 * Claude skills, the call log and enrichment (DOMAIN.md §1.5). Skills are one platform-wide registry (prompts are
 * product code, versioned in data so a new prompt can be shadowed before it goes live); everything else is per company.
 */
import { sql } from 'drizzle-orm';
import { boolean, foreignKey, index, integer, jsonb, numeric, pgEnum, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { AGENT_RUN_STATUSES, ENRICHMENT_ITEM_STATUSES, ENRICHMENT_JOB_STATUSES, ENRICHMENT_SOURCES, SHADOW_RUN_STATUSES, SUGGESTION_STATUSES } from '../../shared/ai/vocab.ts';
import { products } from './catalog.ts';
import { retailers } from './channels.ts';
import { companies, users } from './tenancy.ts';

export const agentRunStatusEnum = pgEnum('agent_run_status', AGENT_RUN_STATUSES);
export const enrichmentSourceEnum = pgEnum('enrichment_source', ENRICHMENT_SOURCES);
export const enrichmentJobStatusEnum = pgEnum('enrichment_job_status', ENRICHMENT_JOB_STATUSES);
export const enrichmentItemStatusEnum = pgEnum('enrichment_item_status', ENRICHMENT_ITEM_STATUSES);
export const suggestionStatusEnum = pgEnum('suggestion_status', SUGGESTION_STATUSES);
export const shadowRunStatusEnum = pgEnum('shadow_run_status', SHADOW_RUN_STATUSES);

export const claudeSkills = pgTable(
  'claude_skills',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    version: integer('version').notNull(),
    model: text('model').notNull(),
    systemPrompt: text('system_prompt').notNull(),
    /** JSON Schema of the input the caller must pass. */
    inputSchema: jsonb('input_schema').$type<Record<string, unknown>>().notNull(),
    /** JSON Schema of the structured output: the forced tool's input_schema. */
    outputSchema: jsonb('output_schema').$type<Record<string, unknown>>().notNull(),
    maxTokens: integer('max_tokens').notNull(),
    temperature: numeric('temperature', { precision: 3, scale: 2, mode: 'number' }).notNull().default(0),
    usesVision: boolean('uses_vision').notNull().default(false),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('claude_skills_name_version_uq').on(t.name, t.version)],
);

/** One row per skill invocation (after its retries): the cost ledger and the metrics source. */
export const agentRuns = pgTable(
  'agent_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: uuid('company_id').notNull().references(() => companies.id, { onDelete: 'cascade' }),
    skillName: text('skill_name').notNull(),
    skillVersion: integer('skill_version').notNull(),
    model: text('model').notNull(),
    /** {jobId?, workflowRunId?, stepId?, assetId?, listingId?}: what the call was for. */
    correlation: jsonb('correlation').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    workflowRunId: uuid('workflow_run_id'),
    /** The Inngest run + step that made the call: a retried logging step finds its row. */
    idempotencyKey: text('idempotency_key').notNull(),
    requestSha256: text('request_sha256').notNull(),
    status: agentRunStatusEnum('status').notNull(),
    stopReason: text('stop_reason'),
    inputTokens: integer('input_tokens').notNull().default(0),
    outputTokens: integer('output_tokens').notNull().default(0),
    costUsd: numeric('cost_usd', { precision: 12, scale: 6, mode: 'number' }).notNull().default(0),
    latencyMs: integer('latency_ms').notNull().default(0),
    attempts: integer('attempts').notNull().default(1),
    error: jsonb('error').$type<Record<string, unknown>>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('agent_runs_idempotency_uq').on(t.companyId, t.idempotencyKey),
    index('agent_runs_company_created_idx').on(t.companyId, t.createdAt),
    index('agent_runs_run_idx').on(t.workflowRunId),
  ],
);

export const enrichmentJobs = pgTable(
  'enrichment_jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: uuid('company_id').notNull().references(() => companies.id, { onDelete: 'cascade' }),
    /** What started the job (event id, run+step): a retried create finds its job. */
    jobKey: text('job_key').notNull(),
    requestedBy: uuid('requested_by').references(() => users.id, { onDelete: 'set null' }),
    source: enrichmentSourceEnum('source').notNull(),
    workflowRunId: uuid('workflow_run_id'),
    retailerId: uuid('retailer_id'),
    fields: text('fields').array().notNull(),
    productCount: integer('product_count').notNull(),
    skill: text('skill').notNull(),
    promptVersion: integer('prompt_version'),
    model: text('model'),
    status: enrichmentJobStatusEnum('status').notNull().default('queued'),
    startedAt: timestamp('started_at', { withTimezone: true }),
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    /** {suggestions, autoApproved, pendingReview, failed, inputTokens, outputTokens, costUsd} */
    stats: jsonb('stats').$type<Record<string, number>>().notNull().default(sql`'{}'::jsonb`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('enrichment_jobs_key_uq').on(t.companyId, t.jobKey),
    unique('enrichment_jobs_id_company_uq').on(t.id, t.companyId),
    index('enrichment_jobs_status_idx').on(t.companyId, t.status, t.heartbeatAt),
    foreignKey({ columns: [t.retailerId, t.companyId], foreignColumns: [retailers.id, retailers.companyId] }).onDelete('set null'),
  ],
);

export const enrichmentJobItems = pgTable(
  'enrichment_job_items',
  {
    companyId: uuid('company_id').notNull(),
    jobId: uuid('job_id').notNull(),
    productId: uuid('product_id').notNull(),
    status: enrichmentItemStatusEnum('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    error: text('error'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.jobId, t.productId] }),
    foreignKey({ columns: [t.jobId, t.companyId], foreignColumns: [enrichmentJobs.id, enrichmentJobs.companyId] }).onDelete('cascade'),
    foreignKey({ columns: [t.productId, t.companyId], foreignColumns: [products.id, products.companyId] }).onDelete('cascade'),
  ],
);

export const enrichmentSuggestions = pgTable(
  'enrichment_suggestions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: uuid('company_id').notNull(),
    jobId: uuid('job_id').notNull(),
    productId: uuid('product_id').notNull(),
    attributeCode: text('attribute_code').notNull(),
    channelCode: text('channel_code').notNull().default(''),
    locale: text('locale').notNull().default(''),
    currentValue: jsonb('current_value'),
    suggestedValue: jsonb('suggested_value').notNull(),
    modelConfidence: numeric('model_confidence', { precision: 3, scale: 2, mode: 'number' }).notNull(),
    confidence: numeric('confidence', { precision: 3, scale: 2, mode: 'number' }).notNull(),
    model: text('model').notNull(),
    rationale: text('rationale').notNull().default(''),
    evidence: jsonb('evidence').$type<{ sourceField: string; quote: string }[]>().notNull().default(sql`'[]'::jsonb`),
    validation: jsonb('validation').$type<Record<string, unknown>[]>().notNull().default(sql`'[]'::jsonb`),
    status: suggestionStatusEnum('status').notNull().default('pending'),
    reviewedBy: uuid('reviewed_by').references(() => users.id, { onDelete: 'set null' }),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('enrichment_suggestions_uq').on(t.jobId, t.productId, t.attributeCode, t.channelCode, t.locale),
    index('enrichment_suggestions_status_idx').on(t.companyId, t.status, t.createdAt),
    foreignKey({ columns: [t.jobId, t.companyId], foreignColumns: [enrichmentJobs.id, enrichmentJobs.companyId] }).onDelete('cascade'),
    foreignKey({ columns: [t.productId, t.companyId], foreignColumns: [products.id, products.companyId] }).onDelete('cascade'),
  ],
);

export const enrichmentShadowRuns = pgTable(
  'enrichment_shadow_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: uuid('company_id').notNull().references(() => companies.id, { onDelete: 'cascade' }),
    reason: text('reason').notNull(),
    skill: text('skill').notNull(),
    promptVersion: integer('prompt_version'),
    model: text('model'),
    status: shadowRunStatusEnum('status').notNull().default('running'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [unique('enrichment_shadow_runs_id_company_uq').on(t.id, t.companyId)],
);

export const enrichmentShadowResults = pgTable(
  'enrichment_shadow_results',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: uuid('company_id').notNull(),
    shadowRunId: uuid('shadow_run_id').notNull(),
    productId: uuid('product_id').notNull(),
    attributeCode: text('attribute_code').notNull(),
    channelCode: text('channel_code').notNull().default(''),
    shadowValue: jsonb('shadow_value'),
    currentValue: jsonb('current_value'),
    publishedValue: jsonb('published_value'),
    similarityToCurrent: numeric('similarity_to_current', { mode: 'number' }),
    similarityToPublished: numeric('similarity_to_published', { mode: 'number' }),
    confidence: numeric('confidence', { mode: 'number' }),
    fingerprint: jsonb('fingerprint').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    inputTokens: integer('input_tokens').notNull().default(0),
    outputTokens: integer('output_tokens').notNull().default(0),
    latencyMs: integer('latency_ms').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('enrichment_shadow_results_uq').on(t.shadowRunId, t.productId, t.attributeCode, t.channelCode),
    index('enrichment_shadow_results_product_idx').on(t.companyId, t.productId, t.createdAt),
    foreignKey({ columns: [t.shadowRunId, t.companyId], foreignColumns: [enrichmentShadowRuns.id, enrichmentShadowRuns.companyId] }).onDelete('cascade'),
    foreignKey({ columns: [t.productId, t.companyId], foreignColumns: [products.id, products.companyId] }).onDelete('cascade'),
  ],
);
