/** The bench's generated workflows, shared by the editor page and the bare React Flow page (so both draw the same graph). */
import { tidyGraph } from '../shared/graph/layout.ts';
import type { Edge, Graph, Step } from '../shared/graph/schema.ts';

/**
 * A realistic wide DAG of `n` steps: the trigger fans out to parallel lanes; each lane is a chain of actions with a
 * condition every few steps whose yes/no branches rejoin. Laid out by the editor's own tidy-up.
 */
export function generateGraph(n: number): Graph {
  const steps: Step[] = [{ id: 'trigger', type: 'trigger', kind: 'trigger', name: 'Trigger', config: {}, position: { x: 0, y: 0 } }];
  const edges: Edge[] = [];
  const lanes = Math.max(1, Math.round(n / 50));
  const perLane = Math.floor((n - 1) / lanes);
  let e = 0;
  const link = (source: string, target: string, label: Edge['label'] = null) => edges.push({ id: `e${e++}`, source, target, label });
  const action = (id: string, i: number): Step => {
    const pick = i % 4;
    if (pick === 0) return { id, type: 'action', kind: 'http_request', name: `Call API ${id}`, config: { method: 'POST', url: `https://api.example.com/items/${i}`, headers: {}, timeoutMs: 5000 }, position: { x: 0, y: 0 } };
    if (pick === 1) return { id, type: 'action', kind: 'delay', name: `Wait ${id}`, config: { duration: `${(i % 9) + 1}m` }, position: { x: 0, y: 0 } };
    if (pick === 2) return { id, type: 'action', kind: 'transform', name: `Shape ${id}`, config: { mapping: { step: String(i) } }, position: { x: 0, y: 0 } };
    return { id, type: 'action', kind: 'emit_event', name: `Announce ${id}`, config: { event: `bench/step.${i}`, data: {} }, position: { x: 0, y: 0 } };
  };
  for (let lane = 0; lane < lanes; lane++) {
    const budget = lane === lanes - 1 ? n - steps.length : perLane;
    let prev = 'trigger';
    let used = 0;
    for (let i = 0; used < budget; i++) {
      const id = `l${lane}s${i}`;
      if (i % 6 === 5 && budget - used >= 4) {
        steps.push({ id, type: 'condition', kind: 'condition', name: `Check ${id}`, config: { expression: `event.data.amount > ${i * 10}` }, position: { x: 0, y: 0 } });
        const yes = action(`${id}y`, i + 1);
        const no = action(`${id}n`, i + 2);
        const join = action(`${id}j`, i + 3);
        steps.push(yes, no, join);
        link(prev, id);
        link(id, yes.id, 'yes');
        link(id, no.id, 'no');
        link(yes.id, join.id);
        link(no.id, join.id);
        prev = join.id;
        used += 4;
      } else {
        steps.push(action(id, i));
        link(prev, id);
        prev = id;
        used += 1;
      }
    }
  }
  if (steps.length !== n) throw new Error(`generated ${steps.length} steps, wanted ${n}`);
  return tidyGraph({ steps, edges });
}
