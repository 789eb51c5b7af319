import type { SkillRow } from './claude.ts';
import { skillDefinition } from './skills/registry.ts';

/** The user message of a skill call: the skill's own rendering of the input when the code knows this version, else JSON. */
export function renderSkillInput(skill: SkillRow, input: Record<string, unknown>): string {
  const def = skillDefinition(skill.name);
  return def && def.version === skill.version ? def.render(def.input.parse(input)) : JSON.stringify(input, null, 2);
}
