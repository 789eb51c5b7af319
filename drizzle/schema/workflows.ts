import { sql } from 'drizzle-orm';
import {
  boolean, doublePrecision, foreignKey, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, unique, uniqueIndex, uuid,
} from 'drizzle-orm/pg-core';
import { EDGE_LABELS, STEP_TYPES, type Graph } from '../../shared/graph/schema.ts';
import type { TriggerConfig } from '../../shared/workflows/trigger-config.ts';
import { companies, users } from './tenancy.ts';

export const stepTypeEnum = pgEnum('step_type', STEP_TYPES);
export const edgeLabelEnum = pgEnum('edge_label', EDGE_LABELS);

export const workflows = pgTable(
  'workflows',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: uuid('company_id').notNull().references(() => companies.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    isEnabled: boolean('is_enabled').notNull().default(false),
    triggerConfig: jsonb('trigger_config').$type<TriggerConfig>().notNull().default(sql`'{"type":"manual"}'::jsonb`),
    /** Bumped by every draft change; saveGraph must name the revision it started from. */
    revision: integer('revision').notNull().default(1),
    publishedVersionId: uuid('published_version_id'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('workflows_company_idx').on(t.companyId, t.updatedAt), unique('workflows_id_company_uq').on(t.id, t.companyId)],
);

export const workflowSteps = pgTable(
  'workflow_steps',
  {
    workflowId: uuid('workflow_id').notNull(),
    id: text('id').notNull(),
    companyId: uuid('company_id').notNull(),
    stepType: stepTypeEnum('step_type').notNull(),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    stepConfig: jsonb('step_config').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    positionX: doublePrecision('position_x').notNull().default(0),
    positionY: doublePrecision('position_y').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.workflowId, t.id] }),
    // The composite key pins a step to its workflow's company: no row can point across tenants.
    foreignKey({ columns: [t.workflowId, t.companyId], foreignColumns: [workflows.id, workflows.companyId] }).onDelete('cascade'),
  ],
);

export const workflowEdges = pgTable(
  'workflow_edges',
  {
    workflowId: uuid('workflow_id').notNull(),
    id: text('id').notNull(),
    companyId: uuid('company_id').notNull(),
    sourceStepId: text('source_step_id').notNull(),
    targetStepId: text('target_step_id').notNull(),
    edgeLabel: edgeLabelEnum('edge_label'),
  },
  (t) => [
    primaryKey({ columns: [t.workflowId, t.id] }),
    foreignKey({ columns: [t.workflowId, t.companyId], foreignColumns: [workflows.id, workflows.companyId] }).onDelete('cascade'),
    foreignKey({ columns: [t.workflowId, t.sourceStepId], foreignColumns: [workflowSteps.workflowId, workflowSteps.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.workflowId, t.targetStepId], foreignColumns: [workflowSteps.workflowId, workflowSteps.id] }).onDelete('cascade'),
  ],
);

/** Immutable snapshot of a draft at publish. Runs point here, so editing never disturbs a run in flight. */
export const workflowVersions = pgTable(
  'workflow_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: uuid('company_id').notNull(),
    workflowId: uuid('workflow_id').notNull(),
    version: integer('version').notNull(),
    graph: jsonb('graph').$type<Graph>().notNull(),
    triggerConfig: jsonb('trigger_config').$type<TriggerConfig>().notNull(),
    sourceRevision: integer('source_revision').notNull(),
    /** What the publisher said about this version ("Raise the approval threshold"); may be empty. */
    message: text('message').notNull().default(''),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('workflow_versions_number_uq').on(t.workflowId, t.version),
    foreignKey({ columns: [t.workflowId, t.companyId], foreignColumns: [workflows.id, workflows.companyId] }).onDelete('cascade'),
  ],
);

export const workflowAuditLog = pgTable(
  'workflow_audit_log',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: uuid('company_id').notNull().references(() => companies.id, { onDelete: 'cascade' }),
    workflowId: uuid('workflow_id'),
    actorUserId: uuid('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    action: text('action').notNull(),
    fromRevision: integer('from_revision'),
    toRevision: integer('to_revision'),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    /** Set for entries a durable step writes (a gate's reminder, escalation): a re-executed step writes it once. */
    dedupeKey: text('dedupe_key'),
  },
  (t) => [
    index('workflow_audit_log_workflow_idx').on(t.companyId, t.workflowId, t.at),
    uniqueIndex('workflow_audit_log_dedupe_uq').on(t.companyId, t.dedupeKey).where(sql`dedupe_key is not null`),
  ],
);
