/**
 * One made-up run of a graph, as the engine would have recorded it: the run row, a row per step (pending → running
 * → completed / failed / skipped, with retries), every transition with its time (what replay reads), the gate's
 * task, the executor's step attempts, and the run's cost. Pure: the same rng and start give the same run.
 */
import { celValue } from '../../../../shared/cel/evaluate.ts';
import type { Graph, Step } from '../../../../shared/graph/schema.ts';
import { stepIds } from '../../../../shared/steps/step-ids.ts';
import { FAILURES, KIND_BEHAVIOUR, type HistoryProfile } from './profiles.ts';

export interface SimEvent { stepId: string; status: string; reason: string | null; attempts: number; at: Date }
export interface SimStep { stepId: string; status: 'completed' | 'failed' | 'skipped'; attempts: number; input: unknown; output: unknown; error: Record<string, unknown> | null; reason: string | null; startedAt: Date | null; finishedAt: Date }
export interface SimGate { stepId: string; title: string; instructions: string; assigneeRole: string | null; openedAt: Date; decidedAt: Date; decision: 'approved' | 'rejected'; comment: string | null; dueAt: Date }
export interface SimAttempt { stepId: string; attempt: number; outcome: 'ok' | 'retry' | 'error'; detail: string; startedAt: Date; durationMs: number; error: { name: string; message: string } | null }
export interface SimRun {
  status: 'completed' | 'failed';
  startedAt: Date;
  finishedAt: Date;
  error: Record<string, unknown> | null;
  steps: SimStep[];
  events: SimEvent[];
  gates: SimGate[];
  attempts: SimAttempt[];
  claude: { inputTokens: number; outputTokens: number; costUsd: number };
  invocations: number;
  executedSteps: number;
}

const CLAUDE_PRICE = { input: 3 / 1e6, output: 15 / 1e6 };
const GATE_COMMENTS = { approved: [null, 'Looks good.', 'Approved; copy reads well.'], rejected: ['Bullets repeat the title.', 'Net content does not match the pack shot.', 'Needs the allergen statement.'] } as const;

const between = (rng: () => number, lo: number, hi: number) => Math.round(Math.exp(Math.log(lo) + rng() * (Math.log(hi) - Math.log(lo))));
const pick = <T>(rng: () => number, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;

export function simulateRun(graph: Graph, profile: HistoryProfile, payload: Record<string, unknown>, createdAt: Date, rng: () => number): SimRun {
  const events: SimEvent[] = [];
  const steps = new Map<string, SimStep>();
  const gates: SimGate[] = [];
  const attempts: SimAttempt[] = [];
  const claude = { inputTokens: 0, outputTokens: 0, costUsd: 0 };
  let invocations = 1;
  let clock = createdAt.getTime() + between(rng, 40, 900); // event → first call
  const startedAt = new Date(clock);
  const at = () => new Date(clock);
  const attempt = (stepId: string, n: number, outcome: SimAttempt['outcome'], ms: number, error: SimAttempt['error'] = null) =>
    attempts.push({ stepId, attempt: n, outcome, detail: outcome === 'ok' ? 'StepRun' : outcome === 'retry' ? 'StepError' : 'StepFailed', startedAt: at(), durationMs: ms, error });

  events.push({ stepId: '', status: 'pending', reason: null, attempts: 0, at: createdAt }, { stepId: '', status: 'running', reason: null, attempts: 0, at: startedAt });
  const trigger = graph.steps.find((s) => s.type === 'trigger');
  for (const s of graph.steps) events.push({ stepId: s.id, status: s === trigger ? 'completed' : 'pending', reason: null, attempts: 0, at: startedAt });
  attempt('load', 0, 'ok', between(rng, 3, 20));

  const byId = new Map(graph.steps.map((s) => [s.id, s]));
  const branch = new Map<string, 'yes' | 'no' | null>();
  let failure: { step: Step; message: string } | null = null;
  const runData: Record<string, unknown> = {};

  for (const step of topoOrder(graph)) {
    if (step === trigger) {
      steps.set(step.id, { stepId: step.id, status: 'completed', attempts: 0, input: null, output: payload, error: null, reason: null, startedAt, finishedAt: startedAt });
      branch.set(step.id, null);
      continue;
    }
    const incoming = graph.edges.filter((e) => e.target === step.id);
    const taken = incoming.filter((e) => steps.get(e.source)?.status === 'completed' && (e.label === null || branch.get(e.source) === e.label));
    const skip = (reason: string) => {
      clock += between(rng, 2, 15);
      steps.set(step.id, { stepId: step.id, status: 'skipped', attempts: 0, input: null, output: null, error: null, reason, startedAt: null, finishedAt: at() });
      events.push({ stepId: step.id, status: 'skipped', reason, attempts: 0, at: at() });
      attempt(stepIds.skip(step.id), 0, 'ok', between(rng, 2, 10));
    };
    if (failure) {
      skip(`run failed at "${failure.step.name}"`);
      continue;
    }
    if (taken.length === 0) {
      const why = incoming.map((e) => {
        const p = steps.get(e.source)!;
        const name = byId.get(e.source)?.name ?? e.source;
        return p.status === 'completed' ? `"${name}" took ${branch.get(e.source) ?? '?'}, not ${e.label}` : `"${name}" was ${p.status}`;
      });
      skip(`branch not taken: ${why.join('; ')}`);
      continue;
    }
    clock += between(rng, 5, 60);
    const begun = at();
    if (step.type === 'human_gate') {
      const instructions = String(step.config.instructions ?? '');
      events.push({ stepId: step.id, status: 'running', reason: 'waiting for a decision', attempts: 1, at: begun }, { stepId: '', status: 'waiting', reason: null, attempts: 0, at: begun });
      attempt(stepIds.open(step.id), 0, 'ok', between(rng, 8, 40));
      // Most decisions within hours, a tail over a day or two (the resolution-time chart's long tail).
      clock += rng() < 0.8 ? between(rng, 4 * 60_000, 6 * 3600_000) : between(rng, 8 * 3600_000, 50 * 3600_000);
      const decision = rng() < profile.approveRate ? 'approved' : 'rejected';
      const comment = pick(rng, GATE_COMMENTS[decision]);
      gates.push({ stepId: step.id, title: step.name, instructions, assigneeRole: (step.config.assigneeRole as string | undefined) ?? null, openedAt: begun, decidedAt: at(), decision, comment, dueAt: new Date(begun.getTime() + 3 * 86400_000) });
      clock += between(rng, 50, 400);
      attempt(stepIds.run(step.id), 0, 'ok', between(rng, 5, 30));
      const output = { decision, comment, decidedBy: 'demo approver', timedOut: false };
      steps.set(step.id, { stepId: step.id, status: 'completed', attempts: 1, input: { instructions }, output, error: null, reason: null, startedAt: begun, finishedAt: at() });
      events.push({ stepId: '', status: 'running', reason: null, attempts: 0, at: at() }, { stepId: step.id, status: 'completed', reason: null, attempts: 1, at: at() });
      branch.set(step.id, decision === 'approved' ? 'yes' : 'no');
      continue;
    }
    const behaviour = KIND_BEHAVIOUR[step.kind] ?? { ms: [10, 100] as [number, number], failRate: 0.01, retryRate: 0 };
    const fails = rng() < behaviour.failRate;
    const tries = fails ? 3 : rng() < behaviour.retryRate ? 2 : 1;
    const message = pick(rng, FAILURES[step.kind] ?? ['the step failed']);
    events.push({ stepId: step.id, status: 'running', reason: null, attempts: 1, at: begun });
    for (let n = 1; n <= tries; n++) {
      const ms = between(rng, ...behaviour.ms);
      const last = n === tries;
      const error = last && !fails ? null : { name: 'Error', message };
      attempt(stepIds.run(step.id), n - 1, last ? (fails ? 'error' : 'ok') : 'retry', ms, error);
      clock += ms;
      if (!last) {
        clock += between(rng, 800, 20_000); // the engine's backoff
        events.push({ stepId: step.id, status: 'running', reason: `retrying after attempt ${n} failed: ${message}`, attempts: n + 1, at: at() });
      }
    }
    if (behaviour.invokes) invocations += 1;
    if (behaviour.claude) {
      const inputTokens = between(rng, 2500, 9000);
      const outputTokens = between(rng, 400, 1800);
      claude.inputTokens += inputTokens;
      claude.outputTokens += outputTokens;
      claude.costUsd += inputTokens * CLAUDE_PRICE.input + outputTokens * CLAUDE_PRICE.output;
      invocations += 1;
    }
    if (fails) {
      failure = { step, message };
      steps.set(step.id, { stepId: step.id, status: 'failed', attempts: tries, input: {}, output: null, error: { name: 'Error', message }, reason: null, startedAt: begun, finishedAt: at() });
      events.push({ stepId: step.id, status: 'failed', reason: null, attempts: tries, at: at() });
      attempt(stepIds.failed(step.id), 0, 'ok', between(rng, 3, 12));
      continue;
    }
    const output = outputOf(step, rng, profile, celScope(profile, payload, steps, runData));
    if (step.kind === 'transform') Object.assign(runData, output);
    branch.set(step.id, step.type === 'condition' ? (output as { branch: 'yes' | 'no' }).branch : null);
    steps.set(step.id, { stepId: step.id, status: 'completed', attempts: tries, input: {}, output, error: null, reason: null, startedAt: begun, finishedAt: at() });
    events.push({ stepId: step.id, status: 'completed', reason: null, attempts: tries, at: at() });
  }

  clock += between(rng, 5, 40);
  const status = failure ? 'failed' : 'completed';
  events.push({ stepId: '', status, reason: null, attempts: 0, at: at() });
  attempts.push({ stepId: '', attempt: 0, outcome: failure ? 'error' : 'ok', detail: failure ? 'error' : 'completed', startedAt: at(), durationMs: between(rng, 2, 10), error: failure ? { name: 'Error', message: failure.message } : null });
  const all = [...steps.values()];
  return {
    status,
    startedAt,
    finishedAt: at(),
    error: failure ? { name: 'WorkflowError', message: `"${failure.step.name}" failed: ${failure.message}` } : null,
    steps: all,
    events,
    gates,
    attempts,
    claude,
    invocations,
    executedSteps: all.filter((s) => s.status === 'completed' || s.status === 'failed').length,
  };
}

/** What CEL sees at a step, as server/workflow/vars.ts builds it: the event, finished steps' outputs, the run's data. */
function celScope(profile: HistoryProfile, payload: Record<string, unknown>, steps: Map<string, SimStep>, data: Record<string, unknown>): Record<string, unknown> {
  const outputs = Object.fromEntries([...steps.values()].filter((s) => s.status === 'completed').map((s) => [s.stepId, s.output]));
  return { event: { name: profile.eventName, data: payload }, steps: outputs, data, run: { id: '', workflowId: '' } };
}

/**
 * A made-up output for a step with side effects; a condition or transform is computed with the engine's CEL over
 * the made-up outputs before it, so the history is one the engine could have recorded (what-if simulation replays it
 * and must find the same branches). A condition those outputs cannot answer falls back to the profile's odds.
 */
function outputOf(step: Step, rng: () => number, profile: HistoryProfile, scope: Record<string, unknown>): unknown {
  switch (step.kind) {
    case 'condition': {
      const expression = String(step.config.expression ?? '');
      const odds = rng() < profile.yesRate;
      let value: unknown;
      try {
        value = celValue(expression, scope);
      } catch {
        value = odds;
      }
      if (typeof value !== 'boolean') value = odds;
      return { expression, value, branch: value ? 'yes' : 'no' };
    }
    case 'transform': {
      const mapping = (step.config.mapping ?? {}) as Record<string, string>;
      try {
        return Object.fromEntries(Object.entries(mapping).map(([field, expression]) => [field, celValue(expression, scope)]));
      } catch {
        return {};
      }
    }
    case 'run_audit':
      return { errors: rng() < 0.3 ? 1 + Math.floor(rng() * 3) : 0, warnings: Math.floor(rng() * 4), score: 70 + Math.floor(rng() * 30) };
    case 'validate_images':
      return { passed: rng() < 0.75, errors: [], warnings: [], perRetailer: {} };
    case 'enrich_products':
      return { jobId: `demo-${Math.floor(rng() * 1e9).toString(36)}`, failed: 0, pendingReview: Math.floor(rng() * 3), minConfidence: Math.round((0.7 + rng() * 0.3) * 100) / 100 };
    case 'emit_event':
      return { event: step.config.event ?? '', ids: [`demo-${Math.floor(rng() * 1e9).toString(36)}`] };
    case 'create_task':
      return { taskId: null, title: step.config.title ?? '' };
    default:
      return {};
  }
}

/** Kahn's algorithm; ties in graph order, so the walk is the same every time. */
function topoOrder(graph: Graph): Step[] {
  const indegree = new Map(graph.steps.map((s) => [s.id, 0]));
  for (const e of graph.edges) indegree.set(e.target, (indegree.get(e.target) ?? 0) + 1);
  const ready = graph.steps.filter((s) => indegree.get(s.id) === 0);
  const out: Step[] = [];
  while (ready.length) {
    const s = ready.shift()!;
    out.push(s);
    for (const e of graph.edges.filter((x) => x.source === s.id)) {
      const left = indegree.get(e.target)! - 1;
      indegree.set(e.target, left);
      if (left === 0) ready.push(graph.steps.find((x) => x.id === e.target)!);
    }
  }
  return out;
}
