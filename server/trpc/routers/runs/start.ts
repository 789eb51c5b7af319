import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { INPUT_LIMITS } from '../../../../shared/input/limits.ts';
import { boundedJsonObject } from '../../../../shared/input/schemas.ts';
import { createRun } from '../../../services/runs/start.ts';
import { audit } from '../../../services/workflows/audit.ts';
import { companyProcedure } from '../../init.ts';

/** "Run now": a manual run of the published version with a sample payload (≤ 256 KB, ≤ 32 levels). */
export const startRunProcedure = companyProcedure('run_workflows')
  .input(z.object({ workflowId: z.uuid(), payload: boundedJsonObject(INPUT_LIMITS.runPayload).default({}) }))
  .mutation(async ({ ctx, input }) => {
    const run = await createRun(ctx.tx, {
      companyId: ctx.company.id,
      workflowId: input.workflowId,
      triggerType: 'manual',
      triggerRef: `manual:${randomUUID()}`,
      payload: input.payload,
      startedBy: ctx.user.id,
      requireEnabled: false,
    });
    await audit(ctx.tx, { companyId: ctx.company.id, workflowId: input.workflowId, actorUserId: ctx.user.id, action: 'run_started', detail: { runId: run.runId } });
    ctx.afterCommit(() => ctx.sendEvent([run.event]));
    return { runId: run.runId };
  });
