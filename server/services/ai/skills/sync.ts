/**
 * Keeps `claude_skills` in step with the code registry: each definition's version is upserted (code is the truth
 * for its own version) and made the active one; older versions stay, so shadow runs can pin them. Runs as the owner
 * (the app role may only read skills), at engine start and in the seed.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { jsonSchemaOf } from './define.ts';
import { SKILLS } from './registry.ts';

export async function syncSkills(db: Db): Promise<number> {
  let n = 0;
  for (const def of Object.values(SKILLS)) {
    if (!def) continue;
    await db.execute(sql`
      insert into claude_skills (name, version, model, system_prompt, input_schema, output_schema, max_tokens, temperature, uses_vision, active)
      values (${def.name}, ${def.version}, ${def.model}, ${def.systemPrompt}, ${JSON.stringify(jsonSchemaOf(def.input))}::jsonb,
              ${JSON.stringify(jsonSchemaOf(def.output))}::jsonb, ${def.maxTokens}, ${def.temperature}, ${def.usesVision}, true)
      on conflict (name, version) do update set model = excluded.model, system_prompt = excluded.system_prompt,
        input_schema = excluded.input_schema, output_schema = excluded.output_schema, max_tokens = excluded.max_tokens,
        temperature = excluded.temperature, uses_vision = excluded.uses_vision, active = true`);
    await db.execute(sql`update claude_skills set active = false where name = ${def.name} and version <> ${def.version} and active`);
    n++;
  }
  return n;
}
