import { sql } from 'drizzle-orm';
import { mayDecide, type GateChain } from '../../../../shared/approvals/chain.ts';
import { chainView } from '../../../../shared/approvals/chain-view.ts';
import { peopleIn, votesByTask } from '../../../services/gates/chain-views.ts';
import { delegatorsOf } from '../../../services/gates/delegation.ts';
import { taskChain } from '../../../services/gates/chain-store.ts';
import { companyProcedure } from '../../init.ts';

/**
 * Gates waiting on the signed-in approver, oldest first: those whose open level they may decide, and those they may
 * decide on behalf of someone who handed them their approvals (`onBehalfOf`), minus levels they already voted on.
 * Each comes with its whole chain (every level, who decided what with their comments, who is still to decide) and
 * the names of the people it mentions.
 */
export const listGatesProcedure = companyProcedure('read').query(async ({ ctx }) => {
  const rows = await ctx.tx.execute<{ id: string; title: string; description: string; run_id: string; step_id: string; assignee_role: string | null; assignee_user_id: string | null; due_at: string | null; created_at: string; workflow_id: string; workflow_name: string; gate_chain: GateChain | null; gate_level: number; gate_escalated: boolean; step_config: unknown; voters: string[] }>(sql`
    select t.id, t.title, t.description, t.run_id, t.step_id, t.assignee_role, t.assignee_user_id, t.due_at, t.created_at, r.workflow_id, w.name as workflow_name,
      t.gate_chain, t.gate_level, t.gate_escalated,
      (select s->'config' from jsonb_array_elements(v.graph->'steps') s where s->>'id' = t.step_id limit 1) as step_config,
      coalesce((select array_agg(gv.user_id::text) from gate_votes gv where gv.task_id = t.id and gv.level = t.gate_level), '{}') as voters
    from tasks t join workflow_runs r on r.id = t.run_id join workflows w on w.id = r.workflow_id join workflow_versions v on v.id = r.workflow_version_id
    where t.type = 'human_gate' and t.status = 'open' and t.decision is null
    order by t.created_at, t.id`);
  const me = { id: ctx.user.id, role: ctx.company.role };
  const delegators = await delegatorsOf(ctx.tx, ctx.company.id, ctx.user.id);
  const out = [];
  for (const { gate_chain, step_config, voters, ...r } of rows) {
    const chain = taskChain(gate_chain, step_config);
    const level = chain.levels[r.gate_level];
    if (!level) continue;
    const onBehalfOf = [me, ...delegators].find((p) => !voters.includes(p.id) && mayDecide(level, r.gate_escalated, p));
    if (!onBehalfOf) continue;
    out.push({ ...r, chain, level: r.gate_level, levels: chain.levels.length, levelName: level.name, onBehalfOf: onBehalfOf.id === me.id ? null : { id: onBehalfOf.id, name: (onBehalfOf as { name?: string }).name ?? '' } });
  }
  const votes = await votesByTask(ctx.tx, out.map((g) => g.id));
  const withChains = out.map(({ chain, ...g }) => ({ ...g, chain: chainView(chain, g.gate_level, g.gate_escalated, null, votes.get(g.id) ?? []) }));
  // One lookup of names for the whole inbox.
  const people = await peopleIn(ctx.tx, withChains.flatMap((g) => g.chain));
  return withChains.map((g) => ({ ...g, people }));
});
