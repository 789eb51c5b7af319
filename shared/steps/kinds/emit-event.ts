import { z } from 'zod';
import { defineStep, str } from '../define-step.ts';
import { CelSchema } from '../fields.ts';

export const emitEventStep = defineStep({
  kind: 'emit_event',
  type: 'action',
  title: 'Emit event',
  icon: '📣',
  category: 'Integrations',
  description: 'Sends an event that other workflows and functions can react to.',
  config: z
    .object({
      event: z
        .string()
        .regex(/^[a-z0-9_.-]+\/[a-z0-9_.-]+$/, 'event names look like area/name')
        .describe('Event name'),
      data: z.record(z.string(), CelSchema).default({}).describe('Data (CEL per field)'),
    })
    .strict(),
  defaultConfig: { event: '', data: {} },
  summary: (c) => str(c.event, 'No event yet'),
});
