/**
 * Company approval policies, checked when a workflow is published: "every step of these kinds must be preceded, on
 * every path from the trigger, by an approval with at least N levels (and a level decided by role R)". Pure: a
 * list of issues (policy, step, message), never a throw for a user's mistake, so the publish refusal and the canvas
 * can both name the offending steps and the policy they break.
 */
import { z } from 'zod';
import type { Graph, Step } from '../graph/schema.ts';
import type { DagIssue } from '../graph/validate.ts';
import { RoleSchema } from '../steps/fields.ts';
import { humanGateStep } from '../steps/kinds/human-gate.ts';
import { configLevels } from './chain.ts';

export const ApprovalPolicySchema = z
  .object({
    id: z.string().trim().min(1).max(60).regex(/^[a-z0-9_-]+$/, 'lowercase letters, digits, - and _'),
    name: z.string().trim().min(1).max(200),
    /** The step kinds that need an approval before them (e.g. publish_to_channel, http_request). */
    kinds: z.array(z.string().trim().min(1).max(60)).min(1).max(50),
    minLevels: z.number().int().min(1).max(10).default(1),
    /** When set, one of the approval's levels must be decided by this role. */
    role: RoleSchema.optional(),
  })
  .strict();
export type ApprovalPolicy = z.infer<typeof ApprovalPolicySchema>;
export const ApprovalPoliciesSchema = z.array(ApprovalPolicySchema).max(50);

/**
 * What an admin may save: no two policies share an id, or a name (the canvas tells people which policy a step breaks
 * by its name). The later of two is the one at fault, so a form adding or renaming a policy gets the message.
 */
export const ApprovalPolicyListSchema = ApprovalPoliciesSchema.superRefine((list, ctx) => {
  list.forEach((p, i) => {
    if (list.findIndex((q) => q.id === p.id) < i) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: 'another policy has this id' });
    if (list.findIndex((q) => q.name.toLowerCase() === p.name.toLowerCase()) < i) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: 'another policy has this name' });
  });
});

export interface PolicyIssue {
  policyId: string;
  stepId: string;
  message: string;
}

/**
 * Whether a gate meets a policy. A gate with a `when` can be skipped (the run then goes on as approved), so it meets
 * none; a level whose deciders are chosen by CEL counts as its named role only if it names one besides.
 */
export function gateMeets(step: Step, policy: ApprovalPolicy): boolean {
  if (step.type !== 'human_gate') return false;
  const config = humanGateStep.config.safeParse(step.config);
  if (!config.success || config.data.when) return false;
  const levels = configLevels(config.data);
  if (levels.length < policy.minLevels) return false;
  return !policy.role || levels.some((l) => l.deciders.role === policy.role);
}

/**
 * Steps of a policy's kinds reachable from a trigger without passing through a meeting gate's "yes" (a path through
 * its "no" has not been approved). Each offending step is reported once per policy.
 */
export function checkPolicies(graph: Graph, policies: ApprovalPolicy[]): PolicyIssue[] {
  const byId = new Map(graph.steps.map((s) => [s.id, s]));
  const out = new Map<string, Graph['edges']>();
  for (const e of graph.edges) out.set(e.source, [...(out.get(e.source) ?? []), e]);
  const issues: PolicyIssue[] = [];
  for (const policy of policies) {
    const seen = new Set<string>();
    const queue = graph.steps.filter((s) => s.type === 'trigger').map((s) => s.id);
    while (queue.length) {
      const id = queue.shift()!;
      if (seen.has(id)) continue;
      seen.add(id);
      const step = byId.get(id);
      if (!step) continue;
      if (policy.kinds.includes(step.kind)) {
        issues.push({ policyId: policy.id, stepId: id, message: `"${step.name}" breaks the policy "${policy.name}": it needs ${describeNeed(policy)} before it on every path` });
      }
      const meets = gateMeets(step, policy);
      for (const e of out.get(id) ?? []) if (!(meets && e.label === 'yes')) queue.push(e.target);
    }
  }
  return issues;
}

/**
 * The broken policies as the draft's own issues (code POLICY, naming the step and the policy): the list publish
 * refuses with, and the one the editor draws on the offending steps as they are edited.
 */
export function policyDagIssues(graph: Graph, policies: ApprovalPolicy[]): DagIssue[] {
  return checkPolicies(graph, policies).map((b) => ({ code: 'POLICY', stepId: b.stepId, policyId: b.policyId, message: b.message }));
}

function describeNeed(p: ApprovalPolicy): string {
  const levels = p.minLevels === 1 ? 'an approval' : `an approval with at least ${p.minLevels} levels`;
  return p.role ? `${levels} decided by ${p.role === 'admin' ? 'an admin' : `an ${p.role}`} at some level` : levels;
}
