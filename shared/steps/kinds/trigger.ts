import { z } from 'zod';
import { defineStep } from '../define-step.ts';

/** The trigger step has no config of its own: it edits the workflow's `trigger_config` (see shared/workflows). */
export const triggerStep = defineStep({
  kind: 'trigger',
  type: 'trigger',
  title: 'Trigger',
  icon: '⚡',
  category: 'Triggers',
  description: 'Where every run starts: manually, on an event, or on a schedule.',
  config: z.object({}).strict(),
  defaultConfig: {},
  summary: () => 'Starts the workflow',
});
