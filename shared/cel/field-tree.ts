/**
 * What an expression can read below a variable, as a tree of field names: from a zod schema (an event's payload, a
 * step kind's output) and from real JSON (the last run's data, a sample payload), merged. The expression editor
 * completes `event.data.` and `steps.<id>.` from it; nothing here evaluates.
 */
import { z } from 'zod';

export type FieldType = 'string' | 'number' | 'bool' | 'list' | 'map' | 'null' | 'dyn';

export interface FieldNode {
  type: FieldType;
  children?: FieldTree;
}
export type FieldTree = Record<string, FieldNode>;

const MAX_DEPTH = 5;
const MAX_KEYS = 200;

export function treeFromSchema(schema: z.ZodType, depth = 0): FieldNode {
  let inner: z.ZodType = schema;
  while (inner instanceof z.ZodOptional || inner instanceof z.ZodNullable || inner instanceof z.ZodDefault) inner = inner.unwrap() as z.ZodType;
  switch (inner.def.type) {
    case 'string':
    case 'enum':
      return { type: 'string' };
    case 'number':
    case 'bigint':
      return { type: 'number' };
    case 'boolean':
      return { type: 'bool' };
    case 'array':
      return { type: 'list' };
    case 'record':
      return { type: 'map' };
    case 'object': {
      if (depth >= MAX_DEPTH) return { type: 'map' };
      const children: FieldTree = {};
      for (const [k, v] of Object.entries((inner as z.ZodObject).shape as Record<string, z.ZodType>)) children[k] = treeFromSchema(v, depth + 1);
      return { type: 'map', children };
    }
    default:
      return { type: 'dyn' };
  }
}

export function treeFromValue(value: unknown, depth = 0): FieldNode {
  if (value === null || value === undefined) return { type: 'null' };
  if (typeof value === 'string') return { type: 'string' };
  if (typeof value === 'number' || typeof value === 'bigint') return { type: 'number' };
  if (typeof value === 'boolean') return { type: 'bool' };
  if (Array.isArray(value)) return { type: 'list' };
  if (typeof value !== 'object' || depth >= MAX_DEPTH) return { type: 'map' };
  const children: FieldTree = {};
  for (const [k, v] of Object.entries(value).slice(0, MAX_KEYS)) children[k] = treeFromValue(v, depth + 1);
  return { type: 'map', children };
}

/** Both trees' fields; where both know a field, the known type wins over dyn/null and children merge. */
export function mergeNodes(a: FieldNode | undefined, b: FieldNode | undefined): FieldNode {
  if (!a) return b ?? { type: 'dyn' };
  if (!b) return a;
  const type = a.type === 'dyn' || a.type === 'null' ? b.type : a.type;
  if (!a.children && !b.children) return { type };
  const children: FieldTree = { ...a.children };
  for (const [k, v] of Object.entries(b.children ?? {})) children[k] = mergeNodes(children[k], v);
  return { type, children };
}
