/**
 * Which skill produces which field. Copy fields (title, bullets, description) each get their own generating skill
 * and call, so one field's failure or retry never re-bills the others and a reviewer sees per-field provenance;
 * every other attribute is extracted in one `extract_attributes` call per product (structured, per-field confidence).
 * 50 products × {title, bullets, description, + attributes} = 200 calls: each its own durable step.
 */
import type { SkillName } from '../../../shared/ai/vocab.ts';

export const COPY_SKILLS = { title: 'generate_title', bullets: 'generate_bullets', description: 'generate_description' } as const satisfies Record<string, SkillName>;
export type CopyField = keyof typeof COPY_SKILLS;

export function isCopyField(field: string): field is CopyField {
  return Object.hasOwn(COPY_SKILLS, field);
}

/** Attributes enrichment never proposes: identifiers stay the supplier's (F4 step 4, "GTIN untouched"), assets are images. */
export const NEVER_ENRICHED = new Set(['gtin', 'brand', 'main_image', 'secondary_images', 'msrp']);

export interface SkillGroup {
  skill: SkillName;
  /** The fields this call answers for. */
  fields: string[];
}

/** The calls one product needs for the requested fields (only attributes its category carries). */
export function skillGroups(fields: string[], categoryAttributes: ReadonlySet<string>): SkillGroup[] {
  const groups: SkillGroup[] = [];
  const extract: string[] = [];
  for (const f of [...new Set(fields)]) {
    if (!categoryAttributes.has(f) || NEVER_ENRICHED.has(f)) continue;
    if (isCopyField(f)) groups.push({ skill: COPY_SKILLS[f], fields: [f] });
    else extract.push(f);
  }
  if (extract.length) groups.push({ skill: 'extract_attributes', fields: extract });
  return groups;
}
