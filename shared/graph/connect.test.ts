import { describe, expect, it } from 'vitest';
import { checkConnection, connect, edgeLabelFor, reaches, reconnect } from './connect.ts';
import { cond, delay, edge, gate, graph, trig } from './fixtures.ts';
import { validateDag } from './validate.ts';

// t → c (condition) —yes→ a, —no→ b; a → d
const g = graph([trig(), cond('c'), delay('a'), delay('b'), delay('d'), gate('h')], [edge('t', 'c'), edge('c', 'a', 'yes'), edge('c', 'b', 'no'), edge('a', 'd')]);

describe('checkConnection', () => {
  it('accepts an ordinary forward connection', () => {
    expect(checkConnection(g, { source: 'b', target: 'd' })).toBeNull();
    expect(checkConnection(g, { source: 'h', target: 'd', sourceHandle: 'no' })).toBeNull();
  });

  it('refuses a step connecting to itself', () => {
    expect(checkConnection(g, { source: 'a', target: 'a' })?.code).toBe('SELF_LOOP');
  });

  it('refuses anything leading into the trigger', () => {
    const r = checkConnection(g, { source: 'd', target: 't' });
    expect(r?.code).toBe('INTO_TRIGGER');
    expect(r?.message).toMatch(/trigger/);
  });

  it('refuses a second edge between the same two steps, whatever its label', () => {
    expect(checkConnection(g, { source: 't', target: 'c' })?.code).toBe('DUPLICATE_EDGE');
    // validateDag keys duplicates on source→target, so a yes and a no edge to the same step are one too many.
    expect(checkConnection(g, { source: 'c', target: 'a', sourceHandle: 'no' })?.code).toBe('DUPLICATE_EDGE');
  });

  it('refuses a connection that closes a cycle, naming both steps', () => {
    const r = checkConnection(g, { source: 'd', target: 'c' });
    expect(r?.code).toBe('CYCLE');
    expect(r?.message).toContain('"c"');
    expect(r?.message).toContain('"d"');
  });

  it('refuses an unlabelled edge out of a condition or approval', () => {
    expect(checkConnection(g, { source: 'c', target: 'd' })?.code).toBe('NEEDS_BRANCH');
    expect(checkConnection(g, { source: 'h', target: 'd', sourceHandle: 'maybe' })?.code).toBe('NEEDS_BRANCH');
  });

  it('refuses steps that do not exist', () => {
    expect(checkConnection(g, { source: 'nope', target: 'a' })?.code).toBe('MISSING_STEP');
  });

  it('ignores the edge being reconnected', () => {
    // Moving t→c's target back onto c is not a duplicate of itself.
    expect(checkConnection(g, { source: 't', target: 'c' }, { ignoreEdgeId: 'e-t-c' })).toBeNull();
  });
});

describe('connect', () => {
  it('adds an edge labelled by the branch handle', () => {
    const r = connect(g, { source: 'h', target: 'd', sourceHandle: 'yes' }, 'new');
    if (!('graph' in r)) throw new Error('refused');
    expect(r.edge).toEqual({ id: 'new', source: 'h', target: 'd', label: 'yes' });
    expect(r.graph.edges).toHaveLength(g.edges.length + 1);
  });

  it('gives edges from ordinary steps no label, even if a handle name slips through', () => {
    const r = connect(g, { source: 'b', target: 'd', sourceHandle: 'yes' }, 'new');
    expect('graph' in r && r.edge.label).toBeNull();
  });

  it('never produces an edge validateDag would call a cycle, self-loop or duplicate', () => {
    const ids = g.steps.map((s) => s.id);
    let current = g;
    let n = 0;
    for (const source of ids) {
      for (const target of ids) {
        for (const sourceHandle of [null, 'yes', 'no']) {
          const r = connect(current, { source, target, sourceHandle }, `x${n++}`);
          if ('graph' in r) current = r.graph;
        }
      }
    }
    const codes = new Set(validateDag(current).map((i) => i.code));
    for (const bad of ['CYCLE', 'SELF_LOOP', 'DUPLICATE_EDGE', 'TRIGGER_HAS_INPUT', 'CONDITION_BRANCHES', 'UNEXPECTED_LABEL']) {
      expect(codes.has(bad as never)).toBe(false);
    }
  });
});

describe('reconnect', () => {
  it('moves an edge and relabels it from the new handle', () => {
    const r = reconnect(g, 'e-c-b', { source: 'c', target: 'd', sourceHandle: 'no' });
    if (!('graph' in r)) throw new Error('refused');
    expect(r.graph.edges.find((e) => e.id === 'e-c-b')).toEqual({ id: 'e-c-b', source: 'c', target: 'd', label: 'no' });
  });

  it('refuses to move an edge into a cycle', () => {
    const r = reconnect(g, 'e-t-c', { source: 'd', target: 'c' });
    expect('refusal' in r && r.refusal.code).toBe('CYCLE');
  });
});

describe('helpers', () => {
  it('edgeLabelFor', () => {
    expect(edgeLabelFor({ type: 'action' }, 'yes')).toBeNull();
    expect(edgeLabelFor({ type: 'condition' }, 'no')).toBe('no');
    expect(edgeLabelFor({ type: 'human_gate' }, null)).toBeUndefined();
  });

  it('reaches', () => {
    expect(reaches(g.edges, 't', 'd')).toBe(true);
    expect(reaches(g.edges, 'd', 't')).toBe(false);
    expect(reaches(g.edges, 'b', 'd')).toBe(false);
  });
});
