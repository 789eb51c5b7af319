/**
 * The catalog (DOMAIN.md §1.2), Akeneo-shaped: categories ("families") with typed attributes, products with
 * their values keyed by attribute + channel + locale, and the field history that feeds `product/field.changed`.
 * Every table is tenant data (company_id, forced RLS in migration 0008); composite keys pin each row to its company.
 */
import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, foreignKey, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import type { AttributeValidation } from '../../shared/catalog/values.ts';
import { ACTOR_TYPES, ATTRIBUTE_TYPES, IMPORT_STATUSES, PRODUCT_STATUSES, VALUE_SOURCES } from '../../shared/catalog/vocab.ts';
import { companies, users } from './tenancy.ts';

export const attributeTypeEnum = pgEnum('attribute_type', ATTRIBUTE_TYPES);
export const productStatusEnum = pgEnum('product_status', PRODUCT_STATUSES);
export const valueSourceEnum = pgEnum('value_source', VALUE_SOURCES);
export const actorTypeEnum = pgEnum('actor_type', ACTOR_TYPES);
export const importStatusEnum = pgEnum('import_status', IMPORT_STATUSES);

export const categories = pgTable(
  'categories',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: uuid('company_id').notNull().references(() => companies.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    name: text('name').notNull(),
    parentId: uuid('parent_id'),
    gpcBrick: text('gpc_brick'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('categories_code_uq').on(t.companyId, t.code), unique('categories_id_company_uq').on(t.id, t.companyId)],
);

export const attributes = pgTable(
  'attributes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: uuid('company_id').notNull().references(() => companies.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    label: text('label').notNull(),
    groupCode: text('group_code').notNull().default('general'),
    type: attributeTypeEnum('type').notNull(),
    /** A scopable attribute may hold a per-retailer value besides the global one. */
    scopable: boolean('scopable').notNull().default(false),
    validation: jsonb('validation').$type<AttributeValidation>().notNull().default(sql`'{}'::jsonb`),
    sort: integer('sort').notNull().default(0),
  },
  (t) => [unique('attributes_code_uq').on(t.companyId, t.code)],
);

/** Family membership: which attributes a category's products carry, and which the supplier itself requires. */
export const categoryAttributes = pgTable(
  'category_attributes',
  {
    companyId: uuid('company_id').notNull(),
    categoryId: uuid('category_id').notNull(),
    attributeCode: text('attribute_code').notNull(),
    sort: integer('sort').notNull().default(0),
    requiredInternal: boolean('required_internal').notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.categoryId, t.attributeCode] }),
    foreignKey({ columns: [t.categoryId, t.companyId], foreignColumns: [categories.id, categories.companyId] }).onDelete('cascade'),
    foreignKey({ columns: [t.companyId, t.attributeCode], foreignColumns: [attributes.companyId, attributes.code] }).onDelete('cascade'),
  ],
);

export const products = pgTable(
  'products',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: uuid('company_id').notNull().references(() => companies.id, { onDelete: 'cascade' }),
    sku: text('sku').notNull(),
    /** Normalized to 14 digits. Not checked here: a bad check digit is an audit finding, not a refused row. */
    gtin: text('gtin'),
    brand: text('brand').notNull().default(''),
    categoryId: uuid('category_id').notNull(),
    status: productStatusEnum('status').notNull().default('draft'),
    /** Bumped by every value change (optimistic concurrency for editors). */
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('products_sku_uq').on(t.companyId, t.sku),
    unique('products_id_company_uq').on(t.id, t.companyId),
    index('products_category_idx').on(t.companyId, t.categoryId),
    index('products_gtin_idx').on(t.companyId, t.gtin),
    foreignKey({ columns: [t.categoryId, t.companyId], foreignColumns: [categories.id, categories.companyId] }),
  ],
);

export const productValues = pgTable(
  'product_values',
  {
    companyId: uuid('company_id').notNull(),
    productId: uuid('product_id').notNull(),
    attributeCode: text('attribute_code').notNull(),
    /** '' = the global value; otherwise a retailer code for a scoped value. */
    channelCode: text('channel_code').notNull().default(''),
    locale: text('locale').notNull().default('en_US'),
    value: jsonb('value').$type<unknown>().notNull(),
    source: valueSourceEnum('source').notNull().default('manual'),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.productId, t.attributeCode, t.channelCode, t.locale] }),
    foreignKey({ columns: [t.productId, t.companyId], foreignColumns: [products.id, products.companyId] }).onDelete('cascade'),
    foreignKey({ columns: [t.companyId, t.attributeCode], foreignColumns: [attributes.companyId, attributes.code] }),
  ],
);

/**
 * Who or what changed which field, from which run. The id orders changes per product, which is the watermark the
 * field-changed trigger reads from; origin_run_id is the loop guard (a workflow's own writes never retrigger it).
 */
export const productFieldHistory = pgTable(
  'product_field_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    companyId: uuid('company_id').notNull(),
    productId: uuid('product_id').notNull(),
    attributeCode: text('attribute_code').notNull(),
    channelCode: text('channel_code').notNull().default(''),
    locale: text('locale').notNull().default('en_US'),
    oldValue: jsonb('old_value').$type<unknown>(),
    newValue: jsonb('new_value').$type<unknown>(),
    actorType: actorTypeEnum('actor_type').notNull(),
    /** A user id, workflow id, import batch id or job id, by actor type. */
    actorId: text('actor_id'),
    originRunId: uuid('origin_run_id'),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('product_field_history_product_idx').on(t.productId, t.id),
    foreignKey({ columns: [t.productId, t.companyId], foreignColumns: [products.id, products.companyId] }).onDelete('cascade'),
  ],
);

/** How far the field-changed trigger has read each product's history. */
export const productTriggerWatermarks = pgTable(
  'product_trigger_watermarks',
  {
    companyId: uuid('company_id').notNull(),
    productId: uuid('product_id').primaryKey(),
    lastHistoryId: bigint('last_history_id', { mode: 'number' }).notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [foreignKey({ columns: [t.productId, t.companyId], foreignColumns: [products.id, products.companyId] }).onDelete('cascade')],
);

export interface ImportError {
  line: number;
  column: number | null;
  columnName: string | null;
  message: string;
}

export const importBatches = pgTable(
  'import_batches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: uuid('company_id').notNull().references(() => companies.id, { onDelete: 'cascade' }),
    filename: text('filename').notNull(),
    source: text('source').notNull().default('csv'),
    rowCount: integer('row_count').notNull().default(0),
    createdCount: integer('created_count').notNull().default(0),
    updatedCount: integer('updated_count').notNull().default(0),
    errorCount: integer('error_count').notNull().default(0),
    status: importStatusEnum('status').notNull(),
    errors: jsonb('errors').$type<ImportError[]>().notNull().default(sql`'[]'::jsonb`),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('import_batches_company_idx').on(t.companyId, t.createdAt)],
);
