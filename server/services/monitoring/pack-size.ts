/**
 * Pack size facts from free text ("12 oz", "32 fl oz", "2 lb", "24 Count", "Pack of 3"), normalized to comparable
 * units, so a PDP title still saying "12 oz" after the pack changed to 10 oz is caught (DOMAIN.md F9.3, product #2).
 */
export interface PackFact {
  unit: 'oz' | 'fl_oz' | 'count' | 'pack';
  amount: number;
}

const PATTERN = /(\d+(?:\.\d+)?)\s*(fl\.?\s*oz|fluid\s+ounces?|oz|ounces?|lbs?|pounds?|count|ct|pack)\b|pack\s+of\s+(\d+)/gi;

export function packFacts(text: string): PackFact[] {
  const out: PackFact[] = [];
  for (const m of text.matchAll(PATTERN)) {
    if (m[3]) {
      out.push({ unit: 'pack', amount: Number(m[3]) });
      continue;
    }
    const n = Number(m[1]);
    const u = m[2]!.toLowerCase().replace(/\s+/g, ' ');
    if (/^fl|^fluid/.test(u)) out.push({ unit: 'fl_oz', amount: n });
    else if (/^(oz|ounce)/.test(u)) out.push({ unit: 'oz', amount: n });
    else if (/^(lb|pound)/.test(u)) out.push({ unit: 'oz', amount: n * 16 });
    else if (u === 'pack') out.push({ unit: 'pack', amount: n });
    else out.push({ unit: 'count', amount: n });
  }
  return out;
}

/** From a stored net_content value ({amount, unit: OUNCE|FLUID_OUNCE|COUNT|POUND}). */
export function packFactOfNetContent(v: unknown): PackFact | null {
  const o = v as { amount?: unknown; unit?: unknown } | null;
  if (!o || o.amount === undefined) return null;
  const amount = Number(o.amount);
  if (!Number.isFinite(amount)) return null;
  switch (String(o.unit).toUpperCase()) {
    case 'OUNCE':
      return { unit: 'oz', amount };
    case 'FLUID_OUNCE':
      return { unit: 'fl_oz', amount };
    case 'POUND':
      return { unit: 'oz', amount: amount * 16 };
    case 'COUNT':
      return { unit: 'count', amount };
    default:
      return null;
  }
}

/** The first unit both sides state with different amounts, or null when they agree (or share no unit). */
export function packMismatch(expected: PackFact[], observed: PackFact[]): { expected: PackFact; observed: PackFact } | null {
  for (const o of observed) {
    const sameUnit = expected.filter((e) => e.unit === o.unit);
    if (sameUnit.length && !sameUnit.some((e) => Math.abs(e.amount - o.amount) < 1e-6)) return { expected: sameUnit[0]!, observed: o };
  }
  return null;
}

export const formatPack = (p: PackFact) => `${p.amount} ${p.unit === 'fl_oz' ? 'fl oz' : p.unit}`;
