/**
 * What a spec change means for the catalog (DOMAIN.md F8.3–4): retailer attribute names mapped to internal codes
 * through the category's `attribute_map`, the products listed there that now fail, a severity, and a plain summary
 * used when Claude is not configured. Pure: the caller loads products and values.
 */
import type { SpecChangeSeverity } from '../../../shared/monitoring/vocab.ts';
import type { SpecDiff } from './spec-diff.ts';

export interface MappedDiff extends SpecDiff {
  /** Retailer attribute name → internal attribute code (null: no mapping, nobody can supply it yet). */
  mapped: Record<string, string | null>;
  unmappedRequired: string[];
}

export function mapDiff(diff: SpecDiff, attributeMap: Record<string, string>): MappedDiff {
  const names = new Set([...diff.addedRequired, ...diff.removedRequired, ...diff.addedProps, ...diff.removedProps, ...diff.constraintChanges.map((c) => c.prop)]);
  const mapped: Record<string, string | null> = {};
  for (const n of [...names].sort()) mapped[n] = attributeMap[n] ?? null;
  return { ...diff, mapped, unmappedRequired: diff.addedRequired.filter((n) => !mapped[n]) };
}

export interface ImpactProduct {
  id: string;
  sku: string;
  /** Internal attribute code → stored value ({text}, {option}, {items}, {n}, {amount, unit}, …). */
  values: Record<string, unknown>;
}

export interface ProductImpact {
  productId: string;
  sku: string;
  reasons: string[];
}

/** The value as text for length and enum checks. */
export function valueText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  if (typeof v !== 'object') return null;
  const o = v as Record<string, unknown>;
  if (typeof o.text === 'string') return o.text;
  if (typeof o.option === 'string') return o.option;
  if (Array.isArray(o.items)) return o.items.join('\n');
  if (o.n !== undefined) return String(o.n);
  if (o.amount !== undefined) return `${String(o.amount)} ${String(o.unit ?? '')}`.trim();
  return null;
}

export function hasValue(v: unknown): boolean {
  if (v === null || v === undefined) return false;
  if (typeof v !== 'object') return String(v).trim() !== '';
  const o = v as Record<string, unknown>;
  for (const key of ['items', 'assetIds', 'options']) if (Array.isArray(o[key])) return (o[key] as unknown[]).length > 0;
  const t = valueText(v);
  return t === null ? Object.keys(o).length > 0 : t.trim() !== '';
}

/** Products that fail the new version: missing a newly required attribute, too long, or outside a changed enum. */
export function productsAffected(diff: MappedDiff, products: ImpactProduct[]): ProductImpact[] {
  const out: ProductImpact[] = [];
  for (const p of products) {
    const reasons: string[] = [];
    for (const name of diff.addedRequired) {
      const code = diff.mapped[name];
      if (!code) reasons.push(`${name} is now required and no internal attribute maps to it`);
      else if (!hasValue(p.values[code])) reasons.push(`${code} is now required (${name})`);
    }
    for (const c of diff.constraintChanges) {
      const code = diff.mapped[c.prop];
      const text = code ? valueText(p.values[code]) : null;
      if (!code || text === null) continue;
      if (c.kind === 'maxLength' && typeof c.after === 'number') {
        const longest = Math.max(...text.split('\n').map((s) => s.length));
        if (longest > c.after) reasons.push(`${code} is ${longest} characters, over the new limit of ${c.after}`);
      }
      if (c.kind === 'enum' && Array.isArray(c.after)) {
        const allowed = new Set(c.after.map((x) => String(x).toLowerCase()));
        if (!allowed.has(text.toLowerCase())) reasons.push(`${code} "${text}" is not one of the allowed values`);
      }
    }
    if (reasons.length) out.push({ productId: p.id, sku: p.sku, reasons });
  }
  return out;
}

/** High: a new required attribute nobody can supply, or one listed products lack; medium: other breaking changes. */
export function changeSeverity(diff: MappedDiff, affected: number): SpecChangeSeverity {
  if (diff.unmappedRequired.length) return 'high';
  if (diff.addedRequired.length && affected > 0) return 'high';
  if (diff.addedRequired.length || (diff.constraintChanges.length && affected > 0)) return 'medium';
  return 'low';
}

/** The summary used when Claude is not configured or fails (the row says which). */
export function deterministicSummary(args: { retailer: string; productType: string; fromVersion: string | null; toVersion: string; diff: MappedDiff; affected: number }): string {
  const { diff } = args;
  const label = (n: string) => (diff.mapped[n] ? `${n} (${diff.mapped[n]})` : `${n} (unmapped)`);
  const parts: string[] = [];
  if (diff.addedRequired.length) parts.push(`now requires ${diff.addedRequired.map(label).join(', ')}`);
  if (diff.removedRequired.length) parts.push(`no longer requires ${diff.removedRequired.join(', ')}`);
  if (diff.addedProps.length) parts.push(`adds ${diff.addedProps.length} attribute${diff.addedProps.length === 1 ? '' : 's'}`);
  if (diff.removedProps.length) parts.push(`removes ${diff.removedProps.join(', ')}`);
  for (const c of diff.constraintChanges) parts.push(`changes ${c.kind} of ${c.prop} from ${JSON.stringify(c.before)} to ${JSON.stringify(c.after)}`);
  const what = parts.length ? parts.join('; ') : 'changes only descriptive text';
  const from = args.fromVersion ? ` (from ${args.fromVersion})` : '';
  const impact = args.affected ? `${args.affected} listed product${args.affected === 1 ? '' : 's'} now fail${args.affected === 1 ? 's' : ''} it and need${args.affected === 1 ? 's' : ''} updating before the next submission.` : 'No listed product is affected.';
  return `${args.retailer} ${args.productType} spec ${args.toVersion}${from} ${what}. ${impact}`;
}
