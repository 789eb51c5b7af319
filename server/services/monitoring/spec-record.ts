/**
 * Recording a detected spec change (DOMAIN.md F8.6): the spec_changes row (one per new version, so a retry finds it)
 * and one `spec_change` task per company × change (dedupe_key `spec:<retailer>:<type>:<version>`), status `new` for
 * the orchestrator to route.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { withCompany } from '../../db/tx.ts';
import type { MappedDiff, ProductImpact } from './impact.ts';
import type { SpecChangeSeverity } from '../../../shared/monitoring/vocab.ts';
import { taskEvent } from '../tasks/people.ts';
import type { SpecTarget } from './spec-targets.ts';

export interface SpecChangeToRecord {
  fromVersionId: string;
  fromLabel: string;
  toVersionId: string;
  toLabel: string;
  diff: MappedDiff;
  affected: ProductImpact[];
  severity: SpecChangeSeverity;
  empty: boolean;
  summary: string;
  /** 'claude', or why the deterministic summary was used. */
  summarizedBy: { source: 'claude'; agentRunId: string } | { source: 'fallback'; reason: string };
}

const PRIORITY: Record<SpecChangeSeverity, string> = { high: 'high', medium: 'medium', low: 'low' };

export async function recordSpecChange(db: Db, target: SpecTarget, c: SpecChangeToRecord, now: Date): Promise<{ specChangeId: string; taskId: string | null }> {
  return withCompany(db, target.companyId, async (tx) => {
    const diff = { ...c.diff, affected: c.affected, summarizedBy: c.summarizedBy };
    const inserted = await tx.execute<{ id: string }>(sql`
      insert into spec_changes (company_id, retailer_id, retailer_product_type, from_version_id, to_version_id, diff, severity, summary, affected_products, affected_product_ids, detected_at)
      values (${target.companyId}, ${target.retailerId}, ${target.specKey}, ${c.fromVersionId}, ${c.toVersionId}, ${JSON.stringify(diff)}::jsonb, ${c.severity}, ${c.summary},
        ${c.affected.length}, ${`{${c.affected.map((a) => a.productId).join(',')}}`}::uuid[], ${now.toISOString()}::timestamptz)
      on conflict (to_version_id) do nothing returning id`);
    const [row] = inserted.length ? inserted : await tx.execute<{ id: string }>(sql`select id from spec_changes where to_version_id = ${c.toVersionId}`);
    // A version that changes nothing structural (descriptions, examples) is recorded but is nobody's work.
    if (c.empty) return { specChangeId: row!.id, taskId: null };
    const dedupeKey = `spec:${target.retailerCode}:${target.specKey}:${c.toLabel}`;
    const n = c.affected.length;
    const title = `${target.retailerName} spec ${c.toLabel}${target.specKey === target.types[0]?.productType ? ` (${target.specKey})` : ''}: ${n} product${n === 1 ? '' : 's'} affected`;
    const description = `${c.summary}\n\n${c.affected.map((a) => `• ${a.sku}: ${a.reasons.join('; ')}`).join('\n')}`.trim();
    const raw = { retailer: target.retailerCode, productType: target.specKey, version: c.toLabel, fromVersion: c.fromLabel, specChangeId: row!.id, severity: c.severity, addedRequired: c.diff.addedRequired, mapped: c.diff.mapped, affectedProducts: n };
    const created = await tx.execute<{ id: string }>(sql`
      insert into tasks (company_id, type, title, description, status, priority, retailer_id, source_type, source_id, raw, dedupe_key, created_at, updated_at, last_activity_at)
      values (${target.companyId}, 'spec_change', ${title}, ${description}, 'new', ${PRIORITY[c.severity]}, ${target.retailerId}, 'spec_change', ${row!.id},
        ${JSON.stringify(raw)}::jsonb, ${dedupeKey}, ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz)
      on conflict (company_id, dedupe_key) do nothing returning id`);
    const [task] = created.length ? created : await tx.execute<{ id: string }>(sql`select id from tasks where company_id = ${target.companyId} and dedupe_key = ${dedupeKey}`);
    if (created.length) await taskEvent(tx, target.companyId, task!.id, 'created', { source: 'change-sentinel', specChangeId: row!.id }, now, { actorId: 'change-sentinel-runner' });
    return { specChangeId: row!.id, taskId: task!.id };
  });
}
