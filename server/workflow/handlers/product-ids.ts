/** Which products a product-scoped step acts on: one rule for every such kind (audit, images, enrichment, listings). */
import { celValue } from '../../../shared/cel/evaluate.ts';
import { PermanentStepError } from './types.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The configured CEL list, else the trigger's `productId` / `productIds`. Undefined when neither names any (the
 * caller decides whether that means "all" or is an error); a value that is not a list of ids fails the step.
 */
export function stepProductIds(expression: string | undefined, vars: Record<string, unknown>): string[] | undefined {
  let v: unknown;
  if (expression) {
    try {
      v = celValue(expression, vars);
    } catch (err) {
      throw new PermanentStepError(`products: ${(err as Error).message.split('\n')[0]}`);
    }
  } else {
    const data = (vars.event as { data?: Record<string, unknown> } | undefined)?.data ?? {};
    v = data.productId ?? data.productIds;
  }
  if (v === undefined || v === null) return undefined;
  const list = Array.isArray(v) ? v : [v];
  if (!list.every((id) => typeof id === 'string' && UUID.test(id))) throw new PermanentStepError(`products: expected product ids, got ${JSON.stringify(v).slice(0, 120)}`);
  return list as string[];
}

/** The same, for kinds that need at least one product. */
export function requiredProductIds(expression: string | undefined, vars: Record<string, unknown>): string[] {
  const ids = stepProductIds(expression, vars);
  if (!ids) throw new PermanentStepError('no products: the trigger names none; set "Product ids"');
  if (ids.length === 0) throw new PermanentStepError('no products: the list is empty');
  return ids;
}
