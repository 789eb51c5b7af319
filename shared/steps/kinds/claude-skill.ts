import { z } from 'zod';
import { SKILL_NAMES } from '../../ai/vocab.ts';
import { defineStep, str } from '../define-step.ts';
import { CelSchema } from '../fields.ts';

/**
 * Runs one Claude skill with inputs computed by CEL. The output is the skill's structured result (e.g.
 * `steps.<id>.category`, `steps.<id>.confidence`), plus `claude` with the model, tokens and cost of the call.
 */
export const claudeSkillStep = defineStep({
  kind: 'claude_skill',
  type: 'action',
  title: 'Run Claude skill',
  icon: '✨',
  category: 'Data',
  description: 'Asks Claude for a structured answer using one of the versioned skills (classify, summarize, extract, …).',
  config: z
    .object({
      skill: z.enum(SKILL_NAMES).describe('Skill'),
      input: z.record(z.string(), CelSchema).default({}).describe('Input (CEL per field)'),
      version: z.number().int().positive().optional().describe('Skill version (default: the active one)'),
    })
    .strict(),
  defaultConfig: { skill: 'classify_rejection', input: {} },
  summary: (c) => `Skill: ${str(c.skill, 'none').replaceAll('_', ' ')}`,
  requires: ['claude'],
});
