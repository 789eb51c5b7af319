/** Every Claude skill, by name (one file each). Synced into claude_skills at start and by the seed. */
import type { SkillName } from '../../../shared/ai/vocab.ts';
import type { SkillDefinition } from './define.ts';

export const SKILLS: Partial<Record<SkillName, SkillDefinition>> = {
};

export function skillDefinition(name: string): SkillDefinition | undefined {
  return (SKILLS as Record<string, SkillDefinition>)[name];
}
