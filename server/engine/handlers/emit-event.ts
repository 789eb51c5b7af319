import { celValue } from '../../executor/cel.ts';
import { emitEventStep } from '../../../shared/steps/kinds/emit-event.ts';
import { celVars } from '../vars.ts';
import { defineHandler, PermanentStepError } from './types.ts';

/** Sends the configured event with fields computed by CEL; the id is fixed per run and step, so a retry sends once. */
export const emitEventHandler = defineHandler(emitEventStep, async (ctx, config) => {
  const data: Record<string, unknown> = { companyId: ctx.companyId, workflowRunId: ctx.runId };
  for (const [field, expression] of Object.entries(config.data)) {
    try {
      data[field] = celValue(expression, celVars(ctx.vars));
    } catch (err) {
      throw new PermanentStepError(`${field}: ${(err as Error).message.split('\n')[0]}`);
    }
  }
  const id = `wf:${ctx.runId}:${ctx.stepId}`;
  await ctx.sendEvent({ id, name: config.event, data });
  return { output: { eventId: id, event: config.event, data } };
});
