import type { z } from 'zod';
import type { StepDefinition } from '../../../shared/steps/define-step.ts';
import type { Db } from '../../db/client.ts';
import type { RunVars } from '../vars.ts';

export interface HandlerContext {
  db: Db;
  companyId: string;
  runId: string;
  workflowId: string;
  stepId: string;
  stepName: string;
  vars: RunVars;
  /** Sends an event; the id makes a retried send a no-op. */
  sendEvent: (event: { id: string; name: string; data: Record<string, unknown> }) => Promise<void>;
}

export interface ActionResult {
  output: unknown;
  /** Fields merged into the run's data (`data.*` in later expressions). */
  data?: Record<string, unknown>;
}

/** The server half of a step kind: what it does when it runs. The browser-safe half lives in shared/steps. */
export interface ActionHandler<D extends StepDefinition = StepDefinition> {
  definition: D;
  run(ctx: HandlerContext, config: z.infer<D['config']>): Promise<ActionResult>;
}

export function defineHandler<D extends StepDefinition>(definition: D, run: ActionHandler<D>['run']): ActionHandler<D> {
  return { definition, run };
}

/** A failure that retrying cannot fix (bad configuration, refused address): the step fails at once. */
export class PermanentStepError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentStepError';
  }
}
