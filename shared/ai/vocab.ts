/**
 * Vocabularies of the AI side (DOMAIN.md §1.5), one source each for database enums, zod schemas and UI labels.
 *
 * Glossary
 * - skill: a versioned Claude prompt with a forced tool whose input schema is the structured output.
 * - agent run: one logged invocation of a skill (tokens, cost, attempts), correlated to a job, run or asset.
 * - enrichment job: many products × many fields sent through skills; each result is a suggestion.
 * - suggestion: a proposed attribute value with model and final confidence; auto-approved or reviewed by a person.
 * - shadow run: the same skills run without writing anything, to compare prompts and to fingerprint listings.
 */
export const SKILL_NAMES = [
  'extract_attributes',
  'generate_title',
  'generate_bullets',
  'generate_description',
  'classify_category',
  'tag_image',
  'summarize_spec_change',
  'classify_pdp_drift',
  'classify_rejection',
  'review_copy_compliance',
] as const;
export type SkillName = (typeof SKILL_NAMES)[number];

export const AGENT_RUN_STATUSES = ['completed', 'failed'] as const;
export type AgentRunStatus = (typeof AGENT_RUN_STATUSES)[number];

export const ENRICHMENT_SOURCES = ['upload', 'workflow', 'manual', 'schedule'] as const;
export type EnrichmentSource = (typeof ENRICHMENT_SOURCES)[number];

export const ENRICHMENT_JOB_STATUSES = ['queued', 'running', 'completed', 'partial', 'failed', 'stale', 'cancelled'] as const;
export type EnrichmentJobStatus = (typeof ENRICHMENT_JOB_STATUSES)[number];

export const ENRICHMENT_ITEM_STATUSES = ['pending', 'running', 'completed', 'failed'] as const;
export type EnrichmentItemStatus = (typeof ENRICHMENT_ITEM_STATUSES)[number];

export const SUGGESTION_STATUSES = ['pending', 'auto_approved', 'approved', 'rejected', 'superseded', 'applied'] as const;
export type SuggestionStatus = (typeof SUGGESTION_STATUSES)[number];

export const SUGGESTION_STATUS_LABEL = {
  pending: 'Needs review',
  auto_approved: 'Auto-approved',
  approved: 'Approved',
  rejected: 'Rejected',
  superseded: 'Superseded',
  applied: 'Applied',
} as const satisfies Record<SuggestionStatus, string>;

export const SHADOW_RUN_STATUSES = ['running', 'completed', 'failed'] as const;
export type ShadowRunStatus = (typeof SHADOW_RUN_STATUSES)[number];
