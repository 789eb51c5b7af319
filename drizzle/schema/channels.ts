/**
 * Retailers, their per-category specs and the listings (DOMAIN.md §1.3). Retailers are per company here: each
 * supplier keeps its own channel configuration and rule parameters, so the tables sit behind the same RLS.
 */
import { sql } from 'drizzle-orm';
import { boolean, foreignKey, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import type { RequirementParams } from '../../shared/catalog/completeness.ts';
import type { TextRules } from '../../shared/catalog/text-rules.ts';
import { LISTING_STATUSES } from '../../shared/catalog/vocab.ts';
import { categories, products } from './catalog.ts';
import { companies } from './tenancy.ts';

export const listingStatusEnum = pgEnum('listing_status', LISTING_STATUSES);

export const retailers = pgTable(
  'retailers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: uuid('company_id').notNull().references(() => companies.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    name: text('name').notNull(),
    pdpUrlTemplate: text('pdp_url_template'),
    currencies: text('currencies').array().notNull().default(sql`'{USD}'::text[]`),
    /** Channel-wide text rule parameters (§3.2); a category spec may override them. */
    textRules: jsonb('text_rules').$type<TextRules>().notNull(),
    imageRules: jsonb('image_rules').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    specSource: jsonb('spec_source').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('retailers_code_uq').on(t.companyId, t.code), unique('retailers_id_company_uq').on(t.id, t.companyId)],
);

/** Akeneo's attribute_requirements[channel] for one family: what this retailer needs for this category. */
export const retailerCategorySpecs = pgTable(
  'retailer_category_specs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: uuid('company_id').notNull(),
    retailerId: uuid('retailer_id').notNull(),
    categoryId: uuid('category_id').notNull(),
    retailerProductType: text('retailer_product_type').notNull(),
    specVersion: text('spec_version'),
    requiredAttributes: text('required_attributes').array().notNull().default(sql`'{}'::text[]`),
    recommendedAttributes: text('recommended_attributes').array().notNull().default(sql`'{}'::text[]`),
    requirementParams: jsonb('requirement_params').$type<RequirementParams>().notNull().default(sql`'{}'::jsonb`),
    attributeMap: jsonb('attribute_map').$type<Record<string, string>>().notNull().default(sql`'{}'::jsonb`),
    /** Overrides of the retailer's text rules for this category (merged over them). */
    textRules: jsonb('text_rules').$type<Partial<TextRules>>().notNull().default(sql`'{}'::jsonb`),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('retailer_category_specs_uq').on(t.retailerId, t.categoryId),
    foreignKey({ columns: [t.retailerId, t.companyId], foreignColumns: [retailers.id, retailers.companyId] }).onDelete('cascade'),
    foreignKey({ columns: [t.categoryId, t.companyId], foreignColumns: [categories.id, categories.companyId] }).onDelete('cascade'),
  ],
);

export const listings = pgTable(
  'listings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: uuid('company_id').notNull(),
    productId: uuid('product_id').notNull(),
    retailerId: uuid('retailer_id').notNull(),
    retailerItemId: text('retailer_item_id'),
    pdpUrl: text('pdp_url'),
    status: listingStatusEnum('status').notNull().default('pending'),
    /** Exactly what was last syndicated: the watchdog's source of truth. */
    publishedContent: jsonb('published_content').$type<Record<string, unknown>>(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    watch: boolean('watch').notNull().default(true),
  },
  (t) => [
    unique('listings_product_retailer_uq').on(t.productId, t.retailerId),
    index('listings_retailer_idx').on(t.companyId, t.retailerId),
    foreignKey({ columns: [t.productId, t.companyId], foreignColumns: [products.id, products.companyId] }).onDelete('cascade'),
    foreignKey({ columns: [t.retailerId, t.companyId], foreignColumns: [retailers.id, retailers.companyId] }).onDelete('cascade'),
  ],
);

/** Completeness per (product, retailer spec), recomputed whenever a product's values change (Akeneo stores it too). */
export const productCompleteness = pgTable(
  'product_completeness',
  {
    companyId: uuid('company_id').notNull(),
    productId: uuid('product_id').notNull(),
    retailerId: uuid('retailer_id').notNull(),
    ratio: integer('ratio').notNull(),
    missing: text('missing').array().notNull().default(sql`'{}'::text[]`),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.productId, t.retailerId] }),
    index('product_completeness_ratio_idx').on(t.companyId, t.ratio),
    foreignKey({ columns: [t.productId, t.companyId], foreignColumns: [products.id, products.companyId] }).onDelete('cascade'),
    foreignKey({ columns: [t.retailerId, t.companyId], foreignColumns: [retailers.id, retailers.companyId] }).onDelete('cascade'),
  ],
);
