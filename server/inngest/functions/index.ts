/** Every Inngest function the server hosts, one file each; the serve handler and the executor take this list. */
import type { InngestFunction } from 'inngest';
import { auditAgent } from './audit-agent.ts';
import type { FunctionDeps } from './deps.ts';
import { scheduleTrigger } from './schedule-trigger.ts';
import { taskEscalator } from './task-escalator.ts';
import { taskOrchestrator } from './task-orchestrator.ts';
import { workflowExecutor } from './workflow-executor.ts';
import { workflowTriggerEnrichment } from './workflow-trigger-enrichment.ts';
import { workflowTriggerFieldChanged } from './workflow-trigger-field-changed.ts';

export function buildFunctions(deps: FunctionDeps): InngestFunction.Any[] {
  return [
    workflowExecutor(deps),
    workflowTriggerEnrichment(deps),
    workflowTriggerFieldChanged(deps),
    scheduleTrigger(deps),
    taskEscalator(deps),
    taskOrchestrator(deps),
    auditAgent(deps),
  ];
}
