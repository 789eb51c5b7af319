/**
 * One audit per retailer: the retailer's listed products (optionally narrowed to some products) checked against its
 * category specs and text rules; findings and a score written in the caller's transaction. Keyed: a request retried
 * with the same key returns the audit it already wrote, so the nightly slot, an event or a run step audits once.
 */
import { auditCompleted, makeEvent } from '../../../shared/events/index.ts';
import { sql } from 'drizzle-orm';
import { auditFindings, audits, type AuditSummary } from '../../../drizzle/schema/index.ts';
import { valuesForChannel } from '../../../shared/catalog/completeness.ts';
import { evaluateProduct } from '../../../shared/catalog/evaluate.ts';
import { grade } from '../../../shared/catalog/text-rules.ts';
import type { AuditTrigger } from '../../../shared/catalog/vocab.ts';
import type { Tx } from '../../db/client.ts';
import type { CatalogEvent } from '../../../shared/events/index.ts';
import { groupByProduct, loadAttributeDefs, loadSpecs, loadValueRows, type ProductCore } from '../catalog/catalog-data.ts';

export interface AuditRequest {
  companyId: string;
  trigger: AuditTrigger;
  /** Unique per occurrence; each retailer's audit is keyed `<key>:<retailer code>`. */
  key: string;
  retailerCodes?: string[];
  productIds?: string[];
  requestedBy?: string | null;
  workflowRunId?: string | null;
  now?: Date;
}

export interface AuditOutcome {
  auditId: string;
  retailerId: string;
  retailerCode: string;
  productsChecked: number;
  score: number;
  grade: string;
  errorCount: number;
  warningCount: number;
  created: boolean;
}

export async function runAudit(tx: Tx, req: AuditRequest): Promise<AuditOutcome[]> {
  const defs = await loadAttributeDefs(tx);
  const types = Object.fromEntries([...defs].map(([code, d]) => [code, d.type]));
  const label = (code: string) => defs.get(code)?.label ?? code;
  const specs = await loadSpecs(tx);
  const retailers = await tx.execute<{ id: string; code: string; text_rules: unknown }>(sql`select id, code, text_rules from retailers order by code`);
  const out: AuditOutcome[] = [];
  for (const retailer of retailers) {
    if (req.retailerCodes?.length && !req.retailerCodes.includes(retailer.code)) continue;
    const key = `${req.key}:${retailer.code}`;
    const [existing] = await tx.execute<{ id: string; products_checked: number; score: number; grade: string; summary: AuditSummary }>(sql`
      select id, products_checked, score, grade, summary from audits where audit_key = ${key} and status = 'completed'`);
    if (existing) {
      out.push({ auditId: existing.id, retailerId: retailer.id, retailerCode: retailer.code, productsChecked: existing.products_checked, score: existing.score, grade: existing.grade, errorCount: existing.summary.errors, warningCount: existing.summary.warnings, created: false });
      continue;
    }
    const listed = await tx.execute<{ id: string; sku: string; gtin: string | null; brand: string; category_id: string }>(sql`
      select p.id, p.sku, p.gtin, p.brand, p.category_id from listings l join products p on p.id = l.product_id
      where l.retailer_id = ${retailer.id} and l.status <> 'delisted'
        ${req.productIds ? sql`and p.id in (select jsonb_array_elements_text(${JSON.stringify(req.productIds)}::jsonb)::uuid)` : sql``}
      order by p.sku`);
    if (listed.length === 0) continue;
    const core: ProductCore[] = listed.map((p) => ({ id: p.id, sku: p.sku, gtin: p.gtin, brand: p.brand, categoryId: p.category_id }));
    const values = groupByProduct(await loadValueRows(tx, core));
    const findings: (typeof auditFindings.$inferInsert)[] = [];
    const summary: AuditSummary = { errors: 0, warnings: 0, byRule: {}, products: [] };
    for (const p of core) {
      const spec = specs.find((s) => s.retailerId === retailer.id && s.categoryId === p.categoryId) ?? null;
      const rules = spec?.textRules ?? (retailer.text_rules as never);
      const ev = evaluateProduct({ spec, rules, values: valuesForChannel(values.get(p.id) ?? [], retailer.code), types, gtin: p.gtin, brand: p.brand, attributeLabel: label });
      summary.products.push({ productId: p.id, sku: p.sku, score: ev.score, completeness: ev.completeness, missing: ev.missing });
      for (const f of ev.findings) {
        if (f.severity === 'error') summary.errors++;
        if (f.severity === 'warning') summary.warnings++;
        summary.byRule[f.rule] = (summary.byRule[f.rule] ?? 0) + 1;
        findings.push({ companyId: req.companyId, auditId: '', productId: p.id, retailerId: retailer.id, ruleCode: f.rule, severity: f.severity, attributeCode: f.attribute, message: f.message, expected: f.expected ?? null, observed: f.observed ?? null });
      }
    }
    const score = Math.round((summary.products.reduce((s, p) => s + p.score, 0) / summary.products.length) * 10) / 10;
    const at = req.now ?? new Date();
    const [row] = await tx
      .insert(audits)
      .values({
        companyId: req.companyId, retailerId: retailer.id, trigger: req.trigger, auditKey: key, status: 'completed',
        scope: req.productIds ? { productIds: req.productIds } : {}, productsChecked: core.length, score, grade: grade(score), summary,
        requestedBy: req.requestedBy ?? null, workflowRunId: req.workflowRunId ?? null, startedAt: at, completedAt: at,
      })
      .returning({ id: audits.id });
    for (let i = 0; i < findings.length; i += 1000) {
      await tx.insert(auditFindings).values(findings.slice(i, i + 1000).map((f) => ({ ...f, auditId: row!.id })));
    }
    out.push({ auditId: row!.id, retailerId: retailer.id, retailerCode: retailer.code, productsChecked: core.length, score, grade: grade(score), errorCount: summary.errors, warningCount: summary.warnings, created: true });
  }
  return out;
}

/** `audit/completed`, with an id fixed per audit so a repeated send is one event. */
export function auditCompletedEvent(companyId: string, a: AuditOutcome): CatalogEvent {
  return makeEvent(auditCompleted, `audit:${a.auditId}`, {
    companyId, auditId: a.auditId, retailerId: a.retailerId, productsChecked: a.productsChecked, score: a.score, grade: a.grade, errorCount: a.errorCount, warningCount: a.warningCount,
  });
}
