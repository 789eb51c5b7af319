/**
 * Text comparison for the watchdog (DOMAIN.md §3.4): normalization, token similarity (Dice over token multisets)
 * and Nielsen Brandbank's bidirectional word overlap for marketing copy.
 */
export function normalizeText(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[™®©]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function tokens(s: string): string[] {
  const n = normalizeText(s);
  return n ? n.split(' ') : [];
}

/** Dice coefficient over token multisets: 1 for the same words in any order, 0 for nothing in common. */
export function tokenSimilarity(a: string, b: string): number {
  const ta = tokens(a);
  const tb = tokens(b);
  if (!ta.length && !tb.length) return 1;
  if (!ta.length || !tb.length) return 0;
  const counts = new Map<string, number>();
  for (const t of ta) counts.set(t, (counts.get(t) ?? 0) + 1);
  let common = 0;
  for (const t of tb) {
    const c = counts.get(t) ?? 0;
    if (c > 0) {
      common++;
      counts.set(t, c - 1);
    }
  }
  return (2 * common) / (ta.length + tb.length);
}

/**
 * Brandbank: copy matches when ≥ 70% of words match in both directions, or the library text is contained in the
 * retailer's. `expectedCovered` = share of the expected words found on the page; `observedCovered` the reverse.
 */
export function wordOverlap(expected: string, observed: string): { expectedCovered: number; observedCovered: number; contained: boolean } {
  const e = new Set(tokens(expected));
  const o = new Set(tokens(observed));
  const inter = [...e].filter((w) => o.has(w)).length;
  const ne = normalizeText(expected);
  return {
    expectedCovered: e.size ? inter / e.size : 1,
    observedCovered: o.size ? inter / o.size : e.size ? 0 : 1,
    contained: ne !== '' && normalizeText(observed).includes(ne),
  };
}

export const round2 = (n: number) => Math.round(n * 100) / 100;
