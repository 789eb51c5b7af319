/** Loading a skill row (the version that will run) and checking data against its stored JSON Schemas. */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { withCompany } from '../../db/tx.ts';
import type { SkillRow } from './claude.ts';
import { syncSkills } from './skills/sync.ts';

async function selectSkill(db: Db, companyId: string, name: string, version: number | undefined): Promise<SkillRow | undefined> {
  const rows = await withCompany(db, companyId, (tx) =>
    tx.execute<{ id: string; name: string; version: number; model: string; system_prompt: string; input_schema: Record<string, unknown>; output_schema: Record<string, unknown>; max_tokens: number; temperature: string; uses_vision: boolean }>(sql`
      select id, name, version, model, system_prompt, input_schema, output_schema, max_tokens, temperature, uses_vision from claude_skills
      where name = ${name} and ${version === undefined ? sql`active` : sql`version = ${version}`} order by version desc limit 1`),
  );
  const r = rows[0];
  return r && { id: r.id, name: r.name, version: r.version, model: r.model, systemPrompt: r.system_prompt, inputSchema: r.input_schema, outputSchema: r.output_schema, maxTokens: r.max_tokens, temperature: Number(r.temperature), usesVision: r.uses_vision };
}

/** The pinned version, else the active one. A skill defined in code but not yet synced (a fresh deploy) is synced first. */
export async function loadSkill(db: Db, companyId: string, name: string, version?: number): Promise<SkillRow | undefined> {
  const found = await selectSkill(db, companyId, name, version);
  if (found) return found;
  await syncSkills(db);
  return selectSkill(db, companyId, name, version);
}

/** Problems with `value` against a JSON Schema, as one line; null when it conforms. */
export function schemaProblems(schema: Record<string, unknown>, value: unknown): string | null {
  const parsed = z.fromJSONSchema(schema as never).safeParse(value);
  if (parsed.success) return null;
  return parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
}
