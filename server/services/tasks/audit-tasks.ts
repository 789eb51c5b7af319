/**
 * Turning an audit's errors into work (DOMAIN.md F10, `audit/completed`): one `audit_finding` task per (product,
 * retailer) with errors, routed like any other; a product whose same set of rules already has an open task folds
 * into it. Audits a workflow ran are left to that workflow. Idempotent per audit and product.
 */
import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { routeTask, type RouteOutcome } from './route.ts';
import { taskEvent } from './people.ts';

export async function createAuditTasks(tx: Tx, companyId: string, auditId: string, now: Date) {
  const [audit] = await tx.execute<{ id: string; workflow_run_id: string | null; retailer_name: string | null }>(sql`
    select a.id, a.workflow_run_id, r.name as retailer_name from audits a left join retailers r on r.id = a.retailer_id where a.id = ${auditId}`);
  if (!audit) return { skipped: 'missing audit' as const, outcomes: [] };
  if (audit.workflow_run_id) return { skipped: 'run by a workflow, which handles its findings' as const, outcomes: [] };
  const groups = await tx.execute<{ product_id: string; sku: string; retailer_id: string | null; rules: string[]; findings: { id: string; rule: string; attribute: string | null; message: string }[] }>(sql`
    select f.product_id, p.sku, f.retailer_id, array_agg(distinct f.rule_code order by f.rule_code) as rules,
      jsonb_agg(jsonb_build_object('id', f.id, 'rule', f.rule_code, 'attribute', f.attribute_code, 'message', f.message) order by f.rule_code, f.id) as findings
    from audit_findings f join products p on p.id = f.product_id
    where f.audit_id = ${auditId} and f.severity = 'error'
    group by f.product_id, p.sku, f.retailer_id order by p.sku`);
  const outcomes: { taskId: string; sku: string; outcome: RouteOutcome }[] = [];
  for (const g of groups) {
    const n = g.findings.length;
    const title = `${g.sku}: ${n} audit error${n === 1 ? '' : 's'}${audit.retailer_name ? ` at ${audit.retailer_name}` : ''}`;
    const inserted = await tx.execute<{ id: string }>(sql`
      insert into tasks (company_id, type, title, description, status, priority, product_id, retailer_id, source_type, source_id, raw, dedupe_key, created_at, updated_at, last_activity_at)
      values (${companyId}, 'audit_finding', ${title}, ${g.findings.map((f) => `• ${f.message}`).join('\n')}, 'new', 'medium', ${g.product_id}, ${g.retailer_id},
              'audit', ${auditId}, ${JSON.stringify({ auditId, rules: g.rules, findings: g.findings })}::jsonb, ${`audit:${auditId}:${g.product_id}`}, ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz)
      on conflict (company_id, dedupe_key) do nothing returning id`);
    const [task] = inserted.length ? inserted : await tx.execute<{ id: string }>(sql`select id from tasks where dedupe_key = ${`audit:${auditId}:${g.product_id}`}`);
    if (inserted.length) await taskEvent(tx, companyId, task!.id, 'created', { source: 'audit', auditId }, now);
    const outcome = await routeTask(tx, companyId, task!.id, now);
    const owner = outcome.outcome === 'merged' ? outcome.into : task!.id;
    await tx.execute(sql`update audit_findings set task_id = ${owner} where id in (select jsonb_array_elements_text(${JSON.stringify(g.findings.map((f) => f.id))}::jsonb)::uuid)`);
    outcomes.push({ taskId: task!.id, sku: g.sku, outcome });
  }
  return { skipped: null, outcomes };
}
