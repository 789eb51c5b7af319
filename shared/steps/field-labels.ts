/**
 * A step config field's label: the `.describe()` text its kind's zod schema gives it, which the form shows, so a diff
 * or a message can say "Starter may not approve" where the config key is `noSelfApproval`.
 */
import { z } from 'zod';
import { stepDefinition } from './registry.ts';

export function configFieldLabel(kind: string, key: string): string {
  const schema = stepDefinition(kind)?.config;
  if (!(schema instanceof z.ZodObject)) return key;
  let field = (schema.shape as Record<string, z.ZodType | undefined>)[key];
  // The label sits on the outermost wrapper (`.optional().describe(…)`), or on one inside it.
  while (field) {
    if (field.description) return field.description;
    field = field instanceof z.ZodOptional || field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : undefined;
  }
  return key;
}
