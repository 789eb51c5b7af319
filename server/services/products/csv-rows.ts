/**
 * Reading a product CSV into validated rows. The header names the columns (sku, category, title required; gtin,
 * brand and any attribute code optional); each row is parsed by one zod schema built from the header, and every
 * problem is reported with the line and column a person sees in their editor.
 */
import { z } from 'zod';
import type { ImportError } from '../../../drizzle/schema/index.ts';
import { parseCsv } from '../../../shared/catalog/csv.ts';
import { gtinMessage, gtinProblem, normalizeGtin } from '../../../shared/catalog/gtin.ts';
import { parseValueText, type AttributeDef, type AttributeValue } from '../../../shared/catalog/values.ts';
import { isColumnAttribute } from '../../../shared/catalog/vocab.ts';

export const REQUIRED_COLUMNS = ['sku', 'category', 'title'] as const;

export interface CsvProductRow {
  line: number;
  sku: string;
  category: string;
  gtin: string | null;
  brand: string | null;
  /** Attribute values by code; null = the cell was empty (left as it is on an existing product). */
  values: Record<string, AttributeValue | null>;
}

export interface ImportContext {
  attributes: Map<string, AttributeDef>;
  /** category code → the attribute codes its products carry. */
  categories: Map<string, Set<string>>;
}

export type CsvReadResult = { ok: true; rows: CsvProductRow[] } | { ok: false; errors: ImportError[]; errorCount: number };

const MAX_ERRORS = 200;
const SkuSchema = z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'a SKU is 1–64 letters, digits, ".", "-" or "_"');

export function readProductCsv(text: string, ctx: ImportContext): CsvReadResult {
  const parsed = parseCsv(text);
  if (!parsed.ok) return { ok: false, errors: [{ line: parsed.line, column: parsed.column, columnName: null, message: parsed.message }], errorCount: 1 };
  const [header, ...records] = parsed.records;
  if (!header) return { ok: false, errors: [{ line: 1, column: null, columnName: null, message: 'the file is empty' }], errorCount: 1 };
  const columns = header.cells.map((c) => c.trim().toLowerCase());
  const errors: ImportError[] = [];
  let errorCount = 0;
  const fail = (e: ImportError) => {
    errorCount++;
    if (errors.length < MAX_ERRORS) errors.push(e);
  };
  columns.forEach((name, i) => {
    if (name === 'sku' || name === 'category') return;
    if (!ctx.attributes.has(name)) fail({ line: header.line, column: i + 1, columnName: name, message: `unknown column "${header.cells[i]}": not an attribute code` });
    else if (columns.indexOf(name) !== i) fail({ line: header.line, column: i + 1, columnName: name, message: `column "${name}" appears twice` });
  });
  for (const need of REQUIRED_COLUMNS) {
    if (!columns.includes(need)) fail({ line: header.line, column: null, columnName: need, message: `missing required column "${need}"` });
  }
  if (errorCount) return { ok: false, errors, errorCount };
  if (records.length === 0) return { ok: false, errors: [{ line: header.line, column: null, columnName: null, message: 'the file has a header but no rows' }], errorCount: 1 };

  const schema = rowSchema(columns, ctx);
  const rows: CsvProductRow[] = [];
  const firstLine = new Map<string, number>();
  for (const rec of records) {
    if (rec.cells.length !== columns.length) {
      fail({ line: rec.line, column: null, columnName: null, message: `has ${rec.cells.length} cells; the header has ${columns.length}` });
      continue;
    }
    const result = schema.safeParse(Object.fromEntries(columns.map((c, i) => [c, rec.cells[i]!])));
    if (!result.success) {
      for (const issue of result.error.issues) {
        const name = String(issue.path[0] ?? '');
        fail({ line: rec.line, column: columns.indexOf(name) + 1 || null, columnName: name || null, message: issue.message });
      }
      continue;
    }
    const seen = firstLine.get(result.data.sku.toLowerCase());
    if (seen !== undefined) {
      fail({ line: rec.line, column: columns.indexOf('sku') + 1, columnName: 'sku', message: `duplicate SKU "${result.data.sku}": already on line ${seen}` });
      continue;
    }
    firstLine.set(result.data.sku.toLowerCase(), rec.line);
    rows.push({ line: rec.line, ...result.data });
  }
  return errorCount ? { ok: false, errors, errorCount } : { ok: true, rows };
}

/**
 * One zod schema per file: its shape follows the header, and the category decides which attributes a row may fill.
 * Every cell is checked in one pass, so a row reports all of its problems at once.
 */
function rowSchema(columns: string[], ctx: ImportContext) {
  const attributeColumns = columns.filter((c) => c !== 'sku' && c !== 'category' && !isColumnAttribute(c));
  const categoryCodes = [...ctx.categories.keys()].sort().join(', ');
  return z.record(z.string(), z.string()).transform((raw, zctx) => {
    const issue = (path: string, message: string) => zctx.addIssue({ code: 'custom', path: [path], message });
    const sku = SkuSchema.safeParse(raw.sku ?? '');
    if (!sku.success) issue('sku', sku.error.issues[0]!.message);
    const category = (raw.category ?? '').trim();
    const attrsOfCategory = ctx.categories.get(category);
    if (!attrsOfCategory) issue('category', category ? `unknown category "${category}"; use one of ${categoryCodes}` : 'a category is required');
    const brand = (raw.brand ?? '').trim();
    if (brand.length > 200) issue('brand', 'at most 200 characters');
    let gtin: string | null = null;
    const gtinCell = (raw.gtin ?? '').trim();
    if (gtinCell) {
      const problem = gtinProblem(gtinCell);
      if (problem) issue('gtin', gtinMessage(problem, gtinCell));
      else gtin = normalizeGtin(gtinCell);
    }
    const values: Record<string, AttributeValue | null> = {};
    for (const code of attributeColumns) {
      const parsed = parseValueText(ctx.attributes.get(code)!, raw[code] ?? '');
      if (!parsed.ok) issue(code, parsed.message);
      else if (parsed.value !== null && attrsOfCategory && !attrsOfCategory.has(code)) issue(code, `"${code}" is not an attribute of category ${category}`);
      else values[code] = parsed.value;
    }
    if (!values.title && !(raw.title ?? '').trim()) issue('title', 'a title is required');
    return { sku: sku.data ?? '', category, gtin, brand: brand || null, values };
  });
}
