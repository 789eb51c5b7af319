/** Every Claude skill, by name (one file each). Synced into claude_skills at start and by the seed. */
import type { SkillName } from '../../../../shared/ai/vocab.ts';
import { classifyPdpDriftSkill } from './classify_pdp_drift.ts';
import { classifyRejection } from './classify_rejection.ts';
import type { SkillDefinition } from './define.ts';
import { extractAttributesSkill } from './extract_attributes.ts';
import { generateBulletsSkill } from './generate_bullets.ts';
import { generateDescriptionSkill } from './generate_description.ts';
import { generateTitleSkill } from './generate_title.ts';
import { summarizeSpecChangeSkill } from './summarize_spec_change.ts';
import { tagImageSkill } from './tag_image.ts';

export const SKILLS: Partial<Record<SkillName, SkillDefinition>> = {
  classify_rejection: classifyRejection,
  extract_attributes: extractAttributesSkill,
  generate_title: generateTitleSkill,
  generate_bullets: generateBulletsSkill,
  generate_description: generateDescriptionSkill,
  tag_image: tagImageSkill,
  summarize_spec_change: summarizeSpecChangeSkill,
  classify_pdp_drift: classifyPdpDriftSkill,
};

export function skillDefinition(name: string): SkillDefinition | undefined {
  return (SKILLS as Record<string, SkillDefinition>)[name];
}
