/**
 * One run through one graph, without side effects. Mirrors the engine's walk (server/workflow/walk.ts): a step runs
 * when at least one incoming edge was taken and is skipped when none was; a condition follows `yes` or `no`; a failed
 * step fails the run, and what waits on it is skipped (steps on parallel branches are uncertain: whether they had
 * started when the failure came is a matter of timing). Conditions, transforms and gate `when`s are computed with the engine's CEL; every other action is
 * answered with what the same step recorded in this run, or left unknown; a gate's decision is the recorded one, or
 * unknown. Whatever depends on an unknown value is uncertain, never guessed.
 */
import { celValue } from '../cel/evaluate.ts';
import { stepReferences } from '../cel/references.ts';
import type { Edge, Graph, Step } from '../graph/schema.ts';
import type { ApprovalNeed, EdgeFate, RecordedStep, RunOutcome, SimulationRun, StepFate } from './schema.ts';

type Branch = 'yes' | 'no' | null | 'unknown';

export interface State {
  vars: { event: { name: string; data: Record<string, unknown> }; steps: Record<string, unknown>; data: Record<string, unknown>; run: { id: string; workflowId: string } };
  /** Steps whose output is not known (uncertain, or a side effect with nothing recorded). */
  unknown: Set<string>;
  /** Some transform that may have run wrote `data` fields we do not know. */
  dataUnknown: boolean;
  /** Settles a two-way question the run cannot answer (a branch, a decision, a `when`): see walkRun. */
  choose: () => Choice | 'unknown';
}

export type Choice = 'yes' | 'no';

/** Stands for a value the simulation cannot know (never a JSON value, so it cannot be mistaken for one). */
const UNKNOWN: unique symbol = Symbol('unknown');
type Unknown = typeof UNKNOWN;

/** The engine's order when it learns of a failure: Kahn's algorithm, ties in graph order. */
export function topoOrder(graph: Graph): Step[] {
  const indegree = new Map(graph.steps.map((s) => [s.id, 0]));
  const out = new Map<string, Edge[]>();
  for (const e of graph.edges) {
    indegree.set(e.target, (indegree.get(e.target) ?? 0) + 1);
    out.set(e.source, [...(out.get(e.source) ?? []), e]);
  }
  const byId = new Map(graph.steps.map((s) => [s.id, s]));
  const ready = graph.steps.filter((s) => indegree.get(s.id) === 0);
  const order: Step[] = [];
  while (ready.length) {
    const s = ready.shift()!;
    order.push(s);
    for (const e of out.get(s.id) ?? []) {
      const left = indegree.get(e.target)! - 1;
      indegree.set(e.target, left);
      if (left === 0) ready.push(byId.get(e.target)!);
    }
  }
  return order;
}

/** One walk; `choose` answers each question the run cannot answer (worlds.ts walks every answer). */
export function walkOnce(graph: Graph, run: SimulationRun, workflowId: string, choose: State['choose']): RunOutcome {
  const st: State = {
    vars: { event: { name: run.eventName, data: run.payload }, steps: {}, data: {}, run: { id: run.id, workflowId } },
    unknown: new Set(),
    dataUnknown: false,
    choose,
  };
  const fates: Record<string, StepFate> = {};
  const branches = new Map<string, Branch>();
  const edges: Record<string, EdgeFate> = {};
  const approvals: Record<string, ApprovalNeed> = {};
  const unknownEffects: string[] = [];
  let failure: RunOutcome['failure'] = null;
  let afterFailure: Set<string> | null = null;
  const incoming = new Map<string, Edge[]>();
  for (const e of graph.edges) incoming.set(e.target, [...(incoming.get(e.target) ?? []), e]);

  for (const step of topoOrder(graph)) {
    if (step.type === 'trigger') {
      fates[step.id] = 'ran';
      branches.set(step.id, null);
      st.vars.steps[step.id] = run.payload;
      continue;
    }
    const into = incoming.get(step.id) ?? [];
    for (const e of into) edges[e.id] = edgeFate(e, fates[e.source], branches.get(e.source));
    let fate: 'run' | 'maybe' | 'skip' = into.some((e) => edges[e.id] === 'taken') ? 'run' : into.some((e) => edges[e.id] === 'uncertain') ? 'maybe' : 'skip';
    // After a failure the engine skips what had not started: surely what waits on the failed step; a step on a
    // parallel branch may have started before the failure was known, or not (timing), so it is uncertain.
    if (failure && fate !== 'skip') fate = afterFailure!.has(step.id) ? 'skip' : 'maybe';
    if (fate === 'skip') {
      fates[step.id] = 'skipped';
      continue;
    }
    if (fate === 'maybe') {
      // It may or may not run: nothing downstream can count on its output, its branch or its data.
      fates[step.id] = 'uncertain';
      branches.set(step.id, step.type === 'condition' || step.type === 'human_gate' ? 'unknown' : null);
      st.unknown.add(step.id);
      if (step.kind === 'transform') st.dataUnknown = true;
      if (step.type === 'human_gate') approvals[step.id] = 'maybe';
      continue;
    }
    const r = runStep(step, st, run.recorded[step.id]);
    if (r.failed) {
      fates[step.id] = 'failed';
      failure = { stepId: step.id, message: r.failed };
      afterFailure = descendants(graph, step.id);
      continue;
    }
    fates[step.id] = 'ran';
    branches.set(step.id, r.branch);
    if (r.output === UNKNOWN) {
      st.unknown.add(step.id);
      if (r.effect) unknownEffects.push(step.id);
    } else st.vars.steps[step.id] = r.output;
    if (r.data === UNKNOWN) st.dataUnknown = true;
    else if (r.data) Object.assign(st.vars.data, r.data);
    if (r.approval) approvals[step.id] = r.approval;
  }
  // Edges out of steps nothing reached (a cycle never settles in the engine either) count as not taken.
  for (const e of graph.edges) edges[e.id] ??= 'not_taken';
  const uncertain = Object.values(fates).includes('uncertain') || [...branches.values()].includes('unknown');
  return {
    runId: run.id,
    label: run.label,
    status: failure ? 'failed' : uncertain ? 'uncertain' : 'completed',
    steps: fates,
    edges,
    approvals,
    unknown: unknownEffects,
    failure,
  };
}

function descendants(graph: Graph, from: string): Set<string> {
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length) {
    const id = stack.pop()!;
    for (const e of graph.edges) {
      if (e.source === id && !seen.has(e.target)) {
        seen.add(e.target);
        stack.push(e.target);
      }
    }
  }
  return seen;
}

function edgeFate(e: Edge, source: StepFate | undefined, branch: Branch | undefined): EdgeFate {
  if (source !== 'ran' && source !== 'uncertain') return 'not_taken';
  if (e.label !== null && branch !== 'unknown' && branch !== e.label) return 'not_taken';
  if (source === 'uncertain' || (e.label !== null && branch === 'unknown')) return 'uncertain';
  return 'taken';
}

interface StepResult {
  output: unknown;
  branch: Branch;
  data?: Record<string, unknown> | Unknown;
  failed?: string;
  effect?: boolean;
  approval?: ApprovalNeed;
}

function runStep(step: Step, st: State, recorded: RecordedStep | undefined): StepResult {
  switch (step.type) {
    case 'condition': {
      const expression = String(step.config.expression ?? '');
      const v = evaluate(expression, st);
      if (v === UNKNOWN) return { output: UNKNOWN, branch: st.choose() };
      if ('error' in v) return failed(`could not evaluate ${expression}: ${v.error}`);
      if (typeof v.value !== 'boolean') return failed(`${expression} gave ${JSON.stringify(v.value)}, not true or false`);
      const branch = v.value ? 'yes' : 'no';
      return { output: { expression, value: v.value, branch }, branch };
    }
    case 'human_gate':
      return runGate(step, st, recorded);
    case 'action':
      return runAction(step, st, recorded);
    case 'trigger':
      return { output: st.vars.event.data, branch: null };
  }
}

function runGate(step: Step, st: State, recorded: RecordedStep | undefined): StepResult {
  const when = typeof step.config.when === 'string' && step.config.when.trim() ? step.config.when : null;
  let need: ApprovalNeed = 'required';
  if (when) {
    const v = evaluate(when, st);
    const holds = v === UNKNOWN ? st.choose() : null;
    if (holds === 'no') return { output: { skipped: true, when, value: false, decision: 'approved' }, branch: 'yes' };
    if (holds === 'unknown') need = 'maybe';
    else if (holds === 'yes') need = 'required';
    else if (v === UNKNOWN) need = 'maybe';
    else if ('error' in v) return failed(`could not evaluate ${when}: ${v.error}`);
    else if (typeof v.value !== 'boolean') return failed(`${when} gave ${JSON.stringify(v.value)}, not true or false`);
    else if (!v.value) return { output: { skipped: true, when, value: false, decision: 'approved' }, branch: 'yes' };
  }
  // Only a person's decision stands for one: a gate the recorded run skipped by its own `when` decided nothing.
  const decision = recorded && recorded.kind === 'human_gate' && recorded.status === 'completed' ? (recorded.output as { decision?: unknown } | null)?.decision : undefined;
  if (typeof decision !== 'string') return { output: UNKNOWN, branch: st.choose(), approval: need };
  return { output: recorded!.output, branch: decision === 'approved' ? 'yes' : 'no', approval: need };
}

function runAction(step: Step, st: State, recorded: RecordedStep | undefined): StepResult {
  if (step.kind === 'delay') return { output: { slept: step.config.duration }, branch: null };
  if (step.kind === 'transform') {
    const mapping = (step.config.mapping ?? {}) as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [field, expression] of Object.entries(mapping)) {
      const v = evaluate(String(expression), st);
      if (v === UNKNOWN) return { output: UNKNOWN, branch: null, data: UNKNOWN };
      if ('error' in v) return failed(`${field}: ${v.error}`);
      out[field] = v.value;
    }
    return { output: out, branch: null, data: out };
  }
  // A side effect: never performed here. What this very step (same kind and config) did in this run stands for it.
  const same = recorded && recorded.kind === step.kind && canonical(recorded.config) === canonical(step.config);
  if (same && recorded.status === 'completed') return { output: recorded.output, branch: null, effect: true };
  if (same && recorded.status === 'failed') return failed('failed when the run happened');
  return { output: UNKNOWN, branch: null, effect: true };
}

function failed(message: string): StepResult {
  return { output: UNKNOWN, branch: null, failed: message };
}

/** The expression's value, its error, or UNKNOWN when it reads a step output or run data that is not known. */
function evaluate(expression: string, st: State): { value: unknown } | { error: string } | Unknown {
  if (readsUnknown(expression, st)) return UNKNOWN;
  try {
    return { value: celValue(expression, st.vars) };
  } catch (err) {
    return { error: (err as Error).message.split('\n')[0] ?? 'error' };
  }
}

function readsUnknown(expression: string, st: State): boolean {
  const refs = stepReferences(expression);
  if (refs === null) return false; // does not parse: evaluating it reports the error
  if (refs.some((r) => st.unknown.has(r.stepId))) return true;
  // The root `data`, not a field called data (`event.data`).
  if (st.dataUnknown && /(^|[^.\w])data\b/.test(expression)) return true;
  // `steps[k]` with a computed key, or `steps` as a whole, may read anything.
  const mentions = expression.match(/(^|[^.\w])steps\b/g)?.length ?? 0;
  return st.unknown.size > 0 && mentions > refs.length;
}

/** JSON with sorted keys, so configs saved in a different key order compare equal. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
