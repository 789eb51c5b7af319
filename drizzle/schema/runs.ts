import { sql } from 'drizzle-orm';
import { bigint, boolean, foreignKey, index, integer, jsonb, numeric, pgEnum, pgSequence, pgTable, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { GateChain } from '../../shared/approvals/chain.ts';
import { RUN_STATUSES, RUN_STEP_STATUSES, TASK_STATUSES } from '../../shared/runs/status.ts';
import { products } from './catalog.ts';
import { companies, users } from './tenancy.ts';
import { workflowVersions, workflows } from './workflows.ts';

export const runStatusEnum = pgEnum('run_status', RUN_STATUSES);

/**
 * One sequence orders every change to runs and run steps. A live subscriber's last event id is a value of it, so a
 * reconnecting client asks for "everything after N" and misses nothing, final states included.
 */
export const runChangeSeq = pgSequence('run_change_seq');
export const runStepStatusEnum = pgEnum('run_step_status', RUN_STEP_STATUSES);
export const taskStatusEnum = pgEnum('task_status', TASK_STATUSES);

export const workflowRuns = pgTable(
  'workflow_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: uuid('company_id').notNull(),
    workflowId: uuid('workflow_id').notNull(),
    workflowVersionId: uuid('workflow_version_id').notNull().references(() => workflowVersions.id),
    status: runStatusEnum('status').notNull().default('pending'),
    triggerType: text('trigger_type').notNull(),
    /** One run per trigger occurrence: a retried trigger finds the run it already made. */
    triggerRef: text('trigger_ref').notNull(),
    triggerPayload: jsonb('trigger_payload').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    /** The trigger's event name (what `event.name` says to expressions), so a rerun sends the same whoever executes. */
    triggerEventName: text('trigger_event_name'),
    startedBy: uuid('started_by').references(() => users.id, { onDelete: 'set null' }),
    error: jsonb('error').$type<Record<string, unknown>>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    changeSeq: bigint('change_seq', { mode: 'number' }).notNull().default(sql`nextval('run_change_seq')`),
    // What the run cost (DOMAIN.md: Claude tokens × price + function invocations), accumulated as it goes.
    claudeInputTokens: integer('claude_input_tokens').notNull().default(0),
    claudeOutputTokens: integer('claude_output_tokens').notNull().default(0),
    claudeCostUsd: numeric('claude_cost_usd', { precision: 12, scale: 6, mode: 'number' }).notNull().default(0),
    functionInvocations: integer('function_invocations').notNull().default(0),
    costUsd: numeric('cost_usd', { precision: 12, scale: 6, mode: 'number' }).notNull().default(0),
    /** Steps that ran (running/completed/failed), written when the run finishes; null while it runs. */
    executedSteps: integer('executed_steps'),
    /** Written by the demo seed's history (30 days of made-up runs), never by the engine: the UI labels these "demo". */
    demo: boolean('demo').notNull().default(false),
  },
  (t) => [
    index('workflow_runs_change_idx').on(t.companyId, t.changeSeq),
    unique('workflow_runs_trigger_uq').on(t.workflowId, t.triggerRef),
    unique('workflow_runs_id_company_uq').on(t.id, t.companyId),
    index('workflow_runs_company_idx').on(t.companyId, t.createdAt),
    index('workflow_runs_workflow_idx').on(t.workflowId, t.createdAt),
    foreignKey({ columns: [t.workflowId, t.companyId], foreignColumns: [workflows.id, workflows.companyId] }).onDelete('cascade'),
  ],
);

export const workflowRunSteps = pgTable(
  'workflow_run_steps',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: uuid('company_id').notNull(),
    runId: uuid('run_id').notNull(),
    stepId: text('step_id').notNull(),
    status: runStepStatusEnum('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    input: jsonb('input').$type<unknown>(),
    output: jsonb('output').$type<unknown>(),
    error: jsonb('error').$type<Record<string, unknown>>(),
    /** Why a step was skipped ("branch not taken", "run failed", "run cancelled"), or what it waits for. */
    statusReason: text('status_reason'),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    changeSeq: bigint('change_seq', { mode: 'number' }).notNull().default(sql`nextval('run_change_seq')`),
  },
  (t) => [
    unique('workflow_run_steps_step_uq').on(t.runId, t.stepId),
    index('workflow_run_steps_change_idx').on(t.runId, t.changeSeq),
    foreignKey({ columns: [t.runId, t.companyId], foreignColumns: [workflowRuns.id, workflowRuns.companyId] }).onDelete('cascade'),
  ],
);

/** Human work items: gate approvals and routed exceptions. For a gate, this row is the source of truth. */
export const tasks = pgTable(
  'tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: uuid('company_id').notNull().references(() => companies.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    status: taskStatusEnum('status').notNull().default('open'),
    priority: text('priority').notNull().default('medium'),
    assigneeUserId: uuid('assignee_user_id').references(() => users.id, { onDelete: 'set null' }),
    assigneeRole: text('assignee_role'),
    runId: uuid('run_id'),
    stepId: text('step_id'),
    dedupeKey: text('dedupe_key'),
    decision: text('decision'),
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    comment: text('comment'),
    dueAt: timestamp('due_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    // Routed exceptions (DOMAIN.md §1.7): what the task is about, where it came from, and its escalation state.
    productId: uuid('product_id').references(() => products.id, { onDelete: 'set null' }),
    retailerId: uuid('retailer_id'),
    sourceType: text('source_type'),
    sourceId: text('source_id'),
    /** The original error payload (a channel rejection, an import row error, audit findings). */
    raw: jsonb('raw').$type<Record<string, unknown>>(),
    /** What the orchestrator classified the problem as (missing_required_attribute, invalid_identifier, …). */
    category: text('category'),
    /** One active task per subject: set when routed, unique among tasks not yet done or cancelled. */
    subjectKey: text('subject_key'),
    mergedIntoId: uuid('merged_into_id'),
    escalationLevel: integer('escalation_level').notNull().default(0),
    lastEscalatedAt: timestamp('last_escalated_at', { withTimezone: true }),
    lastActivityAt: timestamp('last_activity_at', { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    // Approval chains (shared/approvals/chain.ts): a gate task's chain as resolved when it opened, the level now open,
    // whether that level has escalated, and when its current SLA period began (reminders count from there).
    gateChain: jsonb('gate_chain').$type<GateChain>(),
    gateLevel: integer('gate_level').notNull().default(0),
    gateEscalated: boolean('gate_escalated').notNull().default(false),
    gatePeriodStartedAt: timestamp('gate_period_started_at', { withTimezone: true }),
  },
  (t) => [
    unique('tasks_dedupe_uq').on(t.companyId, t.dedupeKey),
    index('tasks_company_status_idx').on(t.companyId, t.status, t.createdAt),
    index('tasks_run_idx').on(t.runId, t.stepId),
    index('tasks_assignee_idx').on(t.companyId, t.assigneeUserId, t.status),
    index('tasks_product_idx').on(t.productId),
    // Only statuses that exist before this column did: a value added to an enum cannot be used in the same migration.
    uniqueIndex('tasks_subject_open_uq').on(t.companyId, t.subjectKey).where(sql`subject_key is not null and status not in ('done', 'cancelled')`),
  ],
);
