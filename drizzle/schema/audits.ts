/** Audits and their findings (DOMAIN.md §1.8); the rules themselves are code (shared/catalog) with per-retailer parameters. */
import { sql } from 'drizzle-orm';
import { doublePrecision, foreignKey, index, integer, jsonb, pgEnum, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { AUDIT_STATUSES, AUDIT_TRIGGERS, FINDING_SEVERITIES } from '../../shared/catalog/vocab.ts';
import { products } from './catalog.ts';
import { retailers } from './channels.ts';
import { companies, users } from './tenancy.ts';

export const auditTriggerEnum = pgEnum('audit_trigger', AUDIT_TRIGGERS);
export const auditStatusEnum = pgEnum('audit_status', AUDIT_STATUSES);
export const findingSeverityEnum = pgEnum('finding_severity', FINDING_SEVERITIES);

export interface AuditSummary {
  errors: number;
  warnings: number;
  byRule: Record<string, number>;
  products: { productId: string; sku: string; score: number; completeness: number; missing: string[] }[];
}

export const audits = pgTable(
  'audits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: uuid('company_id').notNull().references(() => companies.id, { onDelete: 'cascade' }),
    retailerId: uuid('retailer_id'),
    trigger: auditTriggerEnum('trigger').notNull(),
    /** One audit per occurrence (schedule slot, event, run step): a retried request finds the audit it made. */
    auditKey: text('audit_key').notNull(),
    scope: jsonb('scope').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    status: auditStatusEnum('status').notNull().default('running'),
    productsChecked: integer('products_checked').notNull().default(0),
    score: doublePrecision('score'),
    grade: text('grade'),
    summary: jsonb('summary').$type<AuditSummary>(),
    requestedBy: uuid('requested_by').references(() => users.id, { onDelete: 'set null' }),
    workflowRunId: uuid('workflow_run_id'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [
    unique('audits_key_uq').on(t.companyId, t.auditKey),
    unique('audits_id_company_uq').on(t.id, t.companyId),
    index('audits_company_idx').on(t.companyId, t.retailerId, t.startedAt),
    foreignKey({ columns: [t.retailerId, t.companyId], foreignColumns: [retailers.id, retailers.companyId] }).onDelete('cascade'),
  ],
);

export const auditFindings = pgTable(
  'audit_findings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: uuid('company_id').notNull(),
    auditId: uuid('audit_id').notNull(),
    productId: uuid('product_id').notNull(),
    retailerId: uuid('retailer_id'),
    ruleCode: text('rule_code').notNull(),
    severity: findingSeverityEnum('severity').notNull(),
    attributeCode: text('attribute_code'),
    message: text('message').notNull(),
    expected: jsonb('expected').$type<unknown>(),
    observed: jsonb('observed').$type<unknown>(),
    taskId: uuid('task_id'),
  },
  (t) => [
    index('audit_findings_audit_idx').on(t.auditId, t.productId),
    index('audit_findings_product_idx').on(t.companyId, t.productId),
    foreignKey({ columns: [t.auditId, t.companyId], foreignColumns: [audits.id, audits.companyId] }).onDelete('cascade'),
    foreignKey({ columns: [t.productId, t.companyId], foreignColumns: [products.id, products.companyId] }).onDelete('cascade'),
  ],
);
