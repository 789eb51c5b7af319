/**
 * Asset vocabularies (DOMAIN.md §1.4). An asset is an uploaded product image; a validation is one retailer's rules
 * applied to it for one role; tags are what Claude vision saw in it.
 */
export const ASSET_ROLES = ['main', 'secondary', 'swatch', 'lifestyle', 'infographic', 'packaging'] as const;
export type AssetRole = (typeof ASSET_ROLES)[number];

export const ASSET_STATUSES = ['uploaded', 'validated', 'invalid', 'tagged', 'archived'] as const;
export type AssetStatus = (typeof ASSET_STATUSES)[number];

export const ASSET_STATUS_LABEL = {
  uploaded: 'Uploaded',
  validated: 'Valid',
  invalid: 'Invalid',
  tagged: 'Tagged',
  archived: 'Archived',
} as const satisfies Record<AssetStatus, string>;

export const TAG_SOURCES = ['claude', 'rule'] as const;
export type TagSource = (typeof TAG_SOURCES)[number];

export const SHOT_TYPES = ['packshot_white', 'lifestyle', 'infographic', 'packaging', 'detail', 'swatch', 'size_chart'] as const;
export type ShotType = (typeof SHOT_TYPES)[number];

export const RULE_SEVERITIES = ['info', 'warning', 'error'] as const;
export type RuleSeverity = (typeof RULE_SEVERITIES)[number];
