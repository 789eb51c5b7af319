/** Every Inngest function the server hosts, one file each; the serve handler and the executor take this list. */
import type { InngestFunction } from 'inngest';
import { assetAiTagging } from './asset-ai-tagging.ts';
import { assetValidation } from './asset-validation.ts';
import { auditAgent } from './audit-agent.ts';
import { changeSentinelRunner } from './change-sentinel-runner.ts';
import { claudeAgentRunner } from './claude-agent-runner.ts';
import type { FunctionDeps } from './deps.ts';
import { enrichmentBatch } from './enrichment-batch.ts';
import { enrichmentJobCleanup } from './enrichment-job-cleanup.ts';
import { enrichmentPipeline } from './enrichment-pipeline.ts';
import { scheduleTrigger } from './schedule-trigger.ts';
import { shadowEnrichment } from './shadow-enrichment.ts';
import { taskEscalator } from './task-escalator.ts';
import { taskOrchestrator } from './task-orchestrator.ts';
import { watchdogListing } from './watchdog-listing.ts';
import { watchdogRunner } from './watchdog-runner.ts';
import { workflowExecutor } from './workflow-executor.ts';
import { workflowRunCancelledSync } from './workflow-run-cancelled.ts';
import { workflowTriggerAsset } from './workflow-trigger-asset.ts';
import { workflowTriggerEnrichment } from './workflow-trigger-enrichment.ts';
import { workflowTriggerFieldChanged } from './workflow-trigger-field-changed.ts';

export function buildFunctions(deps: FunctionDeps): InngestFunction.Any[] {
  return [
    workflowExecutor(deps),
    workflowRunCancelledSync(deps),
    workflowTriggerEnrichment(deps),
    workflowTriggerFieldChanged(deps),
    scheduleTrigger(deps),
    taskEscalator(deps),
    taskOrchestrator(deps),
    auditAgent(deps),
    assetValidation(deps),
    assetAiTagging(deps),
    workflowTriggerAsset(deps),
    claudeAgentRunner(deps),
    enrichmentPipeline(deps),
    enrichmentBatch(deps),
    enrichmentJobCleanup(deps),
    shadowEnrichment(deps),
    changeSentinelRunner(deps),
    watchdogRunner(deps),
    watchdogListing(deps),
  ];
}
