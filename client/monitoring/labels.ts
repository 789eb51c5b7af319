/** Labels and badge tones for the monitoring vocabularies (one source: shared/monitoring/vocab.ts). */
import type { ComplianceBand, DriftClassification, DriftSeverity, SpecChangeSeverity } from '../../shared/monitoring/vocab.ts';
import type { BadgeTone } from '../ui/badge.tsx';

export const BAND_LABEL = { compliant: 'Compliant', at_risk: 'At risk', non_compliant: 'Non-compliant' } as const satisfies Record<ComplianceBand, string>;
export const BAND_TONE = { compliant: 'success', at_risk: 'warning', non_compliant: 'danger' } as const satisfies Record<ComplianceBand, BadgeTone>;
export const SEVERITY_TONE = { info: 'info', warning: 'warning', critical: 'danger' } as const satisfies Record<DriftSeverity, BadgeTone>;
export const SPEC_SEVERITY_TONE = { low: 'neutral', medium: 'warning', high: 'danger' } as const satisfies Record<SpecChangeSeverity, BadgeTone>;
export const CLASSIFICATION_LABEL = {
  missing: 'Missing',
  truncated: 'Truncated',
  stale_copy: 'Stale copy',
  retailer_rewrite: 'Retailer rewrite',
  material_change: 'Changed',
  pack_size_mismatch: 'Pack size mismatch',
  wrong_image: 'Wrong image',
  delisted: 'Delisted',
} as const satisfies Record<DriftClassification, string>;

export function show(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map(show).join(' • ');
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.status === 'number') return `HTTP ${o.status}`;
    if (typeof o.url === 'string' && typeof o.distance === 'number') return `image ${o.distance}/64 bits off`;
    if (typeof o.dhash === 'string') return 'approved main image';
    if (Array.isArray(o.images)) return o.images.length ? 'unreadable image' : 'no image';
    if (typeof o.url === 'string') return o.url;
  }
  return JSON.stringify(v);
}
