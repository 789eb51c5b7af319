/**
 * The live status map of one run: per step its status, reason, attempts and the change sequence it was last set
 * at, and the run's own status. Pure functions over plain objects; the store (run-store.ts) holds one of these.
 * Everything merges by change sequence, so an event that arrives late, twice, or after a fresher snapshot never
 * moves a step backwards. Run state lives here and never in the editable graph (STYLE).
 */
import type { LiveChange } from '../../shared/live/run-step-change.ts';
import type { Edge, Step } from '../../shared/graph/schema.ts';

export interface StepLive {
  status: string;
  reason: string | null;
  attempts: number;
  seq: number;
}

export type Branch = 'yes' | 'no';

export interface LiveState {
  run: { status: string; seq: number } | null;
  steps: Record<string, StepLive>;
  /** Which exit a finished condition or approval took (from its output, which only snapshots carry). */
  branches: Record<string, Branch>;
  /** What a finished condition evaluated (from its output). */
  evaluated: Record<string, { expression: string; value: unknown }>;
  /** How long each finished step took, in ms (from its times). */
  durations: Record<string, number>;
}

/** One change as runs.watch sends it (stepId '' is the run itself): the shared live contract. */
export type { LiveChange };

/** A step row as runs.get returns it. */
export interface StepRow {
  stepId: string;
  status: string;
  statusReason: string | null;
  attempts: number;
  changeSeq: number;
  output?: unknown;
  startedAt?: string | Date | null;
  finishedAt?: string | Date | null;
}

export const EMPTY_LIVE: LiveState = { run: null, steps: {}, branches: {}, evaluated: {}, durations: {} };

/** Applies changes of `runId` newer than what is known; returns the same object when nothing changed. */
export function applyChanges(state: LiveState, runId: string, changes: readonly LiveChange[]): LiveState {
  let steps = state.steps;
  let run = state.run;
  for (const c of changes) {
    if (c.runId !== runId) continue;
    if (c.stepId === '') {
      if (c.runStatus && (!run || c.seq > run.seq)) run = { status: c.runStatus, seq: c.seq };
      continue;
    }
    const prev = steps[c.stepId];
    if (prev && prev.seq >= c.seq) continue;
    if (steps === state.steps) steps = { ...steps };
    steps[c.stepId] = { status: c.status, reason: c.reason ?? null, attempts: c.attempts ?? prev?.attempts ?? 0, seq: c.seq };
  }
  return steps === state.steps && run === state.run ? state : { ...state, steps, run };
}

/** Merges a fetched snapshot (runs.get): rows fresher than the live map win, and branches come from outputs. */
export function applySnapshot(state: LiveState, run: { status: string; changeSeq: number }, rows: readonly StepRow[]): LiveState {
  const steps = { ...state.steps };
  const branches: Record<string, Branch> = { ...state.branches };
  const evaluated = { ...state.evaluated };
  const durations = { ...state.durations };
  for (const r of rows) {
    const prev = steps[r.stepId];
    if (!prev || r.changeSeq > prev.seq) steps[r.stepId] = { status: r.status, reason: r.statusReason, attempts: r.attempts, seq: r.changeSeq };
    const b = branchOf(r.output);
    if (b) branches[r.stepId] = b;
    const o = r.output as { expression?: unknown; value?: unknown } | null;
    if (o && typeof o === 'object' && typeof o.expression === 'string' && 'value' in o) evaluated[r.stepId] = { expression: o.expression, value: o.value };
    if (r.startedAt && r.finishedAt) durations[r.stepId] = Math.max(0, new Date(r.finishedAt).getTime() - new Date(r.startedAt).getTime());
  }
  const fresherRun = !state.run || run.changeSeq > state.run.seq ? { status: run.status, seq: run.changeSeq } : state.run;
  return { run: fresherRun, steps, branches, evaluated, durations };
}

/** The exit a condition (`branch`) or an approval (`decision`) took, from its recorded output. */
export function branchOf(output: unknown): Branch | undefined {
  if (!output || typeof output !== 'object') return undefined;
  const o = output as Record<string, unknown>;
  if (o.branch === 'yes' || o.branch === 'no') return o.branch;
  if (o.decision === 'approved') return 'yes';
  if (o.decision === 'rejected') return 'no';
  return undefined;
}

export type EdgeState = 'taken' | 'not-taken' | 'pending';

/**
 * Whether the run went along an edge: taken once its source completed (and, leaving a condition or approval, the
 * exit it took is this edge's label); not taken when the source took the other exit, was skipped or failed.
 */
export function edgeState(edge: Pick<Edge, 'label'>, source: StepLive | undefined, branch: Branch | undefined): EdgeState {
  if (!source) return 'pending';
  if (source.status === 'skipped' || source.status === 'failed') return 'not-taken';
  if (source.status !== 'completed') return 'pending';
  if (edge.label === null) return 'taken';
  if (!branch) return 'pending';
  return branch === edge.label ? 'taken' : 'not-taken';
}

/** Steps in the order they ran (for the timeline): started ones by start time, then the rest in graph order. */
export function timelineOrder<T extends { stepId: string; startedAt: string | Date | null }>(rows: readonly T[], steps: readonly Step[]): T[] {
  const index = new Map(steps.map((s, i) => [s.id, i]));
  return [...rows].sort((a, b) => {
    const ta = a.startedAt ? new Date(a.startedAt).getTime() : Infinity;
    const tb = b.startedAt ? new Date(b.startedAt).getTime() : Infinity;
    if (ta !== tb) return ta - tb;
    return (index.get(a.stepId) ?? 0) - (index.get(b.stepId) ?? 0);
  });
}
