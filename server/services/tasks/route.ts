/**
 * Routing one task (DOMAIN.md F10): classify it, fold it into an active task about the same subject if there is
 * one (status `merged`), otherwise pick the assignee by the first matching assignment rule, set priority and SLA,
 * open it and record who and why. Idempotent: a task already routed is left as it is.
 */
import { sql } from 'drizzle-orm';
import type { Role } from '../../../shared/roles.ts';
import type { TaskStatus } from '../../../shared/runs/status.ts';
import { classifyTask, subjectKey } from '../../../shared/tasks/classify.ts';
import { isTaskPriority, SLA_HOURS, TASK_PRIORITY_ORDER, type TaskPriority, type TaskType } from '../../../shared/tasks/vocab.ts';
import type { Tx } from '../../db/client.ts';
import { leastLoadedMember, notify, taskEvent } from './people.ts';

export type RouteOutcome =
  | { outcome: 'missing' | 'already_routed' }
  | { outcome: 'merged'; into: string; subjectKey: string }
  | { outcome: 'routed'; assigneeUserId: string | null; priority: TaskPriority; dueAt: string; category: string; subjectKey: string | null; ruleId: string | null };

interface TaskRow {
  [key: string]: unknown;
  id: string;
  type: TaskType;
  title: string;
  status: TaskStatus;
  priority: string;
  product_id: string | null;
  retailer_id: string | null;
  raw: Record<string, unknown> | null;
  due_at: string | null;
  assignee_user_id: string | null;
  assignee_role: Role | null;
}

export async function routeTask(tx: Tx, companyId: string, taskId: string, now: Date): Promise<RouteOutcome> {
  const [task] = await tx.execute<TaskRow>(sql`
    select id, type, title, status::text as status, priority, product_id, retailer_id, raw, due_at, assignee_user_id, assignee_role::text as assignee_role
    from tasks where id = ${taskId} for update`);
  if (!task) return { outcome: 'missing' };
  // Gate tasks are opened by the engine already; they are routed once, when nobody in particular has them yet.
  const gate = task.type === 'human_gate';
  if (gate ? task.status !== 'open' || task.assignee_user_id !== null || (await wasRouted(tx, task.id)) : task.status !== 'new') return { outcome: 'already_routed' };

  const c = classifyTask(task.type, task.raw, task.title);
  const key = gate ? null : subjectKey(task.type, task.product_id, task.retailer_id, c);
  if (key) {
    // Serialises routing of the same subject, so two duplicates arriving together cannot both open.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`${companyId}:${key}`}))`);
    const [survivor] = await tx.execute<{ id: string; assignee_user_id: string | null }>(sql`
      select id, assignee_user_id from tasks where subject_key = ${key} and id <> ${task.id} and status in ('new', 'open', 'in_progress', 'blocked') limit 1`);
    if (survivor) {
      await tx.execute(sql`update tasks set status = 'merged', merged_into_id = ${survivor.id}, category = ${c.category}, resolved_at = ${now.toISOString()}::timestamptz, last_activity_at = ${now.toISOString()}::timestamptz, updated_at = ${now.toISOString()}::timestamptz where id = ${task.id}`);
      await tx.execute(sql`update tasks set last_activity_at = ${now.toISOString()}::timestamptz, updated_at = ${now.toISOString()}::timestamptz where id = ${survivor.id}`);
      await taskEvent(tx, companyId, task.id, 'merged', { into: survivor.id, subjectKey: key }, now);
      await taskEvent(tx, companyId, survivor.id, 'comment', { text: `A duplicate was merged into this task: ${task.title}`, merged: task.id }, now);
      if (survivor.assignee_user_id) await notify(tx, companyId, survivor.assignee_user_id, survivor.id, 'merged', `Another report of the same problem: ${task.title}`, now);
      return { outcome: 'merged', into: survivor.id, subjectKey: key };
    }
  }

  const [product] = task.product_id ? await tx.execute<{ category_id: string }>(sql`select category_id from products where id = ${task.product_id}`) : [];
  const [rule] = await tx.execute<{ id: string; assignee_user_id: string | null; assignee_role: Role | null; priority_override: string | null }>(sql`
    select id, assignee_user_id, assignee_role::text as assignee_role, priority_override from assignment_rules
    where (task_type is null or task_type = ${task.type})
      and (category_id is null or category_id = ${product?.category_id ?? null})
      and (retailer_id is null or retailer_id = ${task.retailer_id})
    order by sort, created_at limit 1`);
  const role: Role | null = rule?.assignee_role ?? (rule ? null : (task.assignee_role ?? 'admin'));
  const assignee = rule?.assignee_user_id ?? (role ? await leastLoadedMember(tx, role) : null);
  const priority = priorityFor(task, rule?.priority_override ?? null, await blocksActiveListing(tx, task));
  const dueAt = task.due_at ? new Date(task.due_at) : new Date(now.getTime() + SLA_HOURS[priority] * 3_600_000);
  await tx.execute(sql`
    update tasks set status = 'open', assignee_user_id = ${assignee}, assignee_role = ${role ?? task.assignee_role}, category = ${c.category}, subject_key = ${key},
      priority = ${priority}, due_at = ${dueAt.toISOString()}::timestamptz, last_activity_at = ${now.toISOString()}::timestamptz, updated_at = ${now.toISOString()}::timestamptz
    where id = ${task.id}`);
  await taskEvent(tx, companyId, task.id, 'routed', { category: c.category, detail: c.detail, subjectKey: key, ruleId: rule?.id ?? null, fallback: !rule }, now);
  if (assignee) {
    await taskEvent(tx, companyId, task.id, 'assigned', { to: assignee, reason: rule ? 'assignment rule' : `no rule matched: least busy ${role}` }, now);
    await notify(tx, companyId, assignee, task.id, 'assigned', `New task: ${task.title}`, now);
  }
  return { outcome: 'routed', assigneeUserId: assignee, priority, dueAt: dueAt.toISOString(), category: c.category, subjectKey: key, ruleId: rule?.id ?? null };
}

/** Design defaults: a rejection that blocks an active listing is at least high; critical drift is urgent. */
function priorityFor(task: TaskRow, override: string | null, blocking: boolean): TaskPriority {
  if (override && isTaskPriority(override)) return override;
  let p: TaskPriority = isTaskPriority(task.priority) ? task.priority : 'medium';
  const atLeast = (min: TaskPriority) => {
    if (TASK_PRIORITY_ORDER.indexOf(p) < TASK_PRIORITY_ORDER.indexOf(min)) p = min;
  };
  if (task.type === 'channel_rejection' && blocking) atLeast('high');
  if (task.type === 'pdp_drift' && task.raw?.severity === 'critical') atLeast('urgent');
  return p;
}

async function blocksActiveListing(tx: Tx, task: TaskRow): Promise<boolean> {
  if (!task.product_id || !task.retailer_id) return false;
  const [l] = await tx.execute(sql`select 1 from listings where product_id = ${task.product_id} and retailer_id = ${task.retailer_id} and status = 'active'`);
  return Boolean(l);
}

async function wasRouted(tx: Tx, taskId: string): Promise<boolean> {
  const [e] = await tx.execute(sql`select 1 from task_events where task_id = ${taskId} and type = 'routed' limit 1`);
  return Boolean(e);
}
