/** Every Inngest function the server hosts, one file each; the serve handler and the executor take this list. */
import type { InngestFunction } from 'inngest';
import type { FunctionDeps } from './deps.ts';
import { scheduleTrigger } from './schedule-trigger.ts';
import { taskEscalator } from './task-escalator.ts';
import { workflowExecutor } from './workflow-executor.ts';
import { workflowTriggerEnrichment } from './workflow-trigger-enrichment.ts';

export function buildFunctions(deps: FunctionDeps): InngestFunction.Any[] {
  return [workflowExecutor(deps), workflowTriggerEnrichment(deps), scheduleTrigger(deps), taskEscalator(deps)];
}
