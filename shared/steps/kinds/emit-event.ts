import { z } from 'zod';
import { eventDef, EXTERNAL_EVENT_NAMES } from '../../events/index.ts';
import { defineStep, str } from '../define-step.ts';
import { CelSchema } from '../fields.ts';

/** Fields the engine sets itself: the run's company always, and the run id where the event has one. */
export const EMIT_EVENT_STAMPED_FIELDS = ['companyId'] as const;

/**
 * Sends one of the catalog's external events (the same ones the ingress accepts), always as the run's company. At
 * publish the data's field names are checked against the event's schema; at run time the computed values are.
 */
export const emitEventStep = defineStep({
  kind: 'emit_event',
  type: 'action',
  title: 'Emit event',
  icon: '📣',
  category: 'Integrations',
  description: 'Sends an event of the catalog that other workflows, functions and connectors react to.',
  config: z
    .object({
      event: z.enum(EXTERNAL_EVENT_NAMES as [string, ...string[]]).describe('Event'),
      data: z.record(z.string(), CelSchema).default({}).describe('Data (CEL per field)'),
    })
    .strict()
    .superRefine((config, ctx) => {
      const def = eventDef(config.event);
      if (!def) return;
      const shape = def.schema.shape as Record<string, z.ZodType>;
      for (const field of Object.keys(config.data)) {
        if ((EMIT_EVENT_STAMPED_FIELDS as readonly string[]).includes(field)) {
          ctx.addIssue({ code: 'custom', path: ['data', field], message: `${field} is set by the engine to the run's company` });
        } else if (!(field in shape)) {
          ctx.addIssue({ code: 'custom', path: ['data', field], message: `${def.name} has no field "${field}" (it has ${Object.keys(shape).filter((k) => k !== 'companyId').join(', ')})` });
        }
      }
      const missing = Object.entries(shape).filter(([k, s]) => !(EMIT_EVENT_STAMPED_FIELDS as readonly string[]).includes(k) && !(k in config.data) && !s.safeParse(undefined).success);
      if (missing.length) ctx.addIssue({ code: 'custom', path: ['data'], message: `${def.name} needs ${missing.map(([k]) => k).join(', ')}` });
    }),
  defaultConfig: { data: {} },
  summary: (c) => str(c.event, 'No event yet'),
});
