import { z } from 'zod';
import { defineStep, str } from '../define-step.ts';
import { DurationSchema } from '../fields.ts';

export const delayStep = defineStep({
  kind: 'delay',
  type: 'action',
  title: 'Delay',
  icon: '⏱',
  category: 'Logic',
  description: 'Waits for a duration without holding anything open.',
  config: z.object({ duration: DurationSchema.describe('Duration') }).strict(),
  defaultConfig: { duration: '1h' },
  output: () => z.object({ slept: z.string() }),
  summary: (c) => `Wait ${str(c.duration, '?')}`,
});
