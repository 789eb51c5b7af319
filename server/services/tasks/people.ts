/** Who work goes to (members of the current company, by role or manager) and the records it leaves. */
import { sql } from 'drizzle-orm';
import type { Role } from '../../../shared/roles.ts';
import type { NotificationKind, TaskEventType } from '../../../shared/tasks/vocab.ts';
import type { Tx } from '../../db/client.ts';

/** The member with the role who has the fewest active tasks (ties: by name), never `except` unless alone. */
export async function leastLoadedMember(tx: Tx, role: Role, except: string | null = null): Promise<string | null> {
  const rows = await tx.execute<{ user_id: string }>(sql`
    select m.user_id from memberships m join users u on u.id = m.user_id
    where m.company_id = app_company_id() and m.role = ${role}
    order by (m.user_id = ${except}) nulls first,
      (select count(*) from tasks t where t.assignee_user_id = m.user_id and t.status in ('new', 'open', 'in_progress', 'blocked')), u.name
    limit 1`);
  return rows[0]?.user_id ?? null;
}

export async function managerOf(tx: Tx, userId: string): Promise<string | null> {
  const [m] = await tx.execute<{ manager_user_id: string | null }>(sql`
    select manager_user_id from memberships where company_id = app_company_id() and user_id = ${userId}`);
  return m?.manager_user_id ?? null;
}

export async function membersWithRole(tx: Tx, role: Role): Promise<string[]> {
  const rows = await tx.execute<{ user_id: string }>(sql`select user_id from memberships where company_id = app_company_id() and role = ${role} order by user_id`);
  return rows.map((r) => r.user_id);
}

export async function taskEvent(tx: Tx, companyId: string, taskId: string, type: TaskEventType, data: Record<string, unknown>, at: Date, extra: { level?: number; actorId?: string } = {}) {
  return tx.execute<{ id: string }>(sql`
    insert into task_events (company_id, task_id, type, actor_type, actor_id, level, data, at)
    values (${companyId}, ${taskId}, ${type}, 'system', ${extra.actorId ?? 'task-orchestrator'}, ${extra.level ?? null}, ${JSON.stringify(data)}::jsonb, ${at.toISOString()}::timestamptz)
    on conflict do nothing returning id`);
}

export async function notify(tx: Tx, companyId: string, userId: string, taskId: string, kind: NotificationKind, message: string, at: Date) {
  await tx.execute(sql`insert into notifications (company_id, user_id, task_id, kind, message, created_at) values (${companyId}, ${userId}, ${taskId}, ${kind}, ${message}, ${at.toISOString()}::timestamptz)`);
}
