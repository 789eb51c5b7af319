/** A sample trigger payload per trigger type, shaped like what the real trigger sends, to start a run by hand. */
import type { TriggerConfig } from '../../shared/workflows/trigger-config.ts';

export function samplePayload(config: TriggerConfig | null | undefined): Record<string, unknown> {
  switch (config?.type) {
    case 'field_changed':
      return {
        productId: '00000000-0000-4000-8000-000000000000',
        sku: 'SAMPLE-SKU-1',
        category: config.categories?.[0] ?? 'coffee',
        changes: config.fields.slice(0, 2).map((attribute) => ({ attribute, old: 'before', new: 'after', channel: null, locale: null })),
        depth: 0,
      };
    case 'enrichment_completed':
      return { jobId: 'sample-job-1', status: config.statuses[0] ?? 'completed', stats: { pendingReview: 0, applied: 3 }, productIds: [], categories: config.categories ?? [] };
    case 'schedule':
      return { slot: new Date().toISOString(), cron: config.cron, timezone: config.timezone };
    case 'event':
      return { example: true };
    default:
      return {};
  }
}

/** The payload as an object, or a sentence saying what is wrong with the text. */
export function parsePayload(text: string): { payload: Record<string, unknown> } | { error: string } {
  if (!text.trim()) return { payload: {} };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { error: `Not valid JSON: ${err instanceof Error ? err.message : 'parse error'}` };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { error: 'The payload must be a JSON object, like {"amount": 120}' };
  return { payload: value as Record<string, unknown> };
}
