/**
 * The catalog's vocabularies (DOMAIN.md §1.2–1.3), one source each: database enums, zod schemas and UI labels all
 * derive from these lists.
 *
 * Glossary
 * - attribute: a typed field of a product (`title`, `net_content`, …); its `code` is snake_case and stable.
 * - category: Akeneo's "family": the attribute set of a product kind (coffee, hand_soap, dog_treats).
 * - channel / retailer: where products are syndicated (amazon_us, walmart_us, target_plus); a value may be scoped
 *   to one channel (`channel_code`), '' being the global value.
 * - spec: a retailer's requirements for one category: required attributes and text rules.
 * - completeness: Akeneo's ratio of filled required attributes per (product, retailer), with the missing codes.
 */
export const ATTRIBUTE_TYPES = [
  'identifier',
  'text',
  'textarea',
  'text_list',
  'number',
  'metric',
  'price',
  'boolean',
  'simple_select',
  'multi_select',
  'date',
  'asset',
] as const;
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];

export const PRODUCT_STATUSES = ['draft', 'in_review', 'approved', 'archived'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

export const PRODUCT_STATUS_LABEL = {
  draft: 'Draft',
  in_review: 'In review',
  approved: 'Approved',
  archived: 'Archived',
} as const satisfies Record<ProductStatus, string>;

export const VALUE_SOURCES = ['supplier', 'manual', 'ai', 'import', 'workflow'] as const;
export type ValueSource = (typeof VALUE_SOURCES)[number];

/** Who changed a field: a person, a workflow run, enrichment, an import, or the system (ignored by triggers). */
export const ACTOR_TYPES = ['user', 'workflow', 'enrichment', 'import', 'system'] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

export const ACTOR_TYPE_LABEL = {
  user: 'Person',
  workflow: 'Workflow',
  enrichment: 'Enrichment',
  import: 'Import',
  system: 'System',
} as const satisfies Record<ActorType, string>;

export const LISTING_STATUSES = ['pending', 'active', 'rejected', 'suppressed', 'delisted'] as const;
export type ListingStatus = (typeof LISTING_STATUSES)[number];

export const IMPORT_STATUSES = ['completed', 'failed'] as const;

export const FINDING_SEVERITIES = ['info', 'warning', 'error'] as const;
export type FindingSeverity = (typeof FINDING_SEVERITIES)[number];

export const AUDIT_TRIGGERS = ['schedule', 'manual', 'workflow'] as const;
export type AuditTrigger = (typeof AUDIT_TRIGGERS)[number];

export const AUDIT_STATUSES = ['running', 'completed', 'failed'] as const;

/** Product columns that read and write like attributes (they are required by specs and shown with the values). */
export const COLUMN_ATTRIBUTES = ['brand', 'gtin'] as const;
export type ColumnAttribute = (typeof COLUMN_ATTRIBUTES)[number];

export function isColumnAttribute(code: string): code is ColumnAttribute {
  return (COLUMN_ATTRIBUTES as readonly string[]).includes(code);
}

/** Codes are snake_case: attribute, category and retailer codes alike. */
export const CODE_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;
