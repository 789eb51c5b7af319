/**
 * Hostile inputs generated from a procedure's own zod schemas: every string field gets a NUL, a lone surrogate and
 * an over-long value; every JSON field a 10,000-deep value, a NUL key, a lone surrogate and 5 MB; every date field
 * the extremes JavaScript can represent but Postgres cannot store. Each variant is the procedure's valid input with
 * one field replaced, so a refusal is about that field and nothing else.
 */
import type { z } from 'zod';

export type FieldKind = 'string' | 'json' | 'date';
export type InputPath = (string | number)[];

export interface InputField {
  path: InputPath;
  kind: FieldKind;
  /** A string's declared maximum length, when it has one. */
  maxLength?: number;
}

export interface HostileVariant {
  label: string;
  field: InputPath | null;
  input: unknown;
  /** An over-long string with a declared maximum: the refusal must be a too_big issue (the limit named). */
  expectTooBig?: boolean;
}

type AnySchema = z.core.$ZodType;

/**
 * The string, JSON and date fields of a procedure's input schemas (as tRPC merges them), found by walking the zod
 * definitions. Unions are not entered (a replaced field could move the value to another branch); arrays only where
 * the valid input has an element to replace.
 */
export function inputFields(schemas: readonly unknown[], valid: unknown): InputField[] {
  const out: InputField[] = [];
  const seen = new Set<string>();
  const walk = (schema: AnySchema, path: InputPath, value: unknown) => {
    const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
    const push = (f: InputField) => {
      const key = JSON.stringify(f.path);
      if (!seen.has(key)) {
        seen.add(key);
        out.push(f);
      }
    };
    switch (def.type) {
      case 'object':
        for (const [k, s] of Object.entries(def.shape as Record<string, AnySchema>)) walk(s, [...path, k], (value as Record<string, unknown> | undefined)?.[k]);
        return;
      case 'optional':
      case 'nullable':
      case 'default':
      case 'prefault':
      case 'readonly':
      case 'nonoptional':
      case 'catch':
        return walk(def.innerType as AnySchema, path, value);
      case 'pipe': {
        const outType = ((def.out as AnySchema)._zod.def as { type: string }).type;
        if (outType === 'date') return push({ path, kind: 'date' });
        return walk(def.in as AnySchema, path, value);
      }
      case 'date':
        return push({ path, kind: 'date' });
      case 'string': {
        const max = (schema as unknown as { maxLength?: number | null }).maxLength;
        return push({ path, kind: 'string', ...(typeof max === 'number' ? { maxLength: max } : {}) });
      }
      case 'record':
      case 'unknown':
      case 'any':
        return push({ path, kind: 'json' });
      case 'array':
        if (Array.isArray(value) && value.length > 0) walk(def.element as AnySchema, [...path, 0], value[0]);
        return;
      default:
        return;
    }
  };
  for (const s of schemas) walk(s as AnySchema, [], valid);
  return out;
}

/** `{a: {a: … 1}}`, `depth` levels, built without recursion. */
export function deepJson(depth: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}

const MB = 1024 * 1024;
const DEEP = deepJson(10_000);
const EXTREME_DATES = ['+275760-09-13T00:00:00Z', '-271821-04-20T00:00:00Z', '+010000-01-01T00:00:00Z', 8.64e15, 'x'.repeat(MB)];

function withField(valid: unknown, path: InputPath, value: unknown): unknown {
  const root = (valid === undefined ? {} : structuredClone(valid)) as Record<string | number, unknown>;
  let at = root;
  path.forEach((k, i) => {
    if (i === path.length - 1) at[k] = value;
    else at = (at[k] ??= typeof path[i + 1] === 'number' ? [] : {}) as Record<string | number, unknown>;
  });
  return root;
}

/** Every hostile variant of `valid` for the given fields, plus two that concern the raw input as a whole. */
export function hostileVariants(valid: unknown, fields: InputField[]): HostileVariant[] {
  const out: HostileVariant[] = [
    { label: 'the whole input nested 10,000 deep', field: null, input: DEEP },
    ...(valid !== null && typeof valid === 'object' ? [{ label: 'an extra key with a NUL', field: null, input: { ...valid, 'k\u0000': 1 } }] : []),
  ];
  for (const f of fields) {
    const at = (label: string, value: unknown, extra: Partial<HostileVariant> = {}) => out.push({ label: `${f.path.join('.')}: ${label}`, field: f.path, input: withField(valid, f.path, value), ...extra });
    if (f.kind === 'string') {
      at('NUL', 'ok\u0000ok');
      at('lone surrogate', 'ok\uD800ok');
      at('reversed surrogate pair', '\uDE00\uD83D');
      at('over-long', 'x'.repeat(Math.max(MB, (f.maxLength ?? 0) + 1)), { expectTooBig: f.maxLength !== undefined });
    } else if (f.kind === 'json') {
      at('10,000-deep', DEEP);
      at('NUL in a nested string', { text: 'ok\u0000ok', n: { m: 'ok' } });
      at('NUL in a key', { 'k\u0000': 'v' });
      at('lone surrogate in a nested string', { items: ['fine', '\uDFFF'] });
      at('5 MB', { text: 'x'.repeat(5 * MB) });
    } else {
      for (const d of EXTREME_DATES) at(`date ${String(d).slice(0, 24)}`, d);
    }
  }
  return out;
}

/** Text that must never reach a caller: SQL, driver and Postgres messages, stack frames, file paths. */
export const LEAKS: RegExp[] = [
  /\bselect\b[\s\S]*\bfrom\b|\binsert\s+into\b|\bupdate\s+"?\w+"?\s+set\b|\bdelete\s+from\b|\breturning\b/i,
  /failed query|params:/i,
  /invalid byte sequence|unsupported unicode escape|\b(22021|22P05|22008|22007|54001)\b|violates|syntax error at|relation "|column "|postgres/i,
  /maximum call stack|RangeError|TypeError|ReferenceError|is not a function|is not defined|cannot read propert/i,
  /\n\s*at\s|\bat\s+\S+\s+\(|:\d+:\d+\)?$/m,
  /\/work\/|\/home\/|\/usr\/|\/tmp\/|node_modules|file:\/\/|\.[cm]?[jt]s:\d+/,
];

export function leaks(text: string): string[] {
  return LEAKS.filter((re) => re.test(text)).map((re) => re.source);
}
