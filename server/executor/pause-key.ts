/**
 * Pause matching that does not scan. A `waitForEvent` `if` almost always pins one field of the awaited event to a
 * value known when the wait begins: `match: 'data.k'` becomes `event.data.k == async.data.k`, and the run's own
 * event is fixed. So at registration the wait is indexed by (event name, `async` path, value); an arriving event
 * then looks up only the waits keyed by its own values at those paths (plus the few that could not be keyed),
 * instead of reading and evaluating every wait on its name (Inngest aggregates pause expressions for the same
 * reason). When the equality is the whole expression, the index decides alone; otherwise CEL still runs, on the
 * handful of candidates.
 */
import { parse, type ASTNode } from '@marcbachmann/cel-js';

export interface PauseKey {
  /** Dotted path in the awaited event, e.g. `data.k`. */
  path: string;
  /** The value it must have, as `keyValue` writes it. */
  value: string;
  /** The equality is the whole expression: no CEL needed for a keyed candidate. */
  exact: boolean;
}

/** A scalar as the index stores it; objects, arrays, null and missing values are not keyed. */
export function keyValue(v: unknown): string | null {
  if (typeof v === 'string') return `s:${v}`;
  // CEL compares 5 and 5.0 equal, and JSON carries both as numbers: one form for both.
  if (typeof v === 'number' && Number.isFinite(v)) return `n:${v}`;
  if (typeof v === 'boolean') return `b:${v}`;
  return null;
}

/** The value at a dotted path. */
export function valueAt(root: unknown, path: string): unknown {
  let cur = root;
  for (const part of path.split('.')) {
    if (!cur || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** The wait's index key, or null when its expression pins no field of `async` (it is then evaluated as before). */
export function pauseKey(expression: string | null | undefined, runEvent: unknown): PauseKey | null {
  if (!expression) return null;
  let ast: ASTNode;
  try {
    ast = parse(expression).ast;
  } catch {
    return null;
  }
  const conjuncts = flattenAnd(ast);
  for (const c of conjuncts) {
    if (c.op !== '==') continue;
    const [l, r] = c.args as [ASTNode, ASTNode];
    for (const [mine, other] of [[l, r], [r, l]] as const) {
      const path = pathFrom(mine, 'async');
      if (!path) continue;
      const fixed = known(other, runEvent);
      const value = keyValue(fixed.value);
      if (value === null) continue;
      // A numeric literal may be an int where the event carries a double: CEL decides those, on the candidates.
      return { path, value, exact: conjuncts.length === 1 && !(fixed.literal && typeof fixed.value === 'number') };
    }
  }
  return null;
}

function flattenAnd(node: ASTNode): ASTNode[] {
  if (node.op !== '&&') return [node];
  const [l, r] = node.args as [ASTNode, ASTNode];
  return [...flattenAnd(l), ...flattenAnd(r)];
}

/** `root.a.b` → `a.b`; anything else (indexing, calls, optional fields) → null. */
function pathFrom(node: ASTNode, root: string): string | null {
  const parts: string[] = [];
  let cur = node;
  while (cur.op === '.') {
    const [target, name] = cur.args as [ASTNode, string];
    parts.unshift(name);
    cur = target;
  }
  return cur.op === 'id' && cur.args === root && parts.length ? parts.join('.') : null;
}

/** A literal, or a field of the run's own event (`event.data.k`): what the other side of the equality is fixed to. */
function known(node: ASTNode, runEvent: unknown): { value: unknown; literal: boolean } {
  if (node.op === 'value') {
    const v = node.args as unknown;
    return { value: typeof v === 'bigint' ? Number(v) : v, literal: true };
  }
  const path = pathFrom(node, 'event');
  return { value: path ? valueAt(runEvent, path) : undefined, literal: false };
}
