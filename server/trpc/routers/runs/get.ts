import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { can } from '../../../../shared/roles.ts';
import { humanGateStep } from '../../../../shared/steps/kinds/human-gate.ts';
import { getRun } from '../../../services/runs/queries.ts';
import { companyProcedure } from '../../init.ts';

/**
 * One run: the row, its pinned version (the graph the overlay draws), every step row, and for the run view the
 * workflow's name, who started it, and its approvals (each with whether the caller may decide it, and why not).
 */
export const getRunProcedure = companyProcedure('read')
  .input(z.object({ id: z.uuid() }))
  .query(async ({ ctx, input }) => {
    const base = await getRun(ctx.tx, input.id);
    const [meta] = await ctx.tx.execute<{ workflow_name: string; published_version_id: string | null; started_by_name: string | null }>(sql`
      select w.name as workflow_name, w.published_version_id, u.name as started_by_name
      from workflow_runs r join workflows w on w.id = r.workflow_id left join users u on u.id = r.started_by where r.id = ${input.id}`);
    const tasks = await ctx.tx.execute<{ id: string; step_id: string; title: string; description: string; status: string; decision: string | null; comment: string | null; decided_at: string | null; decided_by_name: string | null; due_at: string | null; created_at: string; assignee_role: string | null; assignee_user_id: string | null; assignee_name: string | null }>(sql`
      select t.id, t.step_id, t.title, t.description, t.status::text, t.decision, t.comment, t.decided_at, d.name as decided_by_name, t.due_at, t.created_at,
             t.assignee_role, t.assignee_user_id, a.name as assignee_name
      from tasks t left join users d on d.id = t.decided_by left join users a on a.id = t.assignee_user_id
      where t.run_id = ${input.id} and t.type = 'human_gate' order by t.created_at`);
    const gates = tasks.map((t) => {
      const step = base.version.graph.steps.find((s) => s.id === t.step_id);
      const config = humanGateStep.config.safeParse(step?.config ?? {});
      let blocked: string | null = null;
      if (!can(ctx.company.role, 'resolve_gates')) blocked = 'Your role may not decide approvals';
      else if (config.success && config.data.noSelfApproval && base.run.startedBy === ctx.user.id) blocked = 'You started this run, so someone else must decide';
      else if (config.success && config.data.assigneeUserId && config.data.assigneeUserId !== ctx.user.id && ctx.company.role !== 'admin') blocked = `Assigned to ${t.assignee_name ?? 'someone else'}`;
      return {
        taskId: t.id, stepId: t.step_id, title: t.title, instructions: t.description, status: t.status, decision: t.decision, comment: t.comment,
        decidedAt: t.decided_at ? new Date(t.decided_at).toISOString() : null, decidedByName: t.decided_by_name,
        dueAt: t.due_at ? new Date(t.due_at).toISOString() : null, createdAt: new Date(t.created_at).toISOString(),
        assigneeRole: t.assignee_role, assigneeName: t.assignee_name,
        open: t.status === 'open' && t.decision === null, blocked,
      };
    });
    return {
      ...base,
      workflow: { id: base.run.workflowId, name: meta?.workflow_name ?? '', publishedVersionId: meta?.published_version_id ?? null },
      startedByName: meta?.started_by_name ?? null,
      gates,
    };
  });
