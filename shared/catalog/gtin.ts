/**
 * GTIN-8/12/13/14 share the GS1 mod-10 check digit: weights 3,1,3,1… from the rightmost data digit,
 * check = (10 − sum mod 10) mod 10. Stored right-justified in 14 digits (DOMAIN.md §3.2 "Identifiers").
 */
export type GtinProblem = 'GTIN_LENGTH' | 'GTIN_CHECK_DIGIT';

export function gtinCheckDigit(dataDigits: string): number {
  let sum = 0;
  for (let i = dataDigits.length - 1, w = 3; i >= 0; i--, w = w === 3 ? 1 : 3) sum += Number(dataDigits[i]) * w;
  return (10 - (sum % 10)) % 10;
}

/** null when `gtin` is a well-formed GTIN with a correct check digit; otherwise which rule it breaks. */
export function gtinProblem(gtin: string): GtinProblem | null {
  if (!/^\d+$/.test(gtin) || ![8, 12, 13, 14].includes(gtin.length)) return 'GTIN_LENGTH';
  const body = gtin.slice(0, -1);
  return gtinCheckDigit(body) === Number(gtin.at(-1)) ? null : 'GTIN_CHECK_DIGIT';
}

/** Left-pads a GTIN-8/12/13 to 14 digits (the stored form). Does not check it. */
export function normalizeGtin(gtin: string): string {
  return gtin.trim().padStart(14, '0');
}

/** The shortest common form for display: GTIN-12 (UPC-A) when the padding allows, else as stored. */
export function displayGtin(gtin14: string): string {
  return gtin14.startsWith('00') ? gtin14.slice(2) : gtin14.startsWith('0') ? gtin14.slice(1) : gtin14;
}

export function gtinMessage(problem: GtinProblem, gtin: string): string {
  if (problem === 'GTIN_LENGTH') return `"${gtin}" is not a GTIN: 8, 12, 13 or 14 digits expected`;
  const body = gtin.slice(0, -1);
  return `GTIN ${gtin} has check digit ${gtin.at(-1)}, but ${gtinCheckDigit(body)} is correct`;
}
