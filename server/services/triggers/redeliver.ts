/**
 * The reconciler behind "no decision is ever lost": decided gates whose step is still waiting get their event
 * again, runs still pending (their trigger event never reached the executor) get theirs, and the company webhook's
 * deliveries never tried get theirs. Ids carry the time
 * bucket, so each re-send is a new event, while the receivers stay idempotent.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { listCompanyIds } from '../../db/system.ts';
import { withCompany } from '../../db/tx.ts';
import type { CatalogEvent } from '../../../shared/events/index.ts';
import { gateEvent } from '../gates/resolve.ts';
import { triggeredEvent } from '../runs/start.ts';
import { unsentWebhookEvents } from '../notifications/gate-notify.ts';

export async function eventsToRedeliver(db: Db, now: Date, graceMs = 5_000): Promise<CatalogEvent[]> {
  const bucket = `:r${Math.floor(now.getTime() / 60_000)}`;
  const before = new Date(now.getTime() - graceMs).toISOString();
  const out: CatalogEvent[] = [];
  for (const company of await listCompanyIds(db)) {
    await withCompany(db, company.id, async (tx) => {
      const gates = await tx.execute<{ id: string; run_id: string; step_id: string; decision: 'approved' | 'rejected'; comment: string | null; decided_by: string | null }>(sql`
        select t.id, t.run_id, t.step_id, t.decision, t.comment, t.decided_by from tasks t
        join workflow_run_steps s on s.run_id = t.run_id and s.step_id = t.step_id
        join workflow_runs r on r.id = t.run_id
        where t.type = 'human_gate' and t.decision in ('approved', 'rejected') and t.decided_at < ${before}::timestamptz
          and s.status = 'running' and r.status in ('running', 'waiting')`);
      for (const g of gates) out.push(gateEvent(company.id, g, { decision: g.decision, comment: g.comment }, g.decided_by, bucket));
      const pending = await tx.execute<{ id: string; workflow_id: string; workflow_version_id: string; trigger_type: string; trigger_ref: string; trigger_payload: Record<string, unknown> }>(sql`
        select id, workflow_id, workflow_version_id, trigger_type, trigger_ref, trigger_payload from workflow_runs
        where status = 'pending' and created_at < ${before}::timestamptz`);
      // Same id as the first send: if the executor has it, it is ignored; if it was lost, the run starts now.
      for (const r of pending) out.push(triggeredEvent(company.id, r.workflow_id, r.id, r.workflow_version_id, r.trigger_type, r.trigger_ref, r.trigger_payload));
      out.push(...(await unsentWebhookEvents(tx, company.id, before)));
    });
  }
  return out;
}
