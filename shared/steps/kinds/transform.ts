import { z } from 'zod';
import { defineStep } from '../define-step.ts';
import { CelSchema } from '../fields.ts';

export const transformStep = defineStep({
  kind: 'transform',
  type: 'action',
  title: 'Transform',
  icon: '⇄',
  category: 'Data',
  description: 'Computes new fields for the run data from CEL expressions.',
  config: z
    .object({
      mapping: z
        .record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'field names are identifiers'), CelSchema)
        .refine((m) => Object.keys(m).length > 0, 'add at least one field')
        .describe('Fields'),
    })
    .strict(),
  defaultConfig: { mapping: {} },
  output: (c) => z.object(Object.fromEntries(Object.keys(c.mapping && typeof c.mapping === 'object' ? c.mapping : {}).map((k) => [k, z.unknown()]))),
  summary: (c) => {
    const keys = c.mapping && typeof c.mapping === 'object' ? Object.keys(c.mapping) : [];
    return keys.length ? `Sets ${keys.join(', ')}` : 'No fields yet';
  },
});
