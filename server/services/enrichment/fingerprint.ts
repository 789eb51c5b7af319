/**
 * Expected-content fingerprints and similarity for shadow runs (DOMAIN.md F6): key facts a retailer rewording
 * keeps (pack size, count, flavor, claims) found by deterministic regexes, plus normalized title tokens, so the
 * watchdog can tell "reworded" from "wrong pack size". Similarities are in [0, 1].
 */
const SIZE = /(\d+(?:\.\d+)?)\s?(fl\.?\s?oz|oz|lb|ct|count)\b/gi;
const PACK_OF = /\bpack of (\d+)\b/i;
const CLAIMS = ['organic', 'decaf', 'gluten free', 'grain free', 'fair trade', 'made in usa', 'single origin', '100% arabica', 'dermatologist tested', 'sensitive skin', 'low calorie'];

export interface Fingerprint {
  netContent?: { amount: number; unit: 'oz' | 'fl oz' | 'lb' };
  count?: number;
  packOf?: number;
  flavor?: string;
  claims?: string[];
  titleTokens: string[];
}

export function fingerprintOf(text: string, facts: { flavor?: string | null } = {}): Fingerprint {
  const fp: Fingerprint = { titleTokens: tokens(text) };
  for (const m of text.matchAll(SIZE)) {
    const amount = Number(m[1]);
    const unit = m[2]!.toLowerCase().replace(/\./g, '').replace(/\s+/g, '');
    if (unit === 'ct' || unit === 'count') fp.count ??= amount;
    else fp.netContent ??= { amount, unit: unit === 'floz' ? 'fl oz' : (unit as 'oz' | 'lb') };
  }
  const pack = PACK_OF.exec(text);
  if (pack) fp.packOf = Number(pack[1]);
  if (facts.flavor) fp.flavor = facts.flavor.trim().toLowerCase();
  const lower = text.toLowerCase();
  const claims = CLAIMS.filter((c) => lower.includes(c));
  if (claims.length) fp.claims = claims;
  return fp;
}

const STOP = new Set(['a', 'an', 'the', 'and', 'or', 'for', 'with', 'of', 'in', 'on', 'to', 'by', '&']);

/** Lower-case word tokens without stop words, sorted and unique: robust to reordering. */
export function tokens(text: string): string[] {
  return [...new Set((text.toLowerCase().match(/[\p{L}\p{N}]+(?:\.\d+)?/gu) ?? []).filter((t) => !STOP.has(t)))].sort();
}

/** Text of a value in any attribute shape ({text}, {items}, plain strings). */
export function textOf(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(textOf).join('\n');
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (typeof v.text === 'string') return v.text;
    if (Array.isArray(v.items)) return v.items.map(textOf).join('\n');
    if (typeof v.option === 'string') return v.option;
  }
  return String(value);
}

/**
 * Mean of token Jaccard and normalized Levenshtein similarity of the normalized strings; null when either side is
 * empty (nothing to compare is not "0% similar").
 */
export function similarity(a: string, b: string): number | null {
  const na = a.toLowerCase().replace(/\s+/g, ' ').trim();
  const nb = b.toLowerCase().replace(/\s+/g, ' ').trim();
  if (!na || !nb) return null;
  const ta = new Set(tokens(na));
  const tb = new Set(tokens(nb));
  const inter = [...ta].filter((t) => tb.has(t)).length;
  const union = new Set([...ta, ...tb]).size;
  const jaccard = union === 0 ? 1 : inter / union;
  const lev = 1 - levenshtein(na, nb) / Math.max(na.length, nb.length);
  return Math.round(Math.min(1, Math.max(0, (jaccard + lev) / 2)) * 10_000) / 10_000;
}

export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  // Long copy (descriptions) is compared on its first 2,000 characters: enough signal, bounded cost.
  const s = a.slice(0, 2000);
  const t = b.slice(0, 2000);
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const cur = [i];
    for (let j = 1; j <= t.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (s[i - 1] === t[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[t.length]!;
}
