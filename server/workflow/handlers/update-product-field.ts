import { makeEvent, productFieldChanged } from '../../../shared/events/index.ts';
import { sql } from 'drizzle-orm';
import { celValue } from '../../../shared/cel/evaluate.ts';
import { AppError } from '../../../shared/errors.ts';
import { parseValueText } from '../../../shared/catalog/values.ts';
import { updateProductFieldStep } from '../../../shared/steps/kinds/update-product-field.ts';
import { withCompany } from '../../db/tx.ts';
import { loadAttributeDefs } from '../../services/catalog/catalog-data.ts';
import { updateProductField } from '../../services/products/update-field.ts';
import { celVars } from '../vars.ts';
import { defineHandler, PermanentStepError } from './types.ts';

/**
 * Writes the field as this workflow, with this run as the change's origin (the field-changed loop guard reads it).
 * Idempotent: a retry finds the value already written and re-sends the same event id.
 */
export const updateProductFieldHandler = defineHandler(updateProductFieldStep, async (ctx, config) => {
  const evaluate = (what: string, expression: string) => {
    try {
      return celValue(expression, celVars(ctx.vars));
    } catch (err) {
      throw new PermanentStepError(`${what}: ${(err as Error).message.split('\n')[0]}`);
    }
  };
  const productId = evaluate('product', config.product);
  if (typeof productId !== 'string') throw new PermanentStepError(`product: ${config.product} gave ${JSON.stringify(productId)}, not a product id`);
  const raw = evaluate('value', config.value);
  const result = await withCompany(ctx.db, ctx.companyId, async (tx) => {
    let value: unknown = raw ?? null;
    if (typeof raw === 'string' || typeof raw === 'number') {
      const def = (await loadAttributeDefs(tx)).get(config.attribute);
      if (!def) throw new PermanentStepError(`no attribute "${config.attribute}"`);
      const parsed = parseValueText(def, String(raw));
      if (!parsed.ok) throw new PermanentStepError(`${def.label}: ${parsed.message}`);
      value = parsed.value;
    }
    try {
      const res = await updateProductField(tx, {
        companyId: ctx.companyId, productId, attribute: config.attribute, channel: config.retailer ?? '', value,
        actor: { type: 'workflow', id: ctx.workflowId }, originRunId: ctx.runId,
      });
      if (res.changed) return res;
      // Unchanged: if this very run wrote it before (a retry), announce that change again under the same id.
      const [mine] = await tx.execute<{ id: number }>(sql`
        select id from product_field_history where product_id = ${productId} and attribute_code = ${config.attribute} and origin_run_id = ${ctx.runId} order by id desc limit 1`);
      return { ...res, historyId: mine ? Number(mine.id) : null };
    } catch (err) {
      if (err instanceof AppError && err.code !== 'CONFLICT') throw new PermanentStepError(err.message);
      throw err;
    }
  });
  const event =
    result.event ??
    (result.historyId
      ? makeEvent(productFieldChanged, `field:${result.historyId}`, { companyId: ctx.companyId, productId, changes: [], actor: { type: 'workflow', id: ctx.workflowId }, originRunId: ctx.runId, changedAt: new Date().toISOString() })
      : null);
  if (event) await ctx.sendEvent(event);
  return { output: { productId, attribute: config.attribute, changed: result.changed, historyId: result.historyId } };
});
