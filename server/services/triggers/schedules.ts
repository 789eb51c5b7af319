/**
 * Scheduled workflows: every enabled workflow whose published trigger is a cron, in its time zone. Each slot starts
 * exactly one run (trigger_ref = the slot's instant, unique per workflow), so a slot seen by two ticks, two
 * processes or a tick replayed after a crash still starts once. Slots missed while nothing ran are caught up
 * within LOOKBACK.
 */
import { Cron } from 'croner';
import { sql } from 'drizzle-orm';
import type { TriggerConfig } from '../../../shared/workflows/trigger-config.ts';
import type { Db } from '../../db/client.ts';
import { listCompanyIds } from '../../db/system.ts';
import { withCompany } from '../../db/tx.ts';
import type { CatalogEvent } from '../../../shared/events/index.ts';
import { createRun } from '../runs/start.ts';

export const LOOKBACK_MS = 15 * 60_000;

/** Slots of `cron` in (from, to], oldest first. */
export function slotsBetween(cron: string, timezone: string, from: Date, to: Date): Date[] {
  const job = new Cron(cron, { timezone, paused: true });
  const out: Date[] = [];
  for (let next = job.nextRun(from); next && next <= to && out.length < 100; next = job.nextRun(next)) out.push(next);
  return out;
}

export async function startDueScheduledRuns(db: Db, now: Date): Promise<CatalogEvent[]> {
  const events: CatalogEvent[] = [];
  for (const company of await listCompanyIds(db)) {
    const started = await withCompany(db, company.id, async (tx) => {
      const wfs = await tx.execute<{ id: string; trigger_config: TriggerConfig; enabled_since: string }>(sql`
        select w.id, v.trigger_config, w.updated_at as enabled_since from workflows w join workflow_versions v on v.id = w.published_version_id
        where w.is_enabled and v.trigger_config->>'type' = 'schedule' order by w.id`);
      const out: CatalogEvent[] = [];
      for (const wf of wfs) {
        if (wf.trigger_config.type !== 'schedule') continue;
        // Never fire a slot from before the workflow was (last) enabled or changed.
        const from = new Date(Math.max(now.getTime() - LOOKBACK_MS, new Date(wf.enabled_since).getTime()));
        for (const slot of slotsBetween(wf.trigger_config.cron, wf.trigger_config.timezone, from, now)) {
          const run = await createRun(tx, {
            companyId: company.id, workflowId: wf.id, triggerType: 'schedule', triggerRef: `schedule:${slot.toISOString()}`,
            payload: { slot: slot.toISOString(), cron: wf.trigger_config.cron, timezone: wf.trigger_config.timezone }, startedBy: null, requireEnabled: true,
          });
          if (run.created) out.push(run.event);
        }
      }
      return out;
    });
    events.push(...started);
  }
  return events;
}
