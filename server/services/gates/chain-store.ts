/**
 * Reading a gate task's approval chain. A task opened since chains exist stores its chain; one opened before is the
 * one level its step's config names (its assignee), as it always was.
 */
import { resolveChain, type DeciderSet, type GateChain } from '../../../shared/approvals/chain.ts';
import { humanGateStep } from '../../../shared/steps/kinds/human-gate.ts';

export function taskChain(stored: GateChain | null, stepConfig: unknown): GateChain {
  if (stored) return stored;
  const config = humanGateStep.config.safeParse(stepConfig ?? {});
  if (!config.success) return { levels: [{ name: 'Level 1', deciders: { roles: [], userIds: [] }, escalateTo: null, rule: 'any', required: 1, slaMs: 0, remindAt: [], onBreach: 'timeout' }] };
  return resolveChain({ ...config.data, levels: undefined }, {}, () => 1);
}

/** The single role or user a level is assigned to, for the task's assignee columns (the task board reads them). */
export function levelAssignee(d: DeciderSet): { role: string | null; userId: string | null } {
  if (d.roles.length === 1 && d.userIds.length === 0) return { role: d.roles[0]!, userId: null };
  if (d.userIds.length === 1 && d.roles.length === 0) return { role: null, userId: d.userIds[0]! };
  return { role: null, userId: null };
}
