import { z } from 'zod';
import { GraphSchema } from '../../../../shared/graph/schema.ts';
import { saveGraph } from '../../../services/workflows/save-graph.ts';
import { companyProcedure } from '../../init.ts';
import { RevisionSchema } from './schemas.ts';

export const saveGraphProcedure = companyProcedure('edit_workflows')
  .input(z.object({ id: z.uuid(), expectedRevision: RevisionSchema, graph: GraphSchema }))
  .mutation(({ ctx, input }) => saveGraph(ctx.tx, ctx.user.id, input));
