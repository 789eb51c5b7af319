/** Reading tasks: the list (mine, my role's, all) and one task with its activity. */
import { sql, type SQL } from 'drizzle-orm';
import { AppError } from '../../../shared/errors.ts';
import type { Role } from '../../../shared/roles.ts';
import type { TaskStatus } from '../../../shared/runs/status.ts';
import { ACTIVE_TASK_STATUSES } from '../../../shared/tasks/vocab.ts';
import type { Tx } from '../../db/client.ts';

export const TASK_SCOPES = ['mine', 'role', 'all'] as const;
export type TaskScope = (typeof TASK_SCOPES)[number];
export const TASK_STATE_FILTERS = ['active', 'closed', 'all'] as const;
export type TaskStateFilter = (typeof TASK_STATE_FILTERS)[number];

export interface ListTasksFilter {
  scope: TaskScope;
  state: TaskStateFilter;
  type?: string;
  limit: number;
}

const ACTIVE = sql.raw(`(${ACTIVE_TASK_STATUSES.map((s) => `'${s}'`).join(', ')})`);

export async function listTasks(tx: Tx, me: { userId: string; role: Role }, f: ListTasksFilter) {
  const where: SQL[] = [sql`true`];
  if (f.scope === 'mine') where.push(sql`t.assignee_user_id = ${me.userId}`);
  if (f.scope === 'role') where.push(sql`t.assignee_role = ${me.role}`);
  if (f.state === 'active') where.push(sql`t.status in ${ACTIVE}`);
  if (f.state === 'closed') where.push(sql`t.status not in ${ACTIVE}`);
  if (f.type) where.push(sql`t.type = ${f.type}`);
  const rows = await tx.execute<TaskRow>(sql`
    select ${taskColumns} from tasks t ${taskJoins}
    where ${sql.join(where, sql` and `)}
    order by (t.status in ${ACTIVE}) desc, array_position(array['urgent','high','medium','low'], t.priority), t.due_at nulls last, t.created_at desc
    limit ${f.limit}`);
  return rows.map(toTask);
}

export async function getTask(tx: Tx, id: string) {
  const [row] = await tx.execute<TaskRow & { description: string; raw: Record<string, unknown> | null; comment: string | null; decision: string | null; decided_by_name: string | null; merged_into_id: string | null; step_id: string | null }>(sql`
    select ${taskColumns}, t.description, t.raw, t.comment, t.decision, t.merged_into_id, t.step_id, (select name from users where id = t.decided_by) as decided_by_name
    from tasks t ${taskJoins} where t.id = ${id}`);
  if (!row) throw new AppError('NOT_FOUND', 'Task not found');
  const events = await tx.execute<{ id: string; type: string; actor_type: string; actor_id: string | null; actor_name: string | null; data: Record<string, unknown>; at: string }>(sql`
    select e.id, e.type, e.actor_type, e.actor_id, u.name as actor_name, e.data, e.at from task_events e
    left join users u on u.id::text = e.actor_id where e.task_id = ${id}
    order by e.at, array_position(array['created','routed','merged','assigned']::text[], e.type::text) nulls last, e.id`);
  const names = await userNames(tx, events.flatMap((e) => [e.data.to, e.data.from].filter((v): v is string => typeof v === 'string' && /^[0-9a-f-]{36}$/.test(v))));
  return {
    ...toTask(row),
    description: row.description,
    raw: row.raw,
    stepId: row.step_id,
    decision: row.decision,
    comment: row.comment,
    decidedByName: row.decided_by_name,
    mergedIntoId: row.merged_into_id,
    activity: events.map((e) => ({
      id: e.id, type: e.type, actorType: e.actor_type, actorName: e.actor_name ?? (e.actor_type === 'system' ? e.actor_id ?? 'Ember' : e.actor_id), data: e.data,
      toName: typeof e.data.to === 'string' ? names.get(e.data.to) ?? null : null, at: new Date(e.at).toISOString(),
    })),
  };
}

async function userNames(tx: Tx, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await tx.execute<{ id: string; name: string }>(sql`select id, name from users where id in (select jsonb_array_elements_text(${JSON.stringify([...new Set(ids)])}::jsonb)::uuid)`);
  return new Map(rows.map((r) => [r.id, r.name]));
}

interface TaskRow {
  [key: string]: unknown;
  id: string;
  type: string;
  title: string;
  status: TaskStatus;
  priority: string;
  category: string | null;
  assignee_user_id: string | null;
  assignee_name: string | null;
  assignee_role: string | null;
  product_id: string | null;
  product_sku: string | null;
  retailer_code: string | null;
  retailer_name: string | null;
  run_id: string | null;
  workflow_name: string | null;
  escalation_level: number;
  due_at: string | null;
  last_activity_at: string;
  created_at: string;
  resolved_at: string | null;
  overdue: boolean;
}

const taskColumns = sql`t.id, t.type, t.title, t.status::text as status, t.priority, t.category, t.assignee_user_id, au.name as assignee_name, t.assignee_role::text as assignee_role,
  t.product_id, p.sku as product_sku, r.code as retailer_code, r.name as retailer_name, t.run_id, w.name as workflow_name, t.escalation_level,
  t.due_at, t.last_activity_at, t.created_at, t.resolved_at, (t.due_at < now() and t.status in ${ACTIVE}) as overdue`;
const taskJoins = sql`left join users au on au.id = t.assignee_user_id left join products p on p.id = t.product_id left join retailers r on r.id = t.retailer_id
  left join workflow_runs wr on wr.id = t.run_id left join workflows w on w.id = wr.workflow_id`;

function toTask(r: TaskRow) {
  const iso = (v: string | null) => (v ? new Date(v).toISOString() : null);
  return {
    id: r.id, type: r.type, title: r.title, status: r.status, priority: r.priority, category: r.category,
    assignee: r.assignee_user_id ? { id: r.assignee_user_id, name: r.assignee_name ?? '' } : null, assigneeRole: r.assignee_role,
    product: r.product_id ? { id: r.product_id, sku: r.product_sku ?? '' } : null, retailer: r.retailer_code ? { code: r.retailer_code, name: r.retailer_name ?? '' } : null,
    run: r.run_id ? { id: r.run_id, workflowName: r.workflow_name } : null,
    escalationLevel: r.escalation_level, overdue: r.overdue, dueAt: iso(r.due_at), lastActivityAt: iso(r.last_activity_at)!, createdAt: iso(r.created_at)!, resolvedAt: iso(r.resolved_at),
  };
}
