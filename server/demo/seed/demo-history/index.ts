/**
 * 30 days of made-up runs for a demo company's workflows (completions, failures, retries, waits at gates, costs),
 * marked `demo` on the run, so the metrics, the heatmap and replay have something to show on a first start.
 * Idempotent: a company that has demo runs gets none added.
 */
import { sql } from 'drizzle-orm';
import type { Graph } from '../../../../shared/graph/schema.ts';
import type { Db } from '../../../db/client.ts';
import { withCompany } from '../../../db/tx.ts';
import { planHistory, type DemoWorkflowRow } from './plan.ts';
import { writeHistory } from './write.ts';

export async function seedDemoHistory(db: Db, companyId: string, slug: string, opts: { now?: Date } = {}): Promise<number> {
  const now = opts.now ?? new Date();
  return writeHistory(db, companyId, await approverOf(db, companyId), async () => {
    const { workflows, productIds } = await withCompany(db, companyId, async (tx) => ({
      workflows: (await tx.execute<{ id: string; name: string; version_id: string; graph: Graph }>(sql`
        select w.id, w.name, v.id as version_id, v.graph from workflows w join workflow_versions v on v.id = w.published_version_id
        where w.is_enabled order by w.name`)).map((w): DemoWorkflowRow => ({ id: w.id, name: w.name, versionId: w.version_id, graph: w.graph })),
      productIds: (await tx.execute<{ id: string }>(sql`select id from products order by sku desc limit 10`)).map((p) => p.id),
    }));
    return productIds.length ? planHistory(slug, workflows, productIds, now) : [];
  });
}

/** Who decided the demo gates: the company's first approver, else its first admin. */
async function approverOf(db: Db, companyId: string): Promise<string | null> {
  const [row] = await withCompany(db, companyId, (tx) =>
    tx.execute<{ user_id: string }>(sql`select m.user_id from memberships m join users u on u.id = m.user_id where m.company_id = ${companyId} and m.role in ('approver', 'admin')
      order by m.role = 'approver' desc, u.email limit 1`),
  );
  return row?.user_id ?? null;
}
