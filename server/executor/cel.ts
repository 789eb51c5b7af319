/**
 * CEL for the executor: trigger `if` expressions, waitForEvent/cancelOn matches, idempotency/concurrency/rate keys.
 * Parsed programs are cached; an expression that fails to evaluate counts as "no match", as in Inngest.
 */
import { parse } from '@marcbachmann/cel-js';

type Program = ReturnType<typeof parse>;
const cache = new Map<string, Program>();

function program(expression: string): Program {
  let p = cache.get(expression);
  if (!p) {
    p = parse(expression);
    if (cache.size > 5000) cache.clear();
    cache.set(expression, p);
  }
  return p;
}

/** JSON numbers reach CEL as doubles; CEL integer literals are int. Comparing 1 == 1.0 must hold, so we normalise. */
function normalise(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  return value;
}

export function celValue(expression: string, vars: Record<string, unknown>): unknown {
  return normalise(program(expression)(vars));
}

export function celMatches(expression: string | null | undefined, vars: Record<string, unknown>): boolean {
  if (!expression) return true;
  try {
    return celValue(expression, vars) === true;
  } catch {
    return false;
  }
}

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
