/** Small graph builders for tests and the seed; pure, no I/O. */
import type { Edge, EdgeLabel, Graph, Step, StepType } from './schema.ts';

export function step(id: string, kind: string, type: StepType, config: Record<string, unknown> = {}, name = id): Step {
  return { id, kind, type, name, config, position: { x: 0, y: 0 } };
}

export function edge(source: string, target: string, label: EdgeLabel | null = null, id = `e-${source}-${target}`): Edge {
  return { id, source, target, label };
}

export function graph(steps: Step[], edges: Edge[]): Graph {
  return { steps, edges };
}

export const trig = (id = 't') => step(id, 'trigger', 'trigger');
export const delay = (id: string) => step(id, 'delay', 'action', { duration: '1s' });
export const cond = (id: string, expression = 'event.data.ok == true') => step(id, 'condition', 'condition', { expression });
export const gate = (id: string) => step(id, 'human_gate', 'human_gate', { instructions: 'check it', timeout: '1d', onTimeout: 'fail', noSelfApproval: false });
