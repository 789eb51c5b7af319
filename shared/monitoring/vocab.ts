/**
 * Retailer monitoring vocabularies (DOMAIN.md §1.3, §1.6): spec changes found by the change sentinel, and drift
 * between what was syndicated and what a retailer's product page shows, found by the watchdog.
 */
export const SPEC_CHANGE_SEVERITIES = ['low', 'medium', 'high'] as const;
export type SpecChangeSeverity = (typeof SPEC_CHANGE_SEVERITIES)[number];

export const EXTRACTION_METHODS = ['json_ld', 'dom', 'none'] as const;
export type ExtractionMethod = (typeof EXTRACTION_METHODS)[number];

export const COMPLIANCE_BANDS = ['compliant', 'at_risk', 'non_compliant'] as const;
export type ComplianceBand = (typeof COMPLIANCE_BANDS)[number];

export const DRIFT_CLASSIFICATIONS = ['missing', 'truncated', 'stale_copy', 'retailer_rewrite', 'material_change', 'pack_size_mismatch', 'wrong_image', 'delisted'] as const;
export type DriftClassification = (typeof DRIFT_CLASSIFICATIONS)[number];

export const DRIFT_SEVERITIES = ['info', 'warning', 'critical'] as const;
export type DriftSeverity = (typeof DRIFT_SEVERITIES)[number];

export const FINDING_STATUSES = ['open', 'resolved'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];
