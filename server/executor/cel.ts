/**
 * CEL for the executor: trigger `if` expressions, waitForEvent/cancelOn matches (the shared evaluator), and the
 * Inngest-specific reading of idempotency/concurrency/rate keys.
 */
import { celValue } from '../../shared/cel/evaluate.ts';

export { celMatches, celValue } from '../../shared/cel/evaluate.ts';

/** A key expression's value as a string (Inngest hashes the value); undefined when it cannot be evaluated. */
export function celKey(expression: string | null | undefined, vars: Record<string, unknown>): string | undefined {
  if (!expression) return undefined;
  try {
    const v = celValue(expression, vars);
    return typeof v === 'string' ? v : JSON.stringify(v);
  } catch {
    return undefined;
  }
}
