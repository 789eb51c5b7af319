import { z } from 'zod';
import { defineEvent } from './define.ts';
import { CompanyId, Uuid } from './fields.ts';

export const taskCreated = defineEvent('task/created', {
  audience: 'internal',
  description: 'A task was opened; the orchestrator routes it.',
  schema: z.object({ companyId: CompanyId, taskId: Uuid }),
});

/** Runs the escalator now, optionally for one company and at a given instant (tests and operators pass the clock). */
export const taskEscalationRequested = defineEvent('task/escalation.requested', {
  audience: 'internal',
  description: 'Runs the task escalator now.',
  schema: z.object({ companyId: CompanyId.optional(), now: z.string().optional() }),
});
