/**
 * A person working a task: claim it (take it and start), complete it. Gate tasks are decided through gates.resolve
 * instead, so their decision reaches the waiting run.
 */
import { sql } from 'drizzle-orm';
import { AppError } from '../../../shared/errors.ts';
import type { Role } from '../../../shared/roles.ts';
import type { TaskStatus } from '../../../shared/runs/status.ts';
import { ACTIVE_TASK_STATUSES } from '../../../shared/tasks/vocab.ts';
import type { Tx } from '../../db/client.ts';

interface Actor {
  userId: string;
  role: Role;
  companyId: string;
}

async function lockTask(tx: Tx, id: string) {
  const [task] = await tx.execute<{ id: string; type: string; status: TaskStatus; assignee_user_id: string | null }>(sql`
    select id, type, status::text as status, assignee_user_id from tasks where id = ${id} for update`);
  if (!task) throw new AppError('NOT_FOUND', 'Task not found');
  if (task.type === 'human_gate') throw new AppError('PRECONDITION_FAILED', 'Approvals are decided with Approve or Reject, not claimed or completed');
  if (!(ACTIVE_TASK_STATUSES as readonly string[]).includes(task.status)) throw new AppError('PRECONDITION_FAILED', `This task is ${task.status.replace('_', ' ')} already`);
  return task;
}

/** Takes the task (unassigned, yours, or anyone's if you are an admin) and marks it in progress. */
export async function claimTask(tx: Tx, actor: Actor, id: string) {
  const task = await lockTask(tx, id);
  if (task.assignee_user_id && task.assignee_user_id !== actor.userId && actor.role !== 'admin') {
    throw new AppError('FORBIDDEN', 'This task is assigned to someone else');
  }
  if (task.assignee_user_id === actor.userId && task.status === 'in_progress') return { id, status: 'in_progress' as const, alreadyClaimed: true };
  await tx.execute(sql`
    update tasks set assignee_user_id = ${actor.userId}, status = 'in_progress', last_activity_at = now(), updated_at = now() where id = ${id}`);
  await tx.execute(sql`
    insert into task_events (company_id, task_id, type, actor_type, actor_id, data)
    values (${actor.companyId}, ${id}, 'claimed', 'user', ${actor.userId}, ${JSON.stringify({ from: task.assignee_user_id, to: actor.userId, status: { from: task.status, to: 'in_progress' } })}::jsonb)`);
  return { id, status: 'in_progress' as const, alreadyClaimed: false };
}

export async function completeTask(tx: Tx, actor: Actor, id: string, comment: string | null) {
  const task = await lockTask(tx, id);
  if (task.assignee_user_id && task.assignee_user_id !== actor.userId && actor.role !== 'admin') {
    throw new AppError('FORBIDDEN', 'This task is assigned to someone else');
  }
  await tx.execute(sql`
    update tasks set status = 'done', resolved_at = now(), last_activity_at = now(), updated_at = now(),
      assignee_user_id = coalesce(assignee_user_id, ${actor.userId}) where id = ${id}`);
  await tx.execute(sql`
    insert into task_events (company_id, task_id, type, actor_type, actor_id, data)
    values (${actor.companyId}, ${id}, 'status_changed', 'user', ${actor.userId}, ${JSON.stringify({ from: task.status, to: 'done', ...(comment ? { comment } : {}) })}::jsonb)`);
  return { id, status: 'done' as const };
}
