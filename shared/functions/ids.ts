/**
 * Every Inngest function's id, in one place: the function files define them with these, invokes name them with
 * these, and whoever reads engine data (metrics, inspector) matches on `functionSlug(id)`, the app-prefixed slug
 * Inngest reports in system events and run records.
 */
export const APP_ID = 'ember-workflows';

export const FUNCTION_IDS = {
  workflowExecutor: 'workflow-executor',
  workflowRunCancelled: 'workflow-run-cancelled',
  workflowTriggerEnrichment: 'workflow-trigger-enrichment',
  workflowTriggerFieldChanged: 'workflow-trigger-field-changed',
  workflowTriggerAsset: 'workflow-trigger-asset',
  scheduleTrigger: 'schedule-trigger',
  taskEscalator: 'task-escalator',
  taskOrchestrator: 'task-orchestrator',
  auditAgent: 'audit-agent',
  assetValidation: 'asset-validation',
  assetAiTagging: 'asset-ai-tagging',
  claudeAgentRunner: 'claude-agent-runner',
  enrichmentPipeline: 'enrichment-pipeline',
  enrichmentBatch: 'enrichment-batch',
  enrichmentJobCleanup: 'enrichment-job-cleanup',
  shadowEnrichment: 'shadow-enrichment',
  changeSentinelRunner: 'change-sentinel-runner',
  watchdogRunner: 'watchdog-runner',
  watchdogListing: 'watchdog-listing',
} as const;

export type FunctionId = (typeof FUNCTION_IDS)[keyof typeof FUNCTION_IDS];

/** The slug Inngest (and the embedded executor) reports for a function: `<app id>-<function id>`. */
export function functionSlug<I extends FunctionId>(id: I): `${typeof APP_ID}-${I}` {
  return `${APP_ID}-${id}`;
}

/** The function id of a slug, for display ("workflow-executor"); the slug itself when it is not ours. */
export function functionIdOfSlug(slug: string): string {
  return slug.startsWith(`${APP_ID}-`) ? slug.slice(APP_ID.length + 1) : slug;
}
