/**
 * Retailer monitoring (DOMAIN.md §1.3, §1.6): spec versions and the changes between them (change sentinel), and
 * product-page snapshots, compliance scores and drift findings (watchdog). Retailers are per company, so all of it is.
 */
import { sql } from 'drizzle-orm';
import { boolean, char, foreignKey, index, integer, jsonb, numeric, pgEnum, pgTable, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { COMPLIANCE_BANDS, DRIFT_SEVERITIES, EXTRACTION_METHODS, FINDING_STATUSES, SPEC_CHANGE_SEVERITIES } from '../../shared/monitoring/vocab.ts';
import { listings, retailers } from './channels.ts';
import { tasks } from './runs.ts';

export const specChangeSeverityEnum = pgEnum('spec_change_severity', SPEC_CHANGE_SEVERITIES);
export const extractionMethodEnum = pgEnum('extraction_method', EXTRACTION_METHODS);
export const complianceBandEnum = pgEnum('compliance_band', COMPLIANCE_BANDS);
export const driftSeverityEnum = pgEnum('drift_severity', DRIFT_SEVERITIES);
export const findingStatusEnum = pgEnum('finding_status', FINDING_STATUSES);

export const retailerSpecVersions = pgTable(
  'retailer_spec_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: uuid('company_id').notNull(),
    retailerId: uuid('retailer_id').notNull(),
    retailerProductType: text('retailer_product_type').notNull(),
    versionLabel: text('version_label').notNull(),
    /** sha256 of the canonical (sorted-key) schema. */
    checksum: char('checksum', { length: 64 }).notNull(),
    schema: jsonb('schema').$type<Record<string, unknown>>().notNull(),
    fetchedAt: timestamp('fetched_at', { withTimezone: true }).notNull().defaultNow(),
    isCurrent: boolean('is_current').notNull().default(true),
  },
  (t) => [
    unique('retailer_spec_versions_uq').on(t.retailerId, t.retailerProductType, t.checksum),
    uniqueIndex('retailer_spec_versions_current_uq').on(t.retailerId, t.retailerProductType).where(sql`is_current`),
    foreignKey({ columns: [t.retailerId, t.companyId], foreignColumns: [retailers.id, retailers.companyId] }).onDelete('cascade'),
  ],
);

export const specChanges = pgTable(
  'spec_changes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: uuid('company_id').notNull(),
    retailerId: uuid('retailer_id').notNull(),
    retailerProductType: text('retailer_product_type').notNull(),
    fromVersionId: uuid('from_version_id').references(() => retailerSpecVersions.id, { onDelete: 'set null' }),
    toVersionId: uuid('to_version_id').notNull().references(() => retailerSpecVersions.id, { onDelete: 'cascade' }),
    /** {addedRequired, removedRequired, addedProps, removedProps, constraintChanges, mapped:{retailerName: code}} */
    diff: jsonb('diff').$type<Record<string, unknown>>().notNull(),
    severity: specChangeSeverityEnum('severity').notNull(),
    summary: text('summary').notNull(),
    affectedProducts: integer('affected_products').notNull().default(0),
    affectedProductIds: uuid('affected_product_ids').array().notNull().default(sql`'{}'::uuid[]`),
    detectedAt: timestamp('detected_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('spec_changes_to_uq').on(t.toVersionId),
    index('spec_changes_company_idx').on(t.companyId, t.detectedAt),
    foreignKey({ columns: [t.retailerId, t.companyId], foreignColumns: [retailers.id, retailers.companyId] }).onDelete('cascade'),
  ],
);

export const pdpSnapshots = pgTable(
  'pdp_snapshots',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: uuid('company_id').notNull(),
    listingId: uuid('listing_id').notNull().references(() => listings.id, { onDelete: 'cascade' }),
    /** The watchdog sweep that took it: a retried fetch step finds its snapshot. */
    sweepKey: text('sweep_key').notNull(),
    fetchedAt: timestamp('fetched_at', { withTimezone: true }).notNull().defaultNow(),
    httpStatus: integer('http_status'),
    finalUrl: text('final_url'),
    htmlSha256: char('html_sha256', { length: 64 }),
    htmlStorageKey: text('html_storage_key'),
    extractionMethod: extractionMethodEnum('extraction_method').notNull(),
    /** {title, bullets[], description, images[], brand, gtin, price, availability} */
    extracted: jsonb('extracted').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
  },
  (t) => [unique('pdp_snapshots_sweep_uq').on(t.listingId, t.sweepKey), index('pdp_snapshots_listing_idx').on(t.companyId, t.listingId, t.fetchedAt)],
);

export const pdpCompliance = pgTable(
  'pdp_compliance',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: uuid('company_id').notNull(),
    snapshotId: uuid('snapshot_id').notNull().references(() => pdpSnapshots.id, { onDelete: 'cascade' }),
    listingId: uuid('listing_id').notNull().references(() => listings.id, { onDelete: 'cascade' }),
    titleScore: numeric('title_score', { mode: 'number' }),
    bulletsScore: numeric('bullets_score', { mode: 'number' }),
    descriptionScore: numeric('description_score', { mode: 'number' }),
    imageScore: numeric('image_score', { mode: 'number' }),
    overallScore: numeric('overall_score', { mode: 'number' }).notNull(),
    band: complianceBandEnum('band').notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('pdp_compliance_snapshot_uq').on(t.snapshotId)],
);

export const pdpDriftFindings = pgTable(
  'pdp_drift_findings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: uuid('company_id').notNull(),
    listingId: uuid('listing_id').notNull().references(() => listings.id, { onDelete: 'cascade' }),
    snapshotId: uuid('snapshot_id').references(() => pdpSnapshots.id, { onDelete: 'set null' }),
    field: text('field').notNull(),
    expected: jsonb('expected'),
    observed: jsonb('observed'),
    similarity: numeric('similarity', { mode: 'number' }),
    classification: text('classification').notNull(),
    severity: driftSeverityEnum('severity').notNull(),
    explanation: text('explanation'),
    status: findingStatusEnum('status').notNull().default('open'),
    taskId: uuid('task_id').references(() => tasks.id, { onDelete: 'set null' }),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('pdp_drift_findings_open_uq').on(t.listingId, t.field).where(sql`status = 'open'`),
    index('pdp_drift_findings_company_idx').on(t.companyId, t.status, t.lastSeenAt),
  ],
);
