import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { GraphSchema } from '../../../../shared/graph/schema.ts';
import { checkHostile } from '../../../../shared/input/hostile.ts';
import { INPUT_LIMITS } from '../../../../shared/input/limits.ts';
import { boundedJsonObject } from '../../../../shared/input/schemas.ts';
import { simulateWorkflow } from '../../../services/workflows/simulate.ts';
import { companyProcedure } from '../../init.ts';

/** Bounded like saveGraph's: each step's config is free-form JSON of a limited depth and size. */
const DraftGraphSchema = GraphSchema.superRefine((graph, ctx) => {
  graph.steps.forEach((step, i) => {
    const issue = checkHostile(step.config, INPUT_LIMITS.stepConfig);
    if (issue) ctx.addIssue({ code: 'custom', path: ['steps', i, 'config', ...issue.path], message: issue.message });
  });
});

export const MAX_SIMULATED_RUNS = 200;
export const MAX_SAMPLES = 50;

const SourceSchema = z.union([
  z.object({ lastRuns: z.number().int().min(1).max(MAX_SIMULATED_RUNS) }).strict(),
  z.object({ samples: z.array(boundedJsonObject(INPUT_LIMITS.runPayload)).min(1).max(MAX_SAMPLES) }).strict(),
]);

/**
 * What-if: the draft (as the editor has it, saved or not; else the saved draft) walked over the workflow's last N
 * runs or over sample payloads, with no side effects (shared/simulate). Read-only twice over: nothing here writes,
 * and the transaction is switched to read only first, so a write would be refused by Postgres itself. A mutation
 * only for its transport: a draft graph is too big for a query's URL.
 */
export const simulateProcedure = companyProcedure('edit_workflows')
  .input(z.object({ workflowId: z.uuid(), graph: DraftGraphSchema.optional(), source: SourceSchema }))
  .mutation(async ({ ctx, input }) => {
    await ctx.tx.execute(sql`set transaction read only`);
    return simulateWorkflow(ctx.tx, input);
  });
