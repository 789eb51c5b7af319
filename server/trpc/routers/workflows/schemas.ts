import { z } from 'zod';
import { TriggerConfigSchema } from '../../../../shared/workflows/trigger-config.ts';

export const WorkflowIdSchema = z.object({ id: z.uuid() });
export const RevisionSchema = z.number().int().positive();
export const NameSchema = z.string().trim().min(1, 'a workflow needs a name').max(120);
export const DescriptionSchema = z.string().max(2000);
export { TriggerConfigSchema };
