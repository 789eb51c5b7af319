import { celValue } from '../../executor/cel.ts';
import { runAuditStep } from '../../../shared/steps/kinds/run-audit.ts';
import { withCompany } from '../../db/tx.ts';
import { auditCompletedEvent, runAudit } from '../../services/audits/run-audit.ts';
import { celVars } from '../vars.ts';
import { defineHandler, PermanentStepError } from './types.ts';

/** The run's products: the configured CEL list, else the trigger's productId / productIds, else every product. */
function productIds(expression: string | undefined, vars: Record<string, unknown>): string[] | undefined {
  let v: unknown;
  if (expression) {
    try {
      v = celValue(expression, vars);
    } catch (err) {
      throw new PermanentStepError(`products: ${(err as Error).message.split('\n')[0]}`);
    }
  } else {
    const data = (vars.event as { data?: Record<string, unknown> }).data ?? {};
    v = data.productId ?? data.productIds;
  }
  if (v === undefined || v === null) return undefined;
  const list = Array.isArray(v) ? v : [v];
  if (!list.every((id) => typeof id === 'string' && /^[0-9a-f-]{36}$/i.test(id))) throw new PermanentStepError(`products: expected product ids, got ${JSON.stringify(v).slice(0, 120)}`);
  return list as string[];
}

/** One audit per retailer, keyed by run and step, so a retried step finds the audits it wrote. */
export const runAuditHandler = defineHandler(runAuditStep, async (ctx, config) => {
  const ids = productIds(config.products, celVars(ctx.vars));
  const audits = await withCompany(ctx.db, ctx.companyId, (tx) =>
    runAudit(tx, { companyId: ctx.companyId, trigger: 'workflow', key: `run:${ctx.runId}:${ctx.stepId}`, workflowRunId: ctx.runId, ...(ids ? { productIds: ids } : {}), ...(config.retailer ? { retailerCodes: [config.retailer] } : {}) }),
  );
  for (const a of audits) await ctx.sendEvent(auditCompletedEvent(ctx.companyId, a));
  const errors = audits.reduce((n, a) => n + a.errorCount, 0);
  const warnings = audits.reduce((n, a) => n + a.warningCount, 0);
  return {
    output: {
      errors,
      warnings,
      score: audits.length ? Math.min(...audits.map((a) => a.score)) : 100,
      audits: audits.map((a) => ({ auditId: a.auditId, retailer: a.retailerCode, score: a.score, grade: a.grade, errors: a.errorCount, warnings: a.warningCount })),
    },
  };
});
