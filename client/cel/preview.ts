/**
 * The live preview: what the expression gives on the last run's data or the sample payload, by the evaluator the
 * server runs (shared/cel/evaluate.ts), so a preview and a run cannot disagree.
 */
import { celValue } from '../../shared/cel/evaluate.ts';

export type Preview = { kind: 'empty' } | { kind: 'value'; text: string } | { kind: 'error'; message: string };

const MAX = 160;

export function celPreview(expression: string, vars: Record<string, unknown>): Preview {
  if (!expression.trim()) return { kind: 'empty' };
  try {
    return { kind: 'value', text: formatValue(celValue(expression, vars)) };
  } catch (err) {
    return { kind: 'error', message: err instanceof Error ? (err.message.split('\n')[0] ?? 'error') : 'error' };
  }
}

export function formatValue(value: unknown): string {
  let text: string;
  if (value === undefined) text = 'null';
  else if (value instanceof Uint8Array) text = `bytes(${value.length})`;
  else {
    try {
      text = JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v instanceof Date ? v.toISOString() : v)) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return text.length > MAX ? `${text.slice(0, MAX - 1)}…` : text;
}
