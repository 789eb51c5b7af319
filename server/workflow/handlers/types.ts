import type { CatalogEvent } from '../../../shared/events/index.ts';
import type { z } from 'zod';
import type { StepDefinition } from '../../../shared/steps/define-step.ts';
import type { Db } from '../../db/client.ts';
import type { FunctionCall } from '../port.ts';
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
  sendEvent: (event: CatalogEvent) => Promise<void>;
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

/**
 * The server half of a step kind whose work is another Inngest function (Claude skills, enrichment, image
 * validation): `prepare` says what to invoke (inside a durable step, so replays see the same call), the engine
 * invokes it as a child run, and `finish` turns the child's output into the step's output. A failed child fails the
 * step with the child's error.
 */
export interface InvokeHandler<D extends StepDefinition = StepDefinition> {
  definition: D;
  invokes: true;
  prepare(ctx: HandlerContext, config: z.infer<D['config']>): Promise<FunctionCall>;
  finish(ctx: HandlerContext, config: z.infer<D['config']>, result: unknown): Promise<ActionResult>;
}

export function defineInvokeHandler<D extends StepDefinition>(
  definition: D,
  prepare: InvokeHandler<D>['prepare'],
  finish: InvokeHandler<D>['finish'],
): InvokeHandler<D> {
  return { definition, invokes: true, prepare, finish };
}

export function isInvokeHandler(h: ActionHandler | InvokeHandler): h is InvokeHandler {
  return (h as InvokeHandler).invokes === true;
}

/** A failure that retrying cannot fix (bad configuration, refused address): the step fails at once. */
export class PermanentStepError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentStepError';
  }
}
