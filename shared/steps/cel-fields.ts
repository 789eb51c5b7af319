/**
 * The CEL expressions a step's config holds, found through its zod schema: every field tagged `widget: 'cel'`
 * (CelSchema), and each value of a record of them (a transform's mapping, an event's data). The validator checks
 * their references; the form derives its expression editors from the same tags.
 */
import { z } from 'zod';

export interface CelEntry {
  /** The config path: `expression`, or `mapping.total` for one record value. */
  field: string;
  expression: string;
}

export function celEntries(schema: z.ZodType, config: Record<string, unknown>): CelEntry[] {
  if (!(schema instanceof z.ZodObject)) return [];
  const out: CelEntry[] = [];
  for (const [name, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    const value = config[name];
    const inner = unwrap(field);
    if (isCel(field)) {
      if (typeof value === 'string' && value.trim()) out.push({ field: name, expression: value });
    } else if (inner.def.type === 'record' && isCel((inner as z.ZodRecord).def.valueType as z.ZodType)) {
      if (!value || typeof value !== 'object' || Array.isArray(value)) continue;
      for (const [key, v] of Object.entries(value)) if (typeof v === 'string' && v.trim()) out.push({ field: `${name}.${key}`, expression: v });
    }
  }
  return out;
}

function unwrap(field: z.ZodType): z.ZodType {
  let inner = field;
  while (inner instanceof z.ZodOptional || inner instanceof z.ZodDefault) inner = inner.unwrap() as z.ZodType;
  return inner;
}

/** Tagged at any layer: `CelSchema.optional().describe(…)` carries the tag inside. */
function isCel(field: z.ZodType): boolean {
  let inner: z.ZodType = field;
  for (;;) {
    if ((inner.meta() as { widget?: string } | undefined)?.widget === 'cel') return true;
    if (inner instanceof z.ZodOptional || inner instanceof z.ZodDefault) inner = inner.unwrap() as z.ZodType;
    else return false;
  }
}
