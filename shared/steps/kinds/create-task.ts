import { z } from 'zod';
import { defineStep, str } from '../define-step.ts';
import { RoleSchema } from '../fields.ts';

export const TASK_PRIORITIES = ['low', 'medium', 'high', 'urgent'] as const;

export const createTaskStep = defineStep({
  kind: 'create_task',
  type: 'action',
  title: 'Create task',
  icon: '📝',
  category: 'Tasks',
  description: 'Creates a task for a person or a role (once per run, however often the step is retried).',
  config: z
    .object({
      title: z.string().trim().min(1, 'a task needs a title').max(200).describe('Title'),
      description: z.string().max(4000).optional().describe('Description'),
      priority: z.enum(TASK_PRIORITIES).default('medium').describe('Priority'),
      assigneeRole: RoleSchema.optional().describe('Assignee role'),
    })
    .strict(),
  defaultConfig: { title: '', priority: 'medium' },
  summary: (c) => str(c.title, 'Untitled task'),
});
