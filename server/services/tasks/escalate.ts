/**
 * Escalating stalled and overdue tasks (DOMAIN.md F11) at an instant the caller passes in, so tests choose the clock.
 * A task is due for escalation when it is overdue or has had no activity for its priority's stall time, and it was
 * not escalated in the last 24 h. Level 1 reassigns it to the assignee's manager, level 2 to the company's least busy
 * admin, level 3 flags it for the account team (notifying admins); each level bumps the priority one notch (capped at
 * urgent) and is recorded once (unique per task and level), so a second run at the same time changes nothing.
 */
import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { listCompanyIds } from '../../db/system.ts';
import { withCompany } from '../../db/tx.ts';
import { bumpPriority, isTaskPriority, MAX_ESCALATION_LEVEL, SLA_HOURS, STALL_HOURS, type TaskPriority } from '../../../shared/tasks/vocab.ts';
import { leastLoadedMember, managerOf, membersWithRole, notify, taskEvent } from './people.ts';

const HOUR = 3_600_000;
export const ESCALATION_COOLDOWN_HOURS = 24;

export interface Escalation {
  taskId: string;
  level: number;
  reason: 'overdue' | 'stalled';
  from: string | null;
  to: string | null;
  priority: TaskPriority;
}

export async function escalateTasks(db: Db, now: Date, opts: { companyId?: string } = {}): Promise<Escalation[]> {
  const companies = opts.companyId ? [{ id: opts.companyId }] : await listCompanyIds(db);
  const out: Escalation[] = [];
  for (const company of companies) out.push(...(await withCompany(db, company.id, (tx) => escalateCompany(tx, company.id, now))));
  return out;
}

async function escalateCompany(tx: Tx, companyId: string, now: Date): Promise<Escalation[]> {
  const stall = sql.raw(`case t.priority ${Object.entries(STALL_HOURS).map(([p, h]) => `when '${p}' then ${h}`).join(' ')} else ${STALL_HOURS.medium} end`);
  const due = await tx.execute<{ id: string; title: string; priority: string; escalation_level: number; assignee_user_id: string | null; overdue: boolean }>(sql`
    select t.id, t.title, t.priority, t.escalation_level, t.assignee_user_id, (t.due_at is not null and t.due_at < ${now.toISOString()}::timestamptz) as overdue
    from tasks t
    where t.status in ('open', 'in_progress', 'blocked') and t.escalation_level < ${MAX_ESCALATION_LEVEL}
      and (t.last_escalated_at is null or t.last_escalated_at < ${new Date(now.getTime() - ESCALATION_COOLDOWN_HOURS * HOUR).toISOString()}::timestamptz)
      and ((t.due_at is not null and t.due_at < ${now.toISOString()}::timestamptz) or t.last_activity_at < ${now.toISOString()}::timestamptz - make_interval(hours => ${stall}))
    order by t.due_at nulls last, t.id
    for update of t skip locked`);
  const out: Escalation[] = [];
  for (const t of due) {
    const level = t.escalation_level + 1;
    const reason = t.overdue ? 'overdue' : 'stalled';
    const priority = bumpPriority(isTaskPriority(t.priority) ? t.priority : 'medium');
    const to = await target(tx, level, t.assignee_user_id);
    const recorded = await taskEvent(tx, companyId, t.id, 'escalated', { level, reason, from: t.assignee_user_id, to, priority: { from: t.priority, to: priority } }, now, { level, actorId: 'task-escalator' });
    if (recorded.length === 0) continue; // this level was recorded already
    // Stalled work gets a fresh SLA at its new priority; an overdue deadline stays what it was.
    const dueAt = reason === 'stalled' ? new Date(now.getTime() + SLA_HOURS[priority] * HOUR) : null;
    await tx.execute(sql`
      update tasks set escalation_level = ${level}, last_escalated_at = ${now.toISOString()}::timestamptz, priority = ${priority}, updated_at = ${now.toISOString()}::timestamptz,
        assignee_user_id = coalesce(${to}, assignee_user_id), due_at = coalesce(${dueAt?.toISOString() ?? null}::timestamptz, due_at)
      where id = ${t.id}`);
    if (to && to !== t.assignee_user_id) await notify(tx, companyId, to, t.id, 'escalated', `Escalated to you (${reason}): ${t.title}`, now);
    if (level === MAX_ESCALATION_LEVEL) {
      for (const admin of await membersWithRole(tx, 'admin')) await notify(tx, companyId, admin, t.id, 'account_team', `Needs the account team (${reason} after 3 escalations): ${t.title}`, now);
    }
    out.push({ taskId: t.id, level, reason, from: t.assignee_user_id, to: to ?? t.assignee_user_id, priority });
  }
  return out;
}

/** Who a task goes to at a level: its assignee's manager, then an admin; level 3 keeps the assignee. */
async function target(tx: Tx, level: number, assignee: string | null): Promise<string | null> {
  if (level >= MAX_ESCALATION_LEVEL) return null;
  if (level === 1 && assignee) {
    const manager = await managerOf(tx, assignee);
    if (manager) return manager;
  }
  return leastLoadedMember(tx, 'admin', assignee);
}
