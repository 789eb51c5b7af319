/**
 * validateDag: every problem a user can make on the canvas, as a list. It never throws for a user's mistake.
 * A draft only needs to be well-formed (no STRUCTURAL issue) to save; publishing and enabling need no issue at all.
 */
import { celTypeError } from '../cel/check.ts';
import { referenceProblems } from '../cel/references.ts';
import { celEntries } from '../steps/cel-fields.ts';
import { stepDefinition } from '../steps/registry.ts';
import type { Edge, Graph, Step } from './schema.ts';
import { upstreamFinder } from './upstream.ts';

/** Each DAG step costs the executor up to three Inngest steps (mark, run, wait); plus load and finish, under 1,000. */
export const MAX_STEPS = 250;

export const ISSUE_CODES = [
  'DUPLICATE_ID',
  'DANGLING_EDGE',
  'SELF_LOOP',
  'DUPLICATE_EDGE',
  'CYCLE',
  'TRIGGER_COUNT',
  'TRIGGER_HAS_INPUT',
  'UNKNOWN_KIND',
  'KIND_TYPE_MISMATCH',
  'INVALID_CONFIG',
  'CONDITION_BRANCHES',
  'UNEXPECTED_LABEL',
  'UNREACHABLE',
  'TOO_MANY_STEPS',
  'BAD_REFERENCE',
  'CEL_TYPE_ERROR',
  /** A company approval policy the graph breaks (shared/approvals/policy.ts): checked at publish. */
  'POLICY',
] as const;
export type IssueCode = (typeof ISSUE_CODES)[number];

/** Issues that make a graph ill-formed: it cannot even be stored as a draft. */
export const STRUCTURAL_CODES: ReadonlySet<IssueCode> = new Set(['DUPLICATE_ID', 'DANGLING_EDGE']);

export interface DagIssue {
  code: IssueCode;
  message: string;
  stepId?: string;
  edgeId?: string;
  /** For INVALID_CONFIG: the config field at fault. */
  field?: string;
  /** For POLICY: the company policy broken. */
  policyId?: string;
}

export function validateDag(graph: Graph): DagIssue[] {
  const issues: DagIssue[] = [];
  const steps = new Map<string, Step>();
  const edgeIds = new Set<string>();

  for (const step of graph.steps) {
    if (steps.has(step.id)) issues.push({ code: 'DUPLICATE_ID', stepId: step.id, message: `Two steps share the id "${step.id}"` });
    else steps.set(step.id, step);
  }
  const edges: Edge[] = [];
  for (const edge of graph.edges) {
    if (edgeIds.has(edge.id) || steps.has(edge.id)) {
      issues.push({ code: 'DUPLICATE_ID', edgeId: edge.id, message: `The id "${edge.id}" is used twice` });
      continue;
    }
    edgeIds.add(edge.id);
    const missing = [edge.source, edge.target].filter((id) => !steps.has(id));
    if (missing.length) {
      issues.push({ code: 'DANGLING_EDGE', edgeId: edge.id, message: `Edge points to a missing step (${missing.join(', ')})` });
      continue;
    }
    edges.push(edge);
  }

  if (steps.size > MAX_STEPS) {
    issues.push({ code: 'TOO_MANY_STEPS', message: `${steps.size} steps; one workflow may have at most ${MAX_STEPS}` });
  }

  issues.push(...checkEdges(edges, steps));
  issues.push(...checkSteps(steps, edges));
  issues.push(...checkCycles(steps, edges));
  issues.push(...checkReachability(steps, edges));
  issues.push(...checkExpressions(steps, edges));
  return issues;
}

function checkEdges(edges: Edge[], steps: Map<string, Step>): DagIssue[] {
  const issues: DagIssue[] = [];
  const seen = new Set<string>();
  for (const edge of edges) {
    if (edge.source === edge.target) {
      issues.push({ code: 'SELF_LOOP', edgeId: edge.id, stepId: edge.source, message: 'A step cannot connect to itself' });
    }
    const key = `${edge.source}→${edge.target}`;
    if (seen.has(key)) issues.push({ code: 'DUPLICATE_EDGE', edgeId: edge.id, message: 'These two steps are already connected' });
    seen.add(key);
    const source = steps.get(edge.source)!;
    const branching = source.type === 'condition' || source.type === 'human_gate';
    if (branching && edge.label === null) {
      issues.push({ code: 'CONDITION_BRANCHES', edgeId: edge.id, stepId: source.id, message: `An edge leaving "${source.name}" must be its yes or no branch` });
    }
    if (!branching && edge.label !== null) {
      issues.push({ code: 'UNEXPECTED_LABEL', edgeId: edge.id, message: `Only conditions and approvals have yes/no branches` });
    }
    if (steps.get(edge.target)!.type === 'trigger') {
      issues.push({ code: 'TRIGGER_HAS_INPUT', edgeId: edge.id, stepId: edge.target, message: 'Nothing can lead into the trigger' });
    }
  }
  return issues;
}

function checkSteps(steps: Map<string, Step>, edges: Edge[]): DagIssue[] {
  const issues: DagIssue[] = [];
  const triggers = [...steps.values()].filter((s) => s.type === 'trigger');
  if (triggers.length !== 1) {
    const message = triggers.length === 0 ? 'Add a trigger: every workflow starts with exactly one' : `Only one trigger is allowed (found ${triggers.length})`;
    issues.push({ code: 'TRIGGER_COUNT', message, ...(triggers[1] ? { stepId: triggers[1].id } : {}) });
  }
  for (const step of steps.values()) {
    const def = stepDefinition(step.kind);
    if (!def) {
      issues.push({ code: 'UNKNOWN_KIND', stepId: step.id, message: `Unknown step kind "${step.kind}"` });
      continue;
    }
    if (def.type !== step.type) {
      issues.push({ code: 'KIND_TYPE_MISMATCH', stepId: step.id, message: `"${step.kind}" is a ${def.type} step, not ${step.type}` });
    }
    const parsed = def.config.safeParse(step.config);
    if (!parsed.success) {
      for (const zi of parsed.error.issues) {
        const field = zi.path.map(String).join('.');
        // A bad record key (an HTTP header name) says only "Invalid key in record"; the key schema's reason is inside.
        const why = zi.code === 'invalid_key' ? (zi.issues[0]?.message ?? zi.message) : zi.message;
        issues.push({ code: 'INVALID_CONFIG', stepId: step.id, field, message: `${step.name}: ${field ? `${field}: ` : ''}${why}` });
      }
    }
    // A gate may leave its "no" (rejected) side unconnected: rejection then ends that path. A condition may not.
    if (step.type === 'condition') {
      const labels = new Set(edges.filter((e) => e.source === step.id).map((e) => e.label));
      const missing = (['yes', 'no'] as const).filter((l) => !labels.has(l));
      if (missing.length) {
        issues.push({ code: 'CONDITION_BRANCHES', stepId: step.id, message: `"${step.name}" needs both a yes and a no branch (missing ${missing.join(' and ')})` });
      }
    }
  }
  return issues;
}

/** Kahn's algorithm; whatever never reaches in-degree 0 sits on or behind a cycle. Self-loops are reported apart. */
function checkCycles(steps: Map<string, Step>, edges: Edge[]): DagIssue[] {
  const inDegree = new Map([...steps.keys()].map((id) => [id, 0]));
  const out = new Map<string, string[]>();
  for (const e of edges) {
    if (e.source === e.target) continue;
    inDegree.set(e.target, inDegree.get(e.target)! + 1);
    out.set(e.source, [...(out.get(e.source) ?? []), e.target]);
  }
  const queue = [...inDegree].filter(([, d]) => d === 0).map(([id]) => id);
  while (queue.length) {
    const id = queue.pop()!;
    for (const next of out.get(id) ?? []) {
      const d = inDegree.get(next)! - 1;
      inDegree.set(next, d);
      if (d === 0) queue.push(next);
    }
  }
  const stuck = [...inDegree].filter(([, d]) => d > 0).map(([id]) => id);
  if (!stuck.length) return [];
  // Report only the steps actually on a cycle (they reach themselves), not everything downstream of one.
  const onCycle = stuck.filter((id) => reaches(id, id, out));
  return onCycle.map((stepId) => ({ code: 'CYCLE' as const, stepId, message: `"${steps.get(stepId)!.name}" is part of a cycle` }));
}

function reaches(from: string, to: string, out: Map<string, string[]>): boolean {
  const seen = new Set<string>();
  const stack = [...(out.get(from) ?? [])];
  while (stack.length) {
    const id = stack.pop()!;
    if (id === to) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(out.get(id) ?? []));
  }
  return false;
}

function checkReachability(steps: Map<string, Step>, edges: Edge[]): DagIssue[] {
  const trigger = [...steps.values()].find((s) => s.type === 'trigger');
  if (!trigger) return [];
  const out = new Map<string, string[]>();
  for (const e of edges) out.set(e.source, [...(out.get(e.source) ?? []), e.target]);
  const seen = new Set([trigger.id]);
  const stack = [trigger.id];
  while (stack.length) {
    for (const next of out.get(stack.pop()!) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }
  return [...steps.values()]
    .filter((s) => !seen.has(s.id) && s.type !== 'trigger')
    .map((s) => ({ code: 'UNREACHABLE' as const, stepId: s.id, message: `"${s.name}" can never run: no path leads to it from the trigger` }));
}

/**
 * What each CEL expression reads: `steps.<id>` must name a step that runs before it (the editor's lint runs the same
 * check as you type), and every name and operator must exist. Syntax errors are the config schema's (INVALID_CONFIG).
 */
function checkExpressions(steps: Map<string, Step>, edges: Edge[]): DagIssue[] {
  const issues: DagIssue[] = [];
  const names = new Map([...steps.values()].map((s) => [s.id, s.name]));
  const upstream = upstreamFinder(edges);
  for (const step of steps.values()) {
    const def = stepDefinition(step.kind);
    if (!def) continue;
    const entries = celEntries(def.config, step.config);
    if (!entries.length) continue;
    let above: Set<string> | undefined;
    const scope = { steps: names, upstream: () => (above ??= upstream(step.id)) };
    for (const { field, expression } of entries) {
      for (const p of referenceProblems(expression, scope)) issues.push({ code: 'BAD_REFERENCE', stepId: step.id, field, message: `${step.name}: ${field}: ${p.message}` });
      const typeError = celTypeError(expression);
      if (typeError) issues.push({ code: 'CEL_TYPE_ERROR', stepId: step.id, field, message: `${step.name}: ${field}: ${typeError.message}` });
    }
  }
  return issues;
}

export function structuralIssues(issues: DagIssue[]): DagIssue[] {
  return issues.filter((i) => STRUCTURAL_CODES.has(i.code));
}
