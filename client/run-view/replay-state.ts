/**
 * Replay: the run's status map as it was at a moment, rebuilt from its recorded transitions
 * (workflow_run_step_events, via metrics.runHistory). Time is an offset in ms from the run's first recorded
 * change, so two runs can be shown at the same point of their lives side by side. Pure; the replay store holds it.
 */
import type { LiveChange } from '../../shared/live/run-step-change.ts';
import type { RunStatus, RunStepStatus } from '../../shared/runs/status.ts';
import { applyChanges, EMPTY_LIVE, type Branch, type LiveState } from './run-state.ts';

export interface Transition {
  seq: number;
  stepId: string;
  status: string;
  reason: string | null;
  attempts: number;
  at: string;
}

export interface Timeline {
  start: number;
  /** Offset of each transition (ms), in time order. */
  offsets: number[];
  transitions: Transition[];
  duration: number;
}

export function timelineOf(transitions: readonly Transition[]): Timeline {
  // In time order (seq breaks ties), not seq order alone: concurrent steps' transactions take their sequence numbers
  // in commit order but their times at their start, so seq order can go back in time, and a moment would then leave
  // out a transition that had already happened. One step's own transitions are in both orders at once.
  const sorted = [...transitions].sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.seq - b.seq);
  const start = sorted.length ? Math.min(...sorted.map((t) => Date.parse(t.at))) : 0;
  const offsets = sorted.map((t) => Math.max(0, Date.parse(t.at) - start));
  return { start, offsets, transitions: sorted, duration: offsets.length ? Math.max(...offsets) : 0 };
}

/** How many transitions had happened by `offsetMs`. */
export function countAt(tl: Timeline, offsetMs: number): number {
  let n = 0;
  while (n < tl.offsets.length && tl.offsets[n]! <= offsetMs) n++;
  return n;
}

/**
 * The state after the first `count` transitions. Branches (which exit a condition or approval took) are only
 * known from the final outputs, so they show once that step has completed in the replay.
 */
export function replayState(tl: Timeline, count: number, finalBranches: Readonly<Record<string, Branch>>): LiveState {
  const runId = 'replay';
  // The history stores statuses as text; they are the vocabulary's (the ledger's triggers copy them from enums).
  const changes = tl.transitions.slice(0, count).map((t): LiveChange =>
    t.stepId === ''
      ? { runId, stepId: '', status: 'run', runStatus: t.status as RunStatus, seq: t.seq }
      : { runId, stepId: t.stepId, status: t.status as RunStepStatus, reason: t.reason, attempts: t.attempts, seq: t.seq },
  );
  const state = applyChanges(EMPTY_LIVE, runId, changes);
  const started: Record<string, number> = {};
  const durations: Record<string, number> = {};
  for (let i = 0; i < count; i++) {
    const t = tl.transitions[i]!;
    if (t.stepId === '') continue;
    if (t.status === 'running' && started[t.stepId] === undefined) started[t.stepId] = tl.offsets[i]!;
    if ((t.status === 'completed' || t.status === 'failed') && started[t.stepId] !== undefined) durations[t.stepId] = tl.offsets[i]! - started[t.stepId]!;
  }
  const branches: Record<string, Branch> = {};
  for (const [id, b] of Object.entries(finalBranches)) if (state.steps[id]?.status === 'completed') branches[id] = b;
  return { ...state, branches, durations, evaluated: {} };
}
