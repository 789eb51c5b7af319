import { celValue } from '../../../shared/cel/evaluate.ts';
import { transformStep } from '../../../shared/steps/kinds/transform.ts';
import { celVars } from '../vars.ts';
import { defineHandler, PermanentStepError } from './types.ts';

/** Evaluates each CEL expression over the run so far; the results become this step's output and run data. */
export const transformHandler = defineHandler(transformStep, async (ctx, config) => {
  const out: Record<string, unknown> = {};
  for (const [field, expression] of Object.entries(config.mapping)) {
    try {
      out[field] = celValue(expression, celVars(ctx.vars));
    } catch (err) {
      throw new PermanentStepError(`${field}: ${(err as Error).message.split('\n')[0]}`);
    }
  }
  return { output: out, data: out };
});
