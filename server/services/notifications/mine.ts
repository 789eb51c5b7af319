/**
 * A person's own notifications in the company the transaction is in: the list (unread first, newest first, paged),
 * the unread count, and marking read. Always filtered to the signed-in user: RLS keeps the company, this keeps the
 * person (a member never reads a colleague's).
 */
import { sql } from 'drizzle-orm';
import type { NotificationKind } from '../../../shared/tasks/vocab.ts';
import type { Tx } from '../../db/client.ts';

export interface MyNotification {
  id: string;
  kind: NotificationKind;
  message: string;
  taskId: string | null;
  runId: string | null;
  workflowId: string | null;
  level: number | null;
  onBehalfOf: string | null;
  createdAt: string;
  readAt: string | null;
  /** The task it is about is done or cancelled (an approval decided, or ended with its run): nothing left to do. */
  closed: boolean;
}

export async function listMine(tx: Tx, userId: string, page: { limit: number; offset: number }) {
  const rows = await tx.execute<{ id: string; kind: NotificationKind; message: string; task_id: string | null; run_id: string | null; workflow_id: string | null; level: number | null; on_behalf_of: string | null; created_at: string; read_at: string | null; closed: boolean }>(sql`
    select n.id, n.kind, n.message, n.task_id, n.run_id, n.workflow_id, n.level, n.on_behalf_of, n.created_at, n.read_at,
      coalesce(t.status in ('done', 'cancelled'), false) as closed
    from notifications n left join tasks t on t.id = n.task_id
    where n.company_id = app_company_id() and n.user_id = ${userId}
    order by (n.read_at is null) desc, n.created_at desc, n.id desc limit ${page.limit + 1} offset ${page.offset}`);
  const items: MyNotification[] = rows.slice(0, page.limit).map((r) => ({
    id: r.id, kind: r.kind, message: r.message, taskId: r.task_id, runId: r.run_id, workflowId: r.workflow_id, level: r.level,
    onBehalfOf: r.on_behalf_of, createdAt: new Date(r.created_at).toISOString(), readAt: r.read_at ? new Date(r.read_at).toISOString() : null, closed: r.closed,
  }));
  return { items, hasMore: rows.length > page.limit, unread: await unreadCount(tx, userId) };
}

export async function unreadCount(tx: Tx, userId: string): Promise<number> {
  const [row] = await tx.execute<{ n: number }>(sql`
    select count(*)::int n from notifications where company_id = app_company_id() and user_id = ${userId} and read_at is null`);
  return row?.n ?? 0;
}

/** Marks the given ones read (only the caller's own; others' ids change nothing). Returns how many changed. */
export async function markRead(tx: Tx, userId: string, ids: string[] | 'all'): Promise<{ marked: number; unread: number }> {
  const which = ids === 'all' ? sql`` : sql`and id = any(${`{${ids.join(',')}}`}::uuid[])`;
  const done = await tx.execute(sql`
    update notifications set read_at = now() where company_id = app_company_id() and user_id = ${userId} and read_at is null ${which} returning id`);
  return { marked: done.length, unread: await unreadCount(tx, userId) };
}
