import { z } from 'zod';
import { defineEvent } from './define.ts';
import { CompanyId, Uuid } from './fields.ts';

/** Starts the executor on a run row created (and pinned to a version) by the runs service. */
export const workflowTriggered = defineEvent('workflow/triggered', {
  audience: 'internal',
  description: 'A workflow run was created and should execute.',
  schema: z.object({
    companyId: CompanyId,
    workflowId: Uuid,
    workflowRunId: Uuid,
    versionId: Uuid,
    trigger: z.object({ type: z.string(), ref: z.string() }),
    payload: z.record(z.string(), z.unknown()),
    originRunId: Uuid.optional(),
    depth: z.number().int().nonnegative(),
  }),
});

/** A wake-up for a waiting gate: the gate reads the decision from its task row, never from this payload. */
export const humanGateResolved = defineEvent('workflow/human_gate.resolved', {
  audience: 'internal',
  description: 'A human gate was decided.',
  schema: z.object({
    companyId: CompanyId,
    workflowRunId: Uuid,
    stepId: z.string(),
    taskId: Uuid,
    decision: z.enum(['approved', 'rejected']),
    comment: z.string().nullable(),
    resolvedBy: Uuid.nullable(),
  }),
});

/** Sent only by the cancel service, after it has cancelled the run's rows in one transaction. */
export const workflowRunCancelled = defineEvent('workflow/run.cancelled', {
  audience: 'internal',
  description: 'A workflow run was cancelled.',
  schema: z.object({ companyId: CompanyId, workflowRunId: Uuid, cancelledBy: Uuid.nullable() }),
});
