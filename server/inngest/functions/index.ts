/** Every Inngest function the server hosts, one file each; the serve handler and the executor take this list. */
import type { InngestFunction } from 'inngest';
import type { FunctionDeps } from './deps.ts';
import { workflowExecutor } from './workflow-executor.ts';

export function buildFunctions(deps: FunctionDeps): InngestFunction.Any[] {
  return [workflowExecutor(deps)];
}
