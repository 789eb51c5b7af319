import { sql } from 'drizzle-orm';
import { companyProcedure } from '../../init.ts';

/** Gates waiting on the signed-in approver (assigned to them or to a role they hold, or to nobody), oldest first. */
export const listGatesProcedure = companyProcedure('read').query(async ({ ctx }) => {
  const rows = await ctx.tx.execute<{ id: string; title: string; description: string; run_id: string; step_id: string; assignee_role: string | null; assignee_user_id: string | null; due_at: string | null; created_at: string; workflow_id: string; workflow_name: string }>(sql`
    select t.id, t.title, t.description, t.run_id, t.step_id, t.assignee_role, t.assignee_user_id, t.due_at, t.created_at, r.workflow_id, w.name as workflow_name
    from tasks t join workflow_runs r on r.id = t.run_id join workflows w on w.id = r.workflow_id
    where t.type = 'human_gate' and t.status = 'open' and t.decision is null
      and (t.assignee_user_id = ${ctx.user.id} or t.assignee_user_id is null)
      and (t.assignee_role is null or t.assignee_role = ${ctx.company.role} or ${ctx.company.role} = 'admin')
    order by t.created_at, t.id`);
  return rows.map((r) => ({ ...r }));
});
