/** Product images, their per-retailer validations and their Claude vision tags (DOMAIN.md §1.4). */
import { boolean, char, foreignKey, index, integer, jsonb, numeric, pgEnum, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { ASSET_ROLES, ASSET_STATUSES, TAG_SOURCES } from '../../shared/assets/vocab.ts';
import { products } from './catalog.ts';
import { retailers } from './channels.ts';
import { companies, users } from './tenancy.ts';

export const assetRoleEnum = pgEnum('asset_role', ASSET_ROLES);
export const assetStatusEnum = pgEnum('asset_status', ASSET_STATUSES);
export const tagSourceEnum = pgEnum('tag_source', TAG_SOURCES);

export const assets = pgTable(
  'assets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: uuid('company_id').notNull().references(() => companies.id, { onDelete: 'cascade' }),
    productId: uuid('product_id'),
    /** Path under the asset store (content-addressed: <company>/<sha256>.<ext>). */
    storageKey: text('storage_key').notNull(),
    filename: text('filename').notNull(),
    mimeType: text('mime_type').notNull(),
    bytes: integer('bytes').notNull(),
    width: integer('width'),
    height: integer('height'),
    channels: integer('channels'),
    colorSpace: text('color_space'),
    isAnimated: boolean('is_animated').notNull().default(false),
    sha256: char('sha256', { length: 64 }).notNull(),
    dhash: char('dhash', { length: 16 }),
    role: assetRoleEnum('role'),
    /** A role Claude's tags suggest, for a person to confirm. */
    suggestedRole: assetRoleEnum('suggested_role'),
    status: assetStatusEnum('status').notNull().default('uploaded'),
    uploadedBy: uuid('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('assets_id_company_uq').on(t.id, t.companyId),
    /** The same bytes uploaded twice for a product are one asset (a retried upload writes nothing new). */
    unique('assets_product_sha_uq').on(t.companyId, t.productId, t.sha256).nullsNotDistinct(),
    index('assets_product_idx').on(t.companyId, t.productId),
    foreignKey({ columns: [t.productId, t.companyId], foreignColumns: [products.id, products.companyId] }).onDelete('cascade'),
  ],
);

export const assetValidations = pgTable(
  'asset_validations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: uuid('company_id').notNull(),
    assetId: uuid('asset_id').notNull(),
    retailerId: uuid('retailer_id').notNull(),
    roleEvaluated: assetRoleEnum('role_evaluated').notNull(),
    passed: boolean('passed').notNull(),
    /** [{rule, severity, expected, actual, passed, message}] */
    results: jsonb('results').$type<Record<string, unknown>[]>().notNull(),
    /** {longestSide, aspect, borderWhiteRatio, fillRatio, bytes, format, ...} */
    metrics: jsonb('metrics').$type<Record<string, unknown>>().notNull(),
    validatedAt: timestamp('validated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('asset_validations_uq').on(t.assetId, t.retailerId, t.roleEvaluated),
    foreignKey({ columns: [t.assetId, t.companyId], foreignColumns: [assets.id, assets.companyId] }).onDelete('cascade'),
    foreignKey({ columns: [t.retailerId, t.companyId], foreignColumns: [retailers.id, retailers.companyId] }).onDelete('cascade'),
  ],
);

export const assetTags = pgTable(
  'asset_tags',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: uuid('company_id').notNull(),
    assetId: uuid('asset_id').notNull(),
    source: tagSourceEnum('source').notNull(),
    model: text('model'),
    shotType: text('shot_type'),
    hasTextOverlay: boolean('has_text_overlay'),
    hasWatermark: boolean('has_watermark'),
    hasProps: boolean('has_props'),
    hasPeople: boolean('has_people'),
    productCount: integer('product_count'),
    dominantColors: text('dominant_colors').array().notNull().default(sql`'{}'::text[]`),
    detectedText: text('detected_text').array().notNull().default(sql`'{}'::text[]`),
    altText: text('alt_text'),
    matchesProduct: boolean('matches_product'),
    confidence: numeric('confidence', { precision: 3, scale: 2, mode: 'number' }),
    raw: jsonb('raw').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('asset_tags_uq').on(t.assetId, t.source),
    foreignKey({ columns: [t.assetId, t.companyId], foreignColumns: [assets.id, assets.companyId] }).onDelete('cascade'),
  ],
);
