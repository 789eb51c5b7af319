/**
 * Canonical JSON (object keys sorted at every depth, no whitespace) and its sha256: two fetches of the same spec
 * that differ only in key order or formatting get the same checksum, so the sentinel stops there (DOMAIN.md F8.2).
 */
import { createHash } from 'node:crypto';

export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value as Record<string, unknown>).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = sortKeys(v);
    }
    return out;
  }
  return value;
}

export function specChecksum(schema: unknown): string {
  return createHash('sha256').update(canonicalJson(schema)).digest('hex');
}
