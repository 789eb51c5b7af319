/**
 * Derives a form from a step kind's zod config schema: each key of the object becomes a field whose widget comes
 * from its type and its `.meta({ widget })` tag, whose label is its `.describe()` text, and whose errors are the
 * schema's own issues. The form never restates a rule the schema already holds.
 */
import { z } from 'zod';

export const FIELD_WIDGETS = ['text', 'textarea', 'url', 'number', 'boolean', 'enum', 'cel', 'duration', 'role', 'user', 'cron', 'timezone', 'record', 'codes', 'multi_enum', 'json', 'levels'] as const;
export type FieldWidget = (typeof FIELD_WIDGETS)[number];

export interface FieldSpec {
  name: string;
  label: string;
  widget: FieldWidget;
  /** Neither optional nor defaulted: leaving it empty is an error. */
  required: boolean;
  /** Optional: an empty control removes the key from the config. */
  optional: boolean;
  defaultValue?: unknown;
  /** enum, role and multi_enum choices */
  options?: readonly string[];
  min?: number;
  max?: number;
  integer?: boolean;
  maxLength?: number;
  /** record values: CEL expressions or plain text */
  valueWidget?: 'cel' | 'text';
  /** Not shown while this other field has a value (it replaces this one: an approval's levels, its assignee). */
  hiddenWhenSet?: string;
}

/** A string whose schema allows more characters than this gets a textarea. */
const LONG_TEXT = 300;

type Meta = { widget?: string; description?: string; hiddenWhenSet?: string };

export function deriveFields(schema: z.ZodType): FieldSpec[] {
  if (!(schema instanceof z.ZodObject)) return [];
  const fields: FieldSpec[] = [];
  for (const [name, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    const spec = deriveField(name, field);
    if (spec) fields.push(spec);
  }
  return fields;
}

function deriveField(name: string, field: z.ZodType): FieldSpec | null {
  const metas: Meta[] = [];
  let optional = false;
  let hasDefault = false;
  let defaultValue: unknown;
  let inner: z.ZodType = field;
  // Wrappers carry the label and tags outside-in: `.optional().meta({widget}).describe(label)`.
  for (;;) {
    metas.push((inner.meta() as Meta | undefined) ?? {});
    if (inner instanceof z.ZodOptional) {
      optional = true;
      inner = inner.unwrap() as z.ZodType;
    } else if (inner instanceof z.ZodDefault) {
      hasDefault = true;
      defaultValue = inner.def.defaultValue;
      inner = inner.unwrap() as z.ZodType;
    } else break;
  }
  metas.push((inner.meta() as Meta | undefined) ?? {});
  const tag = metas.find((m) => m.widget)?.widget;
  const label = metas.find((m) => m.description)?.description ?? humanize(name);
  const hiddenWhenSet = metas.find((m) => m.hiddenWhenSet)?.hiddenWhenSet;
  const base = { name, label, required: !optional && !hasDefault, optional, ...(hasDefault ? { defaultValue } : {}), ...(hiddenWhenSet ? { hiddenWhenSet } : {}) };

  // By def.type rather than class: string formats (z.uuid(), z.url()) are their own classes.
  const type = inner.def.type;
  if (type === 'string') {
    const str = inner as z.ZodString;
    const maxLength = typeof str.maxLength === 'number' ? str.maxLength : undefined;
    const widget: FieldWidget = isWidget(tag) ? tag : str.format === 'url' ? 'url' : (maxLength ?? 0) > LONG_TEXT ? 'textarea' : 'text';
    return { ...base, widget, ...(maxLength !== undefined ? { maxLength } : {}) };
  }
  if (type === 'enum') {
    return { ...base, widget: tag === 'role' ? 'role' : 'enum', options: (inner as z.ZodEnum).options.map(String) };
  }
  if (type === 'number') {
    const num = inner as z.ZodNumber;
    return {
      ...base,
      widget: 'number',
      ...(Number.isFinite(num.minValue) ? { min: num.minValue! } : {}),
      ...(Number.isFinite(num.maxValue) ? { max: num.maxValue! } : {}),
      integer: num.isInt,
    };
  }
  if (type === 'boolean') return { ...base, widget: 'boolean' };
  if (type === 'array') {
    // A list of choices becomes checkboxes; a list of strings (codes) one entry per line.
    const element = (inner as z.ZodArray<z.ZodType>).element;
    if (element.def.type === 'enum') return { ...base, widget: 'multi_enum', options: (element as z.ZodEnum).options.map(String) };
    if (element.def.type === 'string') return { ...base, widget: 'codes' };
    // An approval gate's levels have a form of their own; another list of objects is edited as JSON. Either way
    // the schema judges every item.
    if (tag === 'levels') return { ...base, widget: 'levels' };
    if (element.def.type === 'object' || element.def.type === 'pipe') return { ...base, widget: 'json' };
    return null;
  }
  if (type === 'record') {
    const valueTag = (((inner as z.ZodRecord).def.valueType as z.ZodType).meta() as Meta | undefined)?.widget;
    return { ...base, widget: 'record', valueWidget: valueTag === 'cel' ? 'cel' : 'text' };
  }
  // Literals (a discriminator like `type`) are not edited; anything else unknown is left out rather than guessed.
  return null;
}

function isWidget(tag: string | undefined): tag is FieldWidget {
  return !!tag && (FIELD_WIDGETS as readonly string[]).includes(tag);
}

/** `timeoutMs` → `Timeout ms`. */
export function humanize(name: string): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The fields to show for a config: those another field with a value replaces are left out. */
export function visibleFields(fields: readonly FieldSpec[], config: Record<string, unknown>): FieldSpec[] {
  return fields.filter((f) => !f.hiddenWhenSet || config[f.hiddenWhenSet] === undefined);
}

/** Sets a field; an optional field left empty is removed, so the schema sees "absent" rather than "". */
export function setFieldValue(config: Record<string, unknown>, spec: FieldSpec, value: unknown): Record<string, unknown> {
  const next = { ...config };
  if (value === undefined || (spec.optional && value === '')) delete next[spec.name];
  else next[spec.name] = value;
  return next;
}

export interface FieldErrors {
  /** First message per top-level field; '' holds errors about the object as a whole. */
  byField: Record<string, string>;
  /** First message per full dotted path, e.g. `mapping.total` for one record row. */
  byPath: Record<string, string>;
}

/** The schema's verdict on `config`, per field. */
export function fieldErrors(schema: z.ZodType, config: unknown): FieldErrors {
  const out: FieldErrors = { byField: {}, byPath: {} };
  const parsed = schema.safeParse(config);
  if (parsed.success) return out;
  for (const issue of parsed.error.issues) {
    const path = issue.path.map(String);
    const top = path[0] ?? '';
    // A bad record key says only "Invalid key in record"; the key schema's own message is nested inside.
    const message = sentence(issue.code === 'invalid_key' ? (issue.issues[0]?.message ?? issue.message) : tooLong(issue) ?? issue.message);
    out.byField[top] ??= message;
    out.byPath[path.join('.')] ??= message;
  }
  return out;
}

/** zod's own "Too big: expected string to have <=4000 characters", in the words every length limit uses. */
function tooLong(issue: z.core.$ZodIssue): string | null {
  if (issue.code !== 'too_big' || issue.origin !== 'string' || !issue.message.startsWith('Too big')) return null;
  return `too long: at most ${Number(issue.maximum).toLocaleString('en-US')} characters`;
}

function sentence(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
