/**
 * CEL evaluation, the one evaluator: the DAG walk's conditions and transforms, trigger filters, the executor's
 * `if` matches, and the browser's previews all run this. Parsed programs are cached; no user JavaScript ever runs.
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

/**
 * JSON has one number type; CEL has int and double and no `double * int` overload. Whole JSON numbers go in as CEL
 * ints, so `event.data.n * 2` and `n % 2 == 0` work as an ops person expects (1.5 stays a double), and results come
 * back as plain JSON numbers.
 */
export function toCel(value: unknown): unknown {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? BigInt(value) : value;
  if (Array.isArray(value)) return value.map(toCel);
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toCel(v)]));
  }
  return value;
}

export function fromCel(value: unknown): unknown {
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (Array.isArray(value)) return value.map(fromCel);
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(k), fromCel(v)]));
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fromCel(v)]));
  }
  return value;
}

export function celValue(expression: string, vars: Record<string, unknown>): unknown {
  return fromCel(program(expression)(toCel(vars) as Record<string, unknown>));
}

/** True only when the expression evaluates to true; an empty expression matches, an error does not (as in Inngest). */
export function celMatches(expression: string | null | undefined, vars: Record<string, unknown>): boolean {
  if (!expression) return true;
  try {
    return celValue(expression, vars) === true;
  } catch {
    return false;
  }
}
