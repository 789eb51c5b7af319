/**
 * Cron triggers. Each (function, cron) has a row whose next_at is the next slot; whoever moves next_at past a slot
 * (under a row lock) starts that slot's run, and the run's event id is derived from the slot, so a slot fires
 * exactly once even across restarts and several processes. Missed slots are not backfilled: only the latest fires.
 */
import { Cron } from 'croner';
import type postgres from 'postgres';
import { Effects, type ExecContext } from './context.ts';
import { startRun } from './runs.ts';
import type { Tx } from './state.ts';

/** Inngest's cron syntax, with an optional `TZ=<zone>` prefix. */
export function parseCron(expr: string): Cron {
  const m = /^TZ=(\S+)\s+(.*)$/.exec(expr.trim());
  return new Cron(m ? m[2]! : expr, { timezone: m ? m[1]! : 'UTC', paused: true });
}

export function nextSlot(expr: string, after: Date): Date {
  const next = parseCron(expr).nextRun(after);
  if (!next) throw new Error(`cron ${expr} never fires`);
  return next;
}

export async function syncSchedules(sql: postgres.Sql, ctx: ExecContext): Promise<void> {
  const crons = ctx.registry.crons();
  await sql.begin(async (tx) => {
    for (const { slug, cron } of crons) {
      await tx`insert into ember_exec.schedules (function_slug, cron, next_at) values (${slug}, ${cron}, ${nextSlot(cron, new Date(ctx.now())).toISOString()}::timestamptz)
        on conflict (function_slug, cron) do nothing`;
    }
    const slugs = ctx.registry.all().map((f) => f.id);
    // A function's cron that changed or disappeared stops firing; functions of other apps are left alone.
    for (const slug of slugs) {
      const keep = crons.filter((c) => c.slug === slug).map((c) => c.cron);
      await tx`delete from ember_exec.schedules where function_slug = ${slug} and not (cron = any(${keep}))`;
    }
  });
}

export async function fireDueSchedules(sql: postgres.Sql, ctx: ExecContext): Promise<Effects> {
  const fx = new Effects();
  await sql.begin(async (tx: Tx) => {
    const due = await tx<{ functionSlug: string; cron: string; nextAt: string }[]>`
      select function_slug as "functionSlug", cron, next_at as "nextAt" from ember_exec.schedules
      where next_at <= now() for update skip locked`;
    for (const s of due) {
      const now = new Date(ctx.now());
      await tx`update ember_exec.schedules set next_at = ${nextSlot(s.cron, now).toISOString()}::timestamptz where function_slug = ${s.functionSlug} and cron = ${s.cron}`;
      const config = ctx.registry.get(s.functionSlug);
      if (!config) continue;
      // The latest slot that has passed (the stored one may be stale after downtime).
      const slot = latestSlot(s.cron, new Date(s.nextAt), now);
      const eventId = `cron:${s.functionSlug}:${slot.toISOString()}`;
      const [fresh] = await tx`insert into ember_exec.events (id, name, data, ts) values (${eventId}, 'inngest/scheduled.timer', ${JSON.stringify({ cron: s.cron })}::text::jsonb, ${slot.getTime()})
        on conflict (id) do nothing returning internal_id as "internalId"`;
      if (!fresh) continue;
      await startRun(tx, fx, config, { id: eventId, name: 'inngest/scheduled.timer', data: { cron: s.cron }, ts: slot.getTime() }, { eventInternalId: Number(fresh.internalId) });
    }
  });
  return fx;
}

function latestSlot(cron: string, stored: Date, now: Date): Date {
  let slot = stored;
  for (let next = nextSlot(cron, slot); next <= now; next = nextSlot(cron, slot)) slot = next;
  return slot;
}

export async function nextScheduleAt(sql: postgres.Sql): Promise<Date | null> {
  const [row] = await sql<{ at: string | null }[]>`select min(next_at) as at from ember_exec.schedules`;
  return row?.at ? new Date(row.at) : null;
}
