import { z } from 'zod';
import { GraphSchema } from '../../../../shared/graph/schema.ts';
import { checkHostile } from '../../../../shared/input/hostile.ts';
import { INPUT_LIMITS } from '../../../../shared/input/limits.ts';
import { saveGraph } from '../../../services/workflows/save-graph.ts';
import { companyProcedure } from '../../init.ts';
import { RevisionSchema } from './schemas.ts';

/** Each step's config is free-form JSON until publish validates it by kind: bounded here (depth, size) per step. */
const BoundedGraphSchema = GraphSchema.superRefine((graph, ctx) => {
  graph.steps.forEach((step, i) => {
    const issue = checkHostile(step.config, INPUT_LIMITS.stepConfig);
    if (issue) ctx.addIssue({ code: 'custom', path: ['steps', i, 'config', ...issue.path], message: issue.message });
  });
});

export const saveGraphProcedure = companyProcedure('edit_workflows')
  .input(z.object({ id: z.uuid(), expectedRevision: RevisionSchema, graph: BoundedGraphSchema }))
  .mutation(({ ctx, input }) => saveGraph(ctx.tx, ctx.user.id, input));
