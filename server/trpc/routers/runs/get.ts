import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { mayDecide, type GateChain } from '../../../../shared/approvals/chain.ts';
import { chainView } from '../../../../shared/approvals/chain-view.ts';
import { can } from '../../../../shared/roles.ts';
import { humanGateStep } from '../../../../shared/steps/kinds/human-gate.ts';
import { taskChain } from '../../../services/gates/chain-store.ts';
import { peopleIn, votesByTask } from '../../../services/gates/chain-views.ts';
import { delegatorsOf } from '../../../services/gates/delegation.ts';
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
    const tasks = await ctx.tx.execute<{ id: string; step_id: string; title: string; description: string; status: string; decision: string | null; comment: string | null; decided_at: string | null; decided_by_name: string | null; due_at: string | null; created_at: string; assignee_role: string | null; assignee_user_id: string | null; assignee_name: string | null; gate_chain: GateChain | null; gate_level: number; gate_escalated: boolean }>(sql`
      select t.id, t.step_id, t.title, t.description, t.status::text, t.decision, t.comment, t.decided_at, d.name as decided_by_name, t.due_at, t.created_at,
             t.assignee_role, t.assignee_user_id, a.name as assignee_name, t.gate_chain, t.gate_level, t.gate_escalated
      from tasks t left join users d on d.id = t.decided_by left join users a on a.id = t.assignee_user_id
      where t.run_id = ${input.id} and t.type = 'human_gate' order by t.created_at`);
    const votes = await votesByTask(ctx.tx, tasks.map((t) => t.id));
    const delegators = await delegatorsOf(ctx.tx, ctx.company.id, ctx.user.id);
    const me = { id: ctx.user.id, role: ctx.company.role };
    const gates = tasks.map((t) => {
      const step = base.version.graph.steps.find((s) => s.id === t.step_id);
      const config = humanGateStep.config.safeParse(step?.config ?? {});
      const chain = taskChain(t.gate_chain, step?.config);
      const cast = votes.get(t.id) ?? [];
      const level = chain.levels[t.gate_level];
      const voted = (id: string) => cast.some((v) => v.level === t.gate_level && v.userId === id);
      const selfBlocked = config.success && config.data.noSelfApproval && base.run.startedBy !== null;
      // Whom the viewer may decide as now: themself, and anyone away who handed them their approvals.
      const decideAs = level
        ? [{ ...me, name: null as string | null }, ...delegators]
            .filter((p) => !(selfBlocked && (base.run.startedBy === p.id || base.run.startedBy === me.id)) && !voted(p.id) && mayDecide(level, t.gate_escalated, p))
            .map((p) => ({ id: p.id, name: p.id === me.id ? null : p.name }))
        : [];
      let blocked: string | null = null;
      if (!can(ctx.company.role, 'resolve_gates')) blocked = 'Your role may not decide approvals';
      else if (selfBlocked && base.run.startedBy === ctx.user.id) blocked = 'You started this run, so someone else must decide';
      else if (level && voted(me.id) && decideAs.length === 0) blocked = `You have decided ${level.name}; waiting on the others`;
      else if (decideAs.length === 0) blocked = t.assignee_name ? `Assigned to ${t.assignee_name}` : `${level?.name ?? 'This level'} is for other deciders`;
      return {
        chain: { level: t.gate_level, escalated: t.gate_escalated, levels: chainView(chain, t.gate_level, t.gate_escalated, t.decision, cast) },
        decideAs,
        taskId: t.id, stepId: t.step_id, title: t.title, instructions: t.description, status: t.status, decision: t.decision, comment: t.comment,
        decidedAt: t.decided_at ? new Date(t.decided_at).toISOString() : null, decidedByName: t.decided_by_name,
        dueAt: t.due_at ? new Date(t.due_at).toISOString() : null, createdAt: new Date(t.created_at).toISOString(),
        assigneeRole: t.assignee_role, assigneeName: t.assignee_name,
        open: t.status === 'open' && t.decision === null, blocked,
      };
    });
    // Names for everyone the chains mention, so the panel can say who decided and who is still to decide.
    const people = await peopleIn(ctx.tx, gates.flatMap((g) => g.chain.levels));
    return {
      ...base,
      people,
      workflow: { id: base.run.workflowId, name: meta?.workflow_name ?? '', publishedVersionId: meta?.published_version_id ?? null },
      startedByName: meta?.started_by_name ?? null,
      gates,
    };
  });
