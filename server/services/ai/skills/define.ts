/**
 * A Claude skill in code: prompt, model, limits and zod schemas for its input and structured output. The registry
 * (./registry.ts) is synced into `claude_skills` (a new version row when a definition changes), and the runner loads
 * the row, so the prompt that ran is always the one on record. Output schemas become the forced tool's input_schema.
 */
import { z } from 'zod';
import type { SkillName } from '../../../../shared/ai/vocab.ts';

export const DEFAULT_MODEL = 'claude-sonnet-4-6';

export interface SkillDefinition<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  name: SkillName;
  /** Bump when the prompt or schemas change in a way worth comparing (shadow runs pin versions). */
  version: number;
  model: string;
  systemPrompt: string;
  input: I;
  output: O;
  maxTokens: number;
  temperature: number;
  usesVision: boolean;
  /** The user message for an input (plain text; vision skills get the image block added by the runner). */
  render(input: z.infer<I>): string;
}

export function defineSkill<I extends z.ZodType, O extends z.ZodType>(
  d: Omit<SkillDefinition<I, O>, 'model' | 'temperature' | 'usesVision' | 'maxTokens'> & Partial<Pick<SkillDefinition<I, O>, 'model' | 'temperature' | 'usesVision' | 'maxTokens'>>,
): SkillDefinition<I, O> {
  return { model: DEFAULT_MODEL, temperature: 0, usesVision: false, maxTokens: 1024, ...d };
}

/** JSON Schema (draft 2020-12 subset Claude accepts) for a zod schema. */
export function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  const js = z.toJSONSchema(schema, { target: 'draft-2020-12', unrepresentable: 'any' }) as Record<string, unknown>;
  delete js.$schema;
  return js;
}
