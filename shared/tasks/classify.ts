/**
 * The orchestrator's deterministic classifier (DOMAIN.md F10 step 1): what a task is about, from its type and raw
 * payload. A message no rule recognises is `unclassified` — the Claude fallback classifier belongs to the AI issue.
 */
import type { TaskType } from './vocab.ts';

export interface Classification {
  category: string;
  /** The attribute or aspect the problem concerns, part of the de-duplication subject. */
  detail: string | null;
}

const REJECTION_RULES: { test: RegExp; category: string }[] = [
  { test: /ERR_EXT_DATA_0801001|requires a value|is required/i, category: 'missing_required_attribute' },
  { test: /check digit|invalid (gtin|upc|ean)|gtin/i, category: 'invalid_identifier' },
  { test: /title does not align with the image/i, category: 'title_image_mismatch' },
  { test: /misspell/i, category: 'title_spelling' },
  { test: /parent sku being rejected/i, category: 'parent_rejected' },
  { test: /image|picture|photo/i, category: 'image_noncompliant' },
];

function text(raw: Record<string, unknown>): string {
  return [raw.code, raw.description, raw.message, raw.error].filter((v) => typeof v === 'string').join(' ');
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}

export function classifyTask(type: TaskType, raw: Record<string, unknown> | null, title: string): Classification {
  const r = raw ?? {};
  switch (type) {
    case 'channel_rejection': {
      const message = text(r) || title;
      const hit = REJECTION_RULES.find((rule) => rule.test.test(message));
      return { category: hit?.category ?? 'unclassified', detail: str(r.field) ?? (hit ? null : message.toLowerCase().slice(0, 80)) };
    }
    case 'import_failure':
      return /check digit|gtin/i.test(text(r)) || r.columnName === 'gtin' ? { category: 'invalid_identifier', detail: 'gtin' } : { category: 'import_row_error', detail: str(r.columnName) };
    case 'audit_finding': {
      const rules = Array.isArray(r.rules) ? [...new Set(r.rules.filter((x): x is string => typeof x === 'string'))].sort() : [];
      return { category: 'audit_errors', detail: rules.join('+') || null };
    }
    case 'pdp_drift':
      return { category: str(r.classification) ?? 'drift', detail: str(r.field) };
    case 'spec_change':
      return { category: 'spec_change', detail: [str(r.retailer), str(r.version)].filter(Boolean).join('@') || null };
    case 'image_noncompliant':
      return { category: 'image_noncompliant', detail: str(r.rule) };
    case 'enrichment_review':
      return { category: 'enrichment_review', detail: str(r.jobId) };
    case 'human_gate':
      return { category: 'approval', detail: null };
    case 'manual':
      return { category: 'manual', detail: null };
  }
}

/** `<type>:<product>:<retailer>:<category>[/<detail>]`: at most one active task per subject. */
export function subjectKey(type: TaskType, productId: string | null, retailerId: string | null, c: Classification): string {
  return `${type}:${productId ?? '-'}:${retailerId ?? '-'}:${c.category}${c.detail ? `/${c.detail}` : ''}`;
}
