/**
 * The approval-policy form's state and its verdict, pure: the form holds text (a number field may hold "" or "1e"),
 * and what it submits is judged by the same zod schema the server parses `companies.setApprovalPolicies` with, so the
 * errors under the fields are the server's own rules. A new policy's id is made from its name, unique in the list.
 */
import { ApprovalPolicyListSchema, type ApprovalPolicy } from '../../shared/approvals/policy.ts';
import { ROLES, type Role } from '../../shared/roles.ts';
import { STEP_KINDS, stepDefinition } from '../../shared/steps/registry.ts';

export interface PolicyDraft {
  /** Empty for a new policy (made from the name on save). */
  id: string;
  name: string;
  kinds: string[];
  minLevels: string;
  role: Role | '';
}

export const POLICY_FIELDS = ['name', 'kinds', 'minLevels', 'role'] as const;
export type PolicyField = (typeof POLICY_FIELDS)[number];

/** The step kinds a policy can guard: those that act (an approval, a condition or the trigger guard nothing). */
export const GUARDABLE_KINDS: readonly string[] = STEP_KINDS.filter((k) => stepDefinition(k)?.type === 'action');

export function kindTitle(kind: string): string {
  return stepDefinition(kind)?.title ?? kind;
}

export function draftOf(p?: ApprovalPolicy): PolicyDraft {
  return p ? { id: p.id, name: p.name, kinds: [...p.kinds], minLevels: String(p.minLevels), role: p.role ?? '' } : { id: '', name: '', kinds: [], minLevels: '1', role: '' };
}

/** `Admins approve every push!` → `admins-approve-every-push`, with `-2`, `-3`… when the list has it already. */
export function policyIdFor(name: string, taken: ReadonlySet<string>): string {
  const base = name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 50) || 'policy';
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

export type PolicyVerdict = { ok: true; policy: ApprovalPolicy } | { ok: false; errors: Partial<Record<PolicyField | 'id', string>> };

/**
 * The policy the draft means, or the schema's first message per field: the list schema the server parses, run on the
 * list as it would be saved (the draft last, where a clash with another policy is reported). `others` are the rest.
 */
export function judgeDraft(draft: PolicyDraft, others: readonly ApprovalPolicy[]): PolicyVerdict {
  const id = draft.id || policyIdFor(draft.name, new Set(others.map((o) => o.id)));
  const levels = draft.minLevels.trim() === '' ? Number.NaN : Number(draft.minLevels);
  const candidate = { id, name: draft.name, kinds: draft.kinds, minLevels: levels, ...(draft.role ? { role: draft.role } : {}) };
  const parsed = ApprovalPolicyListSchema.safeParse([...others, candidate]);
  if (parsed.success) return { ok: true, policy: parsed.data.at(-1)! };
  const errors: Partial<Record<PolicyField | 'id', string>> = {};
  for (const issue of parsed.error.issues) {
    if (issue.path[0] !== others.length) continue;
    const field = String(issue.path[1] ?? 'name') as PolicyField | 'id';
    errors[field] ??= message(field, issue.code, issue.message);
  }
  // About the list as a whole (more than 50 policies): said above the buttons.
  if (!Object.keys(errors).length) errors.id = message('id', 'custom', parsed.error.issues[0]?.message ?? 'the policies could not be saved');
  return { ok: false, errors };
}

/** The schema's words for what a person filled in (zod's defaults speak of types and arrays). */
function message(field: PolicyField | 'id', code: string, raw: string): string {
  if (code === 'custom') return raw.charAt(0).toUpperCase() + raw.slice(1);
  if (field === 'name') return code === 'too_big' ? 'Too long: at most 200 characters' : 'Name the policy';
  if (field === 'kinds') return code === 'too_big' ? 'At most 50 kinds' : 'Choose at least one kind of step';
  if (field === 'minLevels') return 'A whole number of levels from 1 to 10';
  if (field === 'role') return `Choose one of ${ROLES.join(', ')}`;
  return raw.charAt(0).toUpperCase() + raw.slice(1);
}

/** "Every HTTP request and Emit event needs an approval with at least 2 levels, one of them decided by an admin." */
export function describePolicy(p: ApprovalPolicy): string {
  const kinds = p.kinds.map(kindTitle);
  const list = kinds.length > 1 ? `${kinds.slice(0, -1).join(', ')} and ${kinds.at(-1)}` : (kinds[0] ?? '');
  const levels = p.minLevels === 1 ? 'an approval' : `an approval with at least ${p.minLevels} levels`;
  const role = p.role ? `, one of them decided by ${p.role === 'viewer' ? 'a viewer' : `an ${p.role}`}` : '';
  return `Every ${list} step needs ${levels} before it on every path${role}.`;
}
