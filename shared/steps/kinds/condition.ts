import { z } from 'zod';
import { defineStep, str } from '../define-step.ts';
import { CelSchema } from '../fields.ts';

export const conditionStep = defineStep({
  kind: 'condition',
  type: 'condition',
  title: 'Condition',
  icon: '◇',
  category: 'Logic',
  description: 'Follows the yes or the no branch depending on a CEL expression over the event and earlier outputs.',
  config: z.object({ expression: CelSchema.describe('Expression (CEL)') }).strict(),
  defaultConfig: { expression: '' },
  summary: (c) => str(c.expression, 'No expression yet'),
  output: () => z.object({ expression: z.string(), value: z.boolean(), branch: z.enum(['yes', 'no']) }),
});
