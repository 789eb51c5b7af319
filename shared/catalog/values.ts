/**
 * Attribute values, Akeneo-shaped: one JSON shape per attribute type, checked against the attribute's validation,
 * and read and written as text (CSV cells, form fields) through one pair of functions.
 */
import { z } from 'zod';
import { displayGtin } from './gtin.ts';
import type { AttributeType } from './vocab.ts';

/** Per-attribute constraints, stored on the attribute (`attributes.validation`). */
export const AttributeValidationSchema = z
  .object({
    maxLength: z.number().int().positive().optional(),
    minLength: z.number().int().nonnegative().optional(),
    regex: z.string().optional(),
    options: z.array(z.string()).optional(),
    unitFamily: z.enum(['weight', 'volume', 'count']).optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    maxItems: z.number().int().positive().optional(),
    currencies: z.array(z.string()).optional(),
  })
  .strict();
export type AttributeValidation = z.infer<typeof AttributeValidationSchema>;

export const METRIC_UNITS = {
  OUNCE: { family: 'weight', label: 'oz', aliases: ['oz', 'ounce', 'ounces'] },
  POUND: { family: 'weight', label: 'lb', aliases: ['lb', 'lbs', 'pound', 'pounds'] },
  GRAM: { family: 'weight', label: 'g', aliases: ['g', 'gram', 'grams'] },
  KILOGRAM: { family: 'weight', label: 'kg', aliases: ['kg', 'kilogram', 'kilograms'] },
  FLUID_OUNCE: { family: 'volume', label: 'fl oz', aliases: ['fl oz', 'floz', 'fl. oz', 'fluid ounce', 'fluid ounces'] },
  MILLILITER: { family: 'volume', label: 'ml', aliases: ['ml', 'milliliter', 'milliliters'] },
  LITER: { family: 'volume', label: 'l', aliases: ['l', 'liter', 'liters'] },
  COUNT: { family: 'count', label: 'count', aliases: ['ct', 'count', 'pcs'] },
} as const;
export type MetricUnit = keyof typeof METRIC_UNITS;
const UNIT_CODES = Object.keys(METRIC_UNITS) as [MetricUnit, ...MetricUnit[]];

const Trimmed = z.string().max(20_000);
export const VALUE_SCHEMAS = {
  identifier: z.object({ text: Trimmed }).strict(),
  text: z.object({ text: Trimmed }).strict(),
  textarea: z.object({ text: Trimmed }).strict(),
  text_list: z.object({ items: z.array(z.string().max(2000)).max(50) }).strict(),
  number: z.object({ n: z.number().finite() }).strict(),
  metric: z.object({ amount: z.string().regex(/^\d+(\.\d+)?$/, 'amount must be a number'), unit: z.enum(UNIT_CODES) }).strict(),
  price: z.record(z.string().regex(/^[A-Z]{3}$/), z.string().regex(/^\d+(\.\d{1,2})?$/, 'price like 9.99')),
  boolean: z.object({ b: z.boolean() }).strict(),
  simple_select: z.object({ option: z.string().min(1).max(200) }).strict(),
  multi_select: z.object({ options: z.array(z.string().min(1).max(200)).max(50) }).strict(),
  date: z.object({ date: z.iso.date() }).strict(),
  asset: z.object({ assetIds: z.array(z.string().min(1).max(200)).max(20) }).strict(),
} as const satisfies Record<AttributeType, z.ZodType>;

export type AttributeValue = z.infer<(typeof VALUE_SCHEMAS)[AttributeType]>;

export interface AttributeDef {
  code: string;
  label: string;
  type: AttributeType;
  validation: AttributeValidation;
}

export type ValueCheck = { ok: true; value: AttributeValue } | { ok: false; message: string };

/** Shape and constraint check of a value for an attribute; the message is written for the person who typed it. */
export function checkValue(attr: AttributeDef, raw: unknown): ValueCheck {
  const parsed = VALUE_SCHEMAS[attr.type].safeParse(raw);
  if (!parsed.success) return { ok: false, message: parsed.error.issues.map((i) => i.message).join('; ') };
  const value = parsed.data as AttributeValue;
  const v = attr.validation;
  const texts = textsOf(attr.type, value);
  for (const t of texts) {
    if (v.maxLength !== undefined && t.length > v.maxLength) return { ok: false, message: `at most ${v.maxLength} characters (has ${t.length})` };
    if (v.regex && t && !new RegExp(v.regex).test(t)) return { ok: false, message: `does not match the expected format` };
  }
  if (attr.type === 'text_list' && v.maxItems !== undefined && (value as { items: string[] }).items.length > v.maxItems) return { ok: false, message: `at most ${v.maxItems} items` };
  const options = attr.type === 'simple_select' ? [(value as { option: string }).option] : attr.type === 'multi_select' ? (value as { options: string[] }).options : [];
  const unknown = v.options ? options.filter((o) => !v.options!.includes(o)) : [];
  if (unknown.length) return { ok: false, message: `${unknown.map((o) => `"${o}"`).join(', ')} is not one of ${v.options!.join(', ')}` };
  if (attr.type === 'number') {
    const n = (value as { n: number }).n;
    if (v.min !== undefined && n < v.min) return { ok: false, message: `at least ${v.min}` };
    if (v.max !== undefined && n > v.max) return { ok: false, message: `at most ${v.max}` };
  }
  if (attr.type === 'metric' && v.unitFamily) {
    const unit = (value as { unit: MetricUnit }).unit;
    if (METRIC_UNITS[unit].family !== v.unitFamily) return { ok: false, message: `a ${v.unitFamily} unit is needed, not ${METRIC_UNITS[unit].label}` };
  }
  return { ok: true, value };
}

function textsOf(type: AttributeType, value: AttributeValue): string[] {
  if (type === 'text' || type === 'textarea' || type === 'identifier') return [(value as { text: string }).text];
  if (type === 'text_list') return (value as { items: string[] }).items;
  return [];
}

/**
 * Akeneo's "filled" per type: text non-empty after trim; metric needs amount and unit; price needs every currency
 * of the channel; lists, multi-selects and assets need at least one entry (`minItems` for a list when a spec asks).
 */
export function isFilled(type: AttributeType, value: unknown, opts: { minItems?: number; currencies?: string[] } = {}): boolean {
  if (value === null || value === undefined) return false;
  const v = value as Record<string, unknown>;
  switch (type) {
    case 'identifier':
    case 'text':
    case 'textarea':
      return typeof v.text === 'string' && v.text.trim().length > 0;
    case 'text_list':
      return Array.isArray(v.items) && v.items.filter((s) => typeof s === 'string' && s.trim()).length >= Math.max(1, opts.minItems ?? 1);
    case 'number':
      return typeof v.n === 'number' && Number.isFinite(v.n);
    case 'metric':
      return typeof v.amount === 'string' && v.amount !== '' && typeof v.unit === 'string' && v.unit !== '';
    case 'price':
      return (opts.currencies ?? ['USD']).every((c) => typeof v[c] === 'string' && v[c] !== '');
    case 'boolean':
      return typeof v.b === 'boolean';
    case 'simple_select':
      return typeof v.option === 'string' && v.option !== '';
    case 'multi_select':
      return Array.isArray(v.options) && v.options.length > 0;
    case 'date':
      return typeof v.date === 'string' && v.date !== '';
    case 'asset':
      return Array.isArray(v.assetIds) && v.assetIds.length > 0;
  }
}

/** Items of a text list are separated by `|` in CSV cells and by new lines in forms. */
export const LIST_SEPARATOR = '|';

/** A value as one line of text: what a CSV cell holds and what a form field starts with. */
/**
 * A product field as people read it: formatValue, except that the GTIN (stored as 14 digits) reads as everywhere
 * else in the app (displayGtin: `081234500160`, not `00081234500160`).
 */
export function formatAttributeValue(attr: { code: string; type: AttributeType }, value: unknown, listSeparator = LIST_SEPARATOR): string {
  const text = formatValue(attr.type, value, listSeparator);
  return attr.code === 'gtin' && /^\d{14}$/.test(text) ? displayGtin(text) : text;
}

export function formatValue(type: AttributeType, value: unknown, listSeparator = LIST_SEPARATOR): string {
  if (value === null || value === undefined) return '';
  const v = value as Record<string, unknown>;
  switch (type) {
    case 'identifier':
    case 'text':
    case 'textarea':
      return String(v.text ?? '');
    case 'text_list':
      return ((v.items as string[] | undefined) ?? []).join(listSeparator);
    case 'number':
      return v.n === undefined ? '' : String(v.n);
    case 'metric':
      return v.amount ? `${String(v.amount)} ${METRIC_UNITS[v.unit as MetricUnit]?.label ?? String(v.unit)}` : '';
    case 'price':
      return Object.entries(v).map(([c, p]) => (c === 'USD' ? String(p) : `${String(p)} ${c}`)).join(', ');
    case 'boolean':
      return v.b === undefined ? '' : v.b ? 'yes' : 'no';
    case 'simple_select':
      return String(v.option ?? '');
    case 'multi_select':
      return ((v.options as string[] | undefined) ?? []).join(listSeparator);
    case 'date':
      return String(v.date ?? '');
    case 'asset':
      return ((v.assetIds as string[] | undefined) ?? []).join(listSeparator);
  }
}

const UNIT_BY_ALIAS = new Map<string, MetricUnit>(
  (Object.entries(METRIC_UNITS) as [MetricUnit, (typeof METRIC_UNITS)[MetricUnit]][]).flatMap(([code, u]) => [[code.toLowerCase(), code] as const, ...u.aliases.map((a) => [a, code] as const)]),
);

/**
 * Text → value for an attribute (the inverse of formatValue), then checked. Empty text means "no value" (null).
 */
export function parseValueText(attr: AttributeDef, text: string, listSeparator = LIST_SEPARATOR): { ok: true; value: AttributeValue | null } | { ok: false; message: string } {
  const t = text.trim();
  if (t === '') return { ok: true, value: null };
  const split = (s: string) => s.split(listSeparator).map((x) => x.trim()).filter(Boolean);
  let raw: unknown;
  switch (attr.type) {
    case 'identifier':
    case 'text':
    case 'textarea':
      raw = { text: t };
      break;
    case 'text_list':
      raw = { items: split(t) };
      break;
    case 'number': {
      const n = Number(t);
      if (!Number.isFinite(n)) return { ok: false, message: `"${t}" is not a number` };
      raw = { n };
      break;
    }
    case 'metric': {
      const m = /^(\d+(?:\.\d+)?)\s*([a-z. ]+)$/i.exec(t);
      const unit = m ? UNIT_BY_ALIAS.get(m[2]!.trim().toLowerCase()) : undefined;
      if (!m || !unit) return { ok: false, message: `"${t}" is not an amount with a unit, like "12 oz" or "32 fl oz"` };
      raw = { amount: m[1], unit };
      break;
    }
    case 'price': {
      const m = /^\$?\s*(\d+(?:\.\d{1,2})?)(?:\s*([A-Z]{3}))?$/.exec(t);
      if (!m) return { ok: false, message: `"${t}" is not a price like 9.99` };
      raw = { [m[2] ?? 'USD']: m[1] };
      break;
    }
    case 'boolean': {
      const b = /^(yes|true|1|y)$/i.test(t) ? true : /^(no|false|0|n)$/i.test(t) ? false : null;
      if (b === null) return { ok: false, message: `"${t}" is not yes or no` };
      raw = { b };
      break;
    }
    case 'simple_select':
      raw = { option: t };
      break;
    case 'multi_select':
      raw = { options: split(t) };
      break;
    case 'date':
      raw = { date: t };
      break;
    case 'asset':
      raw = { assetIds: split(t) };
      break;
  }
  const checked = checkValue(attr, raw);
  return checked.ok ? { ok: true, value: checked.value } : checked;
}

/** Plain text of a value for rules that read copy (titles, bullets, descriptions). */
export function valueText(value: unknown): string {
  if (!value || typeof value !== 'object') return '';
  const v = value as Record<string, unknown>;
  if (typeof v.text === 'string') return v.text;
  if (Array.isArray(v.items)) return v.items.join('\n');
  return '';
}

export function valueItems(value: unknown): string[] {
  if (!value || typeof value !== 'object') return [];
  const items = (value as { items?: unknown }).items;
  return Array.isArray(items) ? items.filter((s): s is string => typeof s === 'string') : [];
}
