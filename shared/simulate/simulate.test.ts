import { describe, expect, it } from 'vitest';
import { cond, edge, gate, graph, step, trig } from '../graph/fixtures.ts';
import type { Graph } from '../graph/schema.ts';
import type { RecordedStep, SimulationRun } from './schema.ts';
import { recordedEdges, simulate } from './simulate.ts';
import { walkRun } from './worlds.ts';

const WF = '00000000-0000-4000-8000-000000000001';
const run = (id: string, payload: Record<string, unknown>, recorded: Record<string, RecordedStep> = {}): SimulationRun => ({ id, label: id, eventName: 'test/event', payload, recorded });
const http = (id: string, url = 'https://example.com/x') => step(id, 'http_request', 'action', { method: 'GET', url, headers: {}, timeoutMs: 5000 });
const rec = (s: { kind: string; config: Record<string, unknown> }, output: unknown, status: RecordedStep['status'] = 'completed'): RecordedStep => ({ status, output, kind: s.kind, config: s.config });

// t → c (amount > 100) → yes: g (gate) → approved: send ; no: done
const amountGraph = (expression = 'event.data.amount > 100'): Graph =>
  graph(
    [trig(), cond('c', expression), gate('g'), step('send', 'emit_event', 'action', { event: 'x/y', data: {} }), step('done', 'delay', 'action', { duration: '1s' })],
    [edge('t', 'c'), edge('c', 'g', 'yes'), edge('c', 'done', 'no'), edge('g', 'send', 'yes')],
  );

describe('what-if walk', () => {
  it('computes conditions with CEL over each payload and counts the edges taken', () => {
    const g = amountGraph();
    const runs = [50, 150, 300, 20].map((amount, i) => run(`r${i}`, { amount }, { g: rec(g.steps[2]!, { decision: i === 2 ? 'rejected' : 'approved' }), send: rec(g.steps[3]!, { eventId: 'e' }) }));
    const r = simulate(g, runs, { workflowId: WF });
    expect(r.total).toBe(4);
    expect(r.edges).toEqual({
      'e-t-c': { taken: 4, uncertain: 0 },
      'e-c-g': { taken: 2, uncertain: 0 },
      'e-c-done': { taken: 2, uncertain: 0 },
      'e-g-send': { taken: 1, uncertain: 0 }, // r2 was rejected
    });
    expect(r.approvals).toEqual({ g: { required: 2, maybe: 0 } });
    expect(r.runs[1]).toMatchObject({ status: 'completed', steps: { t: 'ran', c: 'ran', g: 'ran', send: 'ran', done: 'skipped' }, unknown: [] });
    expect(r.comparison).toBeNull();
  });

  it('a gate with no recorded decision leaves what follows it uncertain, and a sample payload has nothing recorded', () => {
    const g = amountGraph();
    const out = walkRun(g, run('sample-1', { amount: 500 }), WF);
    expect(out.steps).toEqual({ t: 'ran', c: 'ran', g: 'ran', send: 'uncertain', done: 'skipped' });
    expect(out.edges['e-g-send']).toBe('uncertain');
    expect(out.approvals).toEqual({ g: 'required' });
    // Approved or rejected, the run completes: only its path is uncertain.
    expect(out.status).toBe('completed');
  });

  it('a step where both sides of an unknown branch meet again runs for certain', () => {
    const g = graph(
      [trig(), gate('g'), step('a', 'delay', 'action', { duration: '1s' }), step('b', 'delay', 'action', { duration: '1s' }), step('j', 'delay', 'action', { duration: '1s' })],
      [edge('t', 'g'), edge('g', 'a', 'yes'), edge('g', 'b', 'no'), edge('a', 'j'), edge('b', 'j')],
    );
    const out = walkRun(g, run('sample', {}), WF);
    expect(out.steps).toEqual({ t: 'ran', g: 'ran', a: 'uncertain', b: 'uncertain', j: 'ran' });
    expect(out.edges).toEqual({ 'e-t-g': 'taken', 'e-g-a': 'uncertain', 'e-g-b': 'uncertain', 'e-a-j': 'uncertain', 'e-b-j': 'uncertain' });
  });

  it('past MAX_WORLDS unknown branches, every unknown spreads as uncertain', () => {
    // Seven gates in a row with no decisions: 128 worlds, more than MAX_WORLDS (64).
    const gates = Array.from({ length: 7 }, (_, i) => gate(`g${i}`));
    const g = graph([trig(), ...gates, step('end', 'delay', 'action', { duration: '1s' })], [
      edge('t', 'g0'),
      ...gates.slice(1).map((s, i) => edge(`g${i}`, s.id, 'yes')),
      ...gates.slice(1).map((s, i) => edge(`g${i}`, s.id, 'no', `e-g${i}-${s.id}-no`)),
      edge('g6', 'end', 'yes'),
    ]);
    const out = walkRun(g, run('sample', {}), WF);
    expect(out.steps.g1).toBe('uncertain');
    expect(out.steps.end).toBe('uncertain');
    expect(out.approvals.g0).toBe('required');
  });

  it('answers a side effect with its recorded output only when the step is the same; else unknown, and what reads it is uncertain', () => {
    const h = http('h');
    const g = graph([trig(), h, cond('c', 'steps.h.status == 200'), step('y', 'delay', 'action', { duration: '1s' }), step('n', 'delay', 'action', { duration: '1s' })],
      [edge('t', 'h'), edge('h', 'c'), edge('c', 'y', 'yes'), edge('c', 'n', 'no')]);
    const recorded = { h: rec(h, { status: 500 }) };
    expect(walkRun(g, run('r', {}, recorded), WF)).toMatchObject({ steps: { h: 'ran', c: 'ran', y: 'skipped', n: 'ran' }, unknown: [] });

    const changed: Graph = { ...g, steps: g.steps.map((s) => (s.id === 'h' ? http('h', 'https://example.com/other') : s)) };
    const out = walkRun(changed, run('r', {}, recorded), WF);
    expect(out.steps).toEqual({ t: 'ran', h: 'ran', c: 'ran', y: 'uncertain', n: 'uncertain' });
    expect(out.edges).toMatchObject({ 'e-c-y': 'uncertain', 'e-c-n': 'uncertain', 'e-h-c': 'taken' });
    expect(out.unknown).toEqual(['h']);
    // A condition that does not read the unknown output is still certain.
    const independent: Graph = { ...changed, steps: changed.steps.map((s) => (s.id === 'c' ? cond('c', 'event.data.ok == true') : s)) };
    expect(walkRun(independent, run('r', { ok: true }, recorded), WF).steps).toMatchObject({ y: 'ran', n: 'skipped' });
  });

  it('transforms write run data with CEL, and a condition reads it', () => {
    const g = graph([trig(), step('x', 'transform', 'action', { mapping: { big: 'event.data.n * 2 > 10' } }), cond('c', 'data.big'), step('y', 'delay', 'action', { duration: '1s' })],
      [edge('t', 'x'), edge('x', 'c'), edge('c', 'y', 'yes')]);
    expect(walkRun(g, run('a', { n: 6 }), WF).steps.y).toBe('ran');
    expect(walkRun(g, run('b', { n: 5 }), WF).steps.y).toBe('skipped');
  });

  it('unknown run data makes what reads `data` uncertain, not what reads `event.data`', () => {
    const h = http('h');
    // x may or may not run (it waits on c, which reads the unknown response), so the run's data is unknown after it.
    const g = graph(
      [trig(), h, cond('c', 'steps.h.ok == true'), step('x', 'transform', 'action', { mapping: { v: '1' } }), step('j', 'delay', 'action', { duration: '1s' }), cond('byData', 'has(data.v)'), cond('byEvent', 'event.data.n > 1'), step('a', 'delay', 'action', { duration: '1s' }), step('b', 'delay', 'action', { duration: '1s' })],
      [edge('t', 'h'), edge('h', 'c'), edge('c', 'x', 'yes'), edge('c', 'j', 'no'), edge('x', 'j'), edge('j', 'byData'), edge('j', 'byEvent'), edge('byData', 'a', 'yes'), edge('byEvent', 'b', 'yes')],
    );
    const out = walkRun(g, run('r', { n: 2 }), WF);
    expect(out.steps).toMatchObject({ x: 'uncertain', j: 'ran', byData: 'ran', byEvent: 'ran', a: 'uncertain', b: 'ran' });
  });

  it('a gate whose `when` is false needs no approval and goes on as approved; an unknown `when` makes it a maybe', () => {
    const when = (expr: string) => ({ ...gate('g'), config: { ...gate('g').config, when: expr } });
    const g = graph([trig(), http('h'), when('event.data.amount > 1000'), step('y', 'delay', 'action', { duration: '1s' })], [edge('t', 'h'), edge('h', 'g'), edge('g', 'y', 'yes')]);
    const small = walkRun(g, run('r', { amount: 10 }), WF);
    expect(small).toMatchObject({ approvals: {}, steps: { g: 'ran', y: 'ran' }, edges: { 'e-g-y': 'taken' } });
    expect(walkRun(g, run('r', { amount: 5000 }), WF).approvals).toEqual({ g: 'required' });
    const byOutput: Graph = { ...g, steps: g.steps.map((s) => (s.id === 'g' ? when('steps.h.status == 200') : s)) };
    expect(walkRun(byOutput, run('r', {}), WF)).toMatchObject({ approvals: { g: 'maybe' }, steps: { y: 'uncertain' } });
  });

  it('a step that failed in the run fails it again, and an expression error fails the run; what follows is skipped', () => {
    const h = http('h');
    const g = graph([trig(), h, step('after', 'delay', 'action', { duration: '1s' })], [edge('t', 'h'), edge('h', 'after')]);
    expect(walkRun(g, run('r', {}, { h: rec(h, null, 'failed') }), WF)).toMatchObject({ status: 'failed', failure: { stepId: 'h' }, steps: { h: 'failed', after: 'skipped' } });
    const bad = graph([trig(), cond('c', 'event.data.missing.deep == 1'), step('y', 'delay', 'action', { duration: '1s' })], [edge('t', 'c'), edge('c', 'y', 'yes')]);
    const out = walkRun(bad, run('r', {}), WF);
    expect(out.status).toBe('failed');
    expect(out.failure?.message).toMatch(/could not evaluate/);
    expect(out.steps.y).toBe('skipped');
  });

  it('after a failure, what waits on the failed step is skipped and a parallel branch is uncertain', () => {
    const h = http('h');
    const g = graph([trig(), h, step('after', 'delay', 'action', { duration: '1s' }), step('side', 'delay', 'action', { duration: '1s' }), step('join', 'delay', 'action', { duration: '1s' })],
      [edge('t', 'h'), edge('h', 'after'), edge('t', 'side'), edge('side', 'join'), edge('after', 'join')]);
    const out = walkRun(g, run('r', {}, { h: rec(h, null, 'failed') }), WF);
    expect(out.steps).toEqual({ t: 'ran', h: 'failed', after: 'skipped', side: 'uncertain', join: 'skipped' });
    expect(out.edges['e-t-side']).toBe('taken');
  });
});

describe('what-if against the published version', () => {
  it('lists the runs whose path changes and the approvals the draft now asks for', () => {
    const published = amountGraph('event.data.amount > 100');
    const draft = amountGraph('event.data.amount > 40');
    const runs = [50, 150, 20].map((amount, i) => run(`r${i}`, { amount }, { g: rec(published.steps[2]!, { decision: 'approved' }) }));
    const r = simulate(draft, runs, { workflowId: WF, published });
    expect(r.edges['e-c-g']).toEqual({ taken: 2, uncertain: 0 });
    expect(r.comparison!.publishedEdges['e-c-g']).toEqual({ taken: 1, uncertain: 0 });
    expect(r.comparison!.changed).toEqual([{ runId: 'r0', label: 'r0', added: ['g', 'send'], removed: ['done'], newApprovals: ['g'] }]);
  });

  it('an unchanged graph changes no run', () => {
    const g = amountGraph();
    expect(simulate(g, [run('r', { amount: 300 })], { workflowId: WF, published: g }).comparison!.changed).toEqual([]);
  });
});

describe('recordedEdges', () => {
  it('reads the edges the engine took from its recorded steps, as the walk would take them', () => {
    const g = amountGraph();
    const recorded: Record<string, RecordedStep> = {
      t: rec(g.steps[0]!, { amount: 150 }),
      c: rec(g.steps[1]!, { expression: 'x', value: true, branch: 'yes' }),
      g: rec(g.steps[2]!, { decision: 'rejected' }),
      send: rec(g.steps[3]!, null, 'skipped'),
      done: rec(g.steps[4]!, null, 'skipped'),
    };
    expect([...recordedEdges(g, recorded)].sort()).toEqual(['e-c-g', 'e-t-c']);
    const walked = walkRun(g, run('r', { amount: 150 }, recorded), WF);
    expect(Object.entries(walked.edges).filter(([, f]) => f === 'taken').map(([id]) => id).sort()).toEqual(['e-c-g', 'e-t-c']);
  });
});
