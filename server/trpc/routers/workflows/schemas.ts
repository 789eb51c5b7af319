import { z } from 'zod';
import { boundedString, TEXT_LIMITS } from '../../../../shared/text/limits.ts';
import { TriggerConfigSchema } from '../../../../shared/workflows/trigger-config.ts';

export const WorkflowIdSchema = z.object({ id: z.uuid() });
export const RevisionSchema = z.number().int().positive();
export const NameSchema = boundedString(TEXT_LIMITS.workflowName).trim().min(1, 'a workflow needs a name');
export const DescriptionSchema = boundedString(TEXT_LIMITS.workflowDescription);
export { TriggerConfigSchema };
