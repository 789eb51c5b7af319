import { parseEvent } from '../../../shared/events/index.ts';
import { emitEventStep } from '../../../shared/steps/kinds/emit-event.ts';
import { celValue } from '../../../shared/cel/evaluate.ts';
import { celVars } from '../vars.ts';
import { defineHandler, PermanentStepError } from './types.ts';

/**
 * Sends the configured external event with fields computed by CEL, checked against the catalog, as the run's company
 * (a computed `companyId` never wins: it is stamped last). The id is fixed per run and step, so a retry sends once.
 */
export const emitEventHandler = defineHandler(emitEventStep, async (ctx, config) => {
  const data: Record<string, unknown> = { workflowRunId: ctx.runId };
  for (const [field, expression] of Object.entries(config.data)) {
    try {
      data[field] = celValue(expression, celVars(ctx.vars));
    } catch (err) {
      throw new PermanentStepError(`${field}: ${(err as Error).message.split('\n')[0]}`);
    }
  }
  data.companyId = ctx.companyId;
  const id = `wf:${ctx.runId}:${ctx.stepId}`;
  const parsed = parseEvent(config.event, id, data);
  if (!parsed.ok) throw new PermanentStepError(`${config.event} refused: ${parsed.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  await ctx.sendEvent(parsed.event);
  return { output: { eventId: id, event: config.event, data: parsed.event.data } };
});
