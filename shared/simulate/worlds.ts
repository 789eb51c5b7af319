/**
 * A run's possible worlds. A question the run cannot answer (a condition reading an unknown output, a gate with no
 * recorded decision, an unknown `when`) has two answers; the run is walked once per combination of answers, and what
 * all the worlds agree on is certain, the rest uncertain.
 */
import type { Graph } from '../graph/schema.ts';
import type { ApprovalNeed, RunOutcome, SimulationRun } from './schema.ts';
import { walkOnce, type Choice, type State } from './walk.ts';

/** More possible worlds than this and the walk gives up telling them apart: each unknown stays uncertain as it spreads. */
export const MAX_WORLDS = 64;

/**
 * A run through the graph, every world walked: so a step where both sides of an unknown branch meet again runs for
 * certain, though which side led to it is unknown. Past MAX_WORLDS, one walk that lets every unknown spread stands in.
 */
export function walkRun(graph: Graph, run: SimulationRun, workflowId: string): RunOutcome {
  const worlds: RunOutcome[] = [];
  const pending: Choice[][] = [[]];
  while (pending.length) {
    const choices = pending.pop()!;
    const world = walkWorld(graph, run, workflowId, choices);
    if (world !== NEED_CHOICE) {
      worlds.push(world);
      continue;
    }
    if (worlds.length + pending.length + 2 > MAX_WORLDS) return walkWorld(graph, run, workflowId, null) as RunOutcome;
    pending.push([...choices, 'no'], [...choices, 'yes']);
  }
  return mergeWorlds(worlds);
}

const NEED_CHOICE: unique symbol = Symbol('need a choice');

/** One world: `choices` answer its questions in the order met; null answers none (each stays unknown). */
function walkWorld(graph: Graph, run: SimulationRun, workflowId: string, choices: Choice[] | null): RunOutcome | typeof NEED_CHOICE {
  let asked = 0;
  const choose = (): Choice | 'unknown' => {
    if (!choices) return 'unknown';
    if (asked < choices.length) return choices[asked++]!;
    throw NEED_CHOICE;
  };
  try {
    return walkOnce(graph, run, workflowId, choose);
  } catch (err) {
    if (err === NEED_CHOICE) return NEED_CHOICE;
    throw err;
  }
}

/** What every world agrees on stands; where they differ it is uncertain. An approval is required only if it is in all. */
function mergeWorlds(worlds: RunOutcome[]): RunOutcome {
  const [first, ...rest] = worlds;
  if (!rest.length) return first!;
  const agree = <T extends string>(pick: (w: RunOutcome) => Record<string, T>, ifNot: T): Record<string, T> => {
    const out: Record<string, T> = {};
    for (const id of Object.keys(pick(first!))) out[id] = rest.every((w) => pick(w)[id] === pick(first!)[id]) ? pick(first!)[id]! : ifNot;
    return out;
  };
  const approvals: Record<string, ApprovalNeed> = {};
  for (const w of worlds) for (const id of Object.keys(w.approvals)) approvals[id] = worlds.every((x) => x.approvals[id] === 'required') ? 'required' : 'maybe';
  const sameFailure = worlds.every((w) => w.failure && w.failure.stepId === first!.failure?.stepId);
  return {
    runId: first!.runId,
    label: first!.label,
    status: worlds.every((w) => w.status === first!.status) ? first!.status : 'uncertain',
    steps: agree((w) => w.steps, 'uncertain'),
    edges: agree((w) => w.edges, 'uncertain'),
    approvals,
    unknown: [...new Set(worlds.flatMap((w) => w.unknown))],
    failure: sameFailure ? first!.failure : null,
  };
}

