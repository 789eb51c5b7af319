import { z } from 'zod';
import { GraphIdSchema, StepSchema } from '../../../../shared/graph/schema.ts';
import { checkHostile } from '../../../../shared/input/hostile.ts';
import { INPUT_LIMITS } from '../../../../shared/input/limits.ts';
import { boundedJson, boundedJsonObject } from '../../../../shared/input/schemas.ts';
import { loadWorkflow } from '../../../services/workflows/load.ts';
import { testStep } from '../../../workflow/test-step.ts';
import { companyProcedure } from '../../init.ts';

/** The step as the panel has it: its config free-form (its kind's schema checks it when it runs), bounded as in saveGraph. */
const TestedStepSchema = StepSchema.superRefine((step, ctx) => {
  const issue = checkHostile(step.config, INPUT_LIMITS.stepConfig);
  if (issue) ctx.addIssue({ code: 'custom', path: ['config', ...issue.path], message: issue.message });
});

/** What the step sees, as in a run: the trigger event, upstream steps' outputs by id, and the run's data. */
const TestInputSchema = z.object({
  event: z.object({ name: z.string().min(1).max(200), data: boundedJsonObject(INPUT_LIMITS.runPayload) }),
  steps: z.record(GraphIdSchema, boundedJson(INPUT_LIMITS.runPayload)).default({}),
  data: boundedJsonObject(INPUT_LIMITS.runPayload).default({}),
});

/**
 * "Test step": one step of a workflow run alone over the given input, as the draft has it now (the panel's config,
 * saved or not), without starting a run (workflow/test-step.ts). Side effects need `confirm: true`; what they are
 * is in the refusal's details, so a client that did not ask first can still say it.
 */
export const testStepProcedure = companyProcedure('edit_workflows')
  .input(z.object({ workflowId: z.uuid(), step: TestedStepSchema, input: TestInputSchema, confirm: z.boolean().default(false) }))
  .mutation(async ({ ctx, input }) => {
    // The workflow must be this company's (RLS hides another's): a test runs in the name of one of its steps.
    await loadWorkflow(ctx.tx, input.workflowId);
    const { result, events } = await testStep(ctx.db, { companyId: ctx.company.id, workflowId: input.workflowId, step: input.step, input: input.input, confirm: input.confirm });
    if (events.length) ctx.afterCommit(() => ctx.sendEvent(events));
    return result;
  });
