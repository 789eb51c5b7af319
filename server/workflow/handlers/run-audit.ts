import { runAuditStep } from '../../../shared/steps/kinds/run-audit.ts';
import { withCompany } from '../../db/tx.ts';
import { auditCompletedEvent, runAudit } from '../../services/audits/run-audit.ts';
import { celVars } from '../vars.ts';
import { stepProductIds } from './product-ids.ts';
import { defineHandler } from './types.ts';


/** One audit per retailer, keyed by run and step, so a retried step finds the audits it wrote. */
export const runAuditHandler = defineHandler(runAuditStep, async (ctx, config) => {
  const ids = stepProductIds(config.products, celVars(ctx.vars));
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
