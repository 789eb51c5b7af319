import { describe, expect, it } from 'vitest';
import { cond, delay, edge, gate, graph, step, trig } from './fixtures.ts';
import { MAX_STEPS, structuralIssues, validateDag } from './validate.ts';

const codes = (g: Parameters<typeof validateDag>[0]) => validateDag(g).map((i) => i.code).sort();

describe('validateDag', () => {
  it('accepts a linear graph', () => {
    expect(validateDag(graph([trig(), delay('a'), delay('b')], [edge('t', 'a'), edge('a', 'b')]))).toEqual([]);
  });

  it('accepts a diamond with a condition and a join', () => {
    const g = graph(
      [trig(), cond('c'), delay('y'), delay('n'), delay('j')],
      [edge('t', 'c'), edge('c', 'y', 'yes'), edge('c', 'n', 'no'), edge('y', 'j'), edge('n', 'j')],
    );
    expect(validateDag(g)).toEqual([]);
  });

  it('reports a cycle on the steps that form it only', () => {
    const g = graph([trig(), delay('a'), delay('b'), delay('c')], [edge('t', 'a'), edge('a', 'b'), edge('b', 'a'), edge('b', 'c')]);
    const cycle = validateDag(g).filter((i) => i.code === 'CYCLE');
    expect(cycle.map((i) => i.stepId).sort()).toEqual(['a', 'b']);
  });

  it('reports a self loop', () => {
    expect(codes(graph([trig(), delay('a')], [edge('t', 'a'), edge('a', 'a')]))).toContain('SELF_LOOP');
  });

  it('reports dangling edges and duplicate ids as structural', () => {
    const g = graph([trig(), delay('a'), delay('a')], [edge('t', 'a'), edge('a', 'zz')]);
    const issues = validateDag(g);
    expect(structuralIssues(issues).map((i) => i.code).sort()).toEqual(['DANGLING_EDGE', 'DUPLICATE_ID']);
  });

  it('treats an edge id equal to a step id as a duplicate', () => {
    expect(codes(graph([trig(), delay('a')], [edge('t', 'a', null, 'a')]))).toContain('DUPLICATE_ID');
  });

  it('requires exactly one trigger', () => {
    expect(codes(graph([delay('a')], []))).toEqual(['TRIGGER_COUNT']);
    const two = validateDag(graph([trig('t1'), trig('t2')], []));
    expect(two).toEqual([expect.objectContaining({ code: 'TRIGGER_COUNT', stepId: 't2' })]);
  });

  it('refuses edges into the trigger', () => {
    expect(codes(graph([trig(), delay('a')], [edge('t', 'a'), edge('a', 't')]))).toContain('TRIGGER_HAS_INPUT');
  });

  it('requires a condition to have both branches, labelled', () => {
    const g = graph([trig(), cond('c'), delay('y')], [edge('t', 'c'), edge('c', 'y', 'yes')]);
    expect(validateDag(g)).toEqual([expect.objectContaining({ code: 'CONDITION_BRANCHES', stepId: 'c', message: expect.stringContaining('no') })]);
    const unlabelled = graph([trig(), cond('c'), delay('y'), delay('n')], [edge('t', 'c'), edge('c', 'y'), edge('c', 'n', 'no')]);
    expect(codes(unlabelled)).toContain('CONDITION_BRANCHES');
  });

  it('lets a gate leave its rejected side open but not unlabelled', () => {
    expect(validateDag(graph([trig(), gate('g'), delay('a')], [edge('t', 'g'), edge('g', 'a', 'yes')]))).toEqual([]);
    expect(codes(graph([trig(), gate('g'), delay('a')], [edge('t', 'g'), edge('g', 'a')]))).toEqual(['CONDITION_BRANCHES']);
  });

  it('refuses labels on plain edges', () => {
    expect(codes(graph([trig(), delay('a')], [edge('t', 'a', 'yes')]))).toEqual(['UNEXPECTED_LABEL']);
  });

  it('refuses duplicate edges', () => {
    expect(codes(graph([trig(), delay('a')], [edge('t', 'a'), edge('t', 'a', null, 'other')]))).toEqual(['DUPLICATE_EDGE']);
  });

  it('reports unreachable steps', () => {
    expect(validateDag(graph([trig(), delay('a'), delay('b')], [edge('t', 'a')]))).toEqual([
      expect.objectContaining({ code: 'UNREACHABLE', stepId: 'b' }),
    ]);
  });

  it('reports missing and invalid config per field', () => {
    const g = graph([trig(), step('c', 'condition', 'condition', { expression: 'a ==' }), delay('y'), delay('n')], [
      edge('t', 'c'), edge('c', 'y', 'yes'), edge('c', 'n', 'no'),
    ]);
    expect(validateDag(g)).toEqual([expect.objectContaining({ code: 'INVALID_CONFIG', stepId: 'c', field: 'expression', message: expect.stringContaining('CEL syntax error') })]);
    const noUrl = graph([trig(), step('h', 'http_request', 'action', { method: 'GET' })], [edge('t', 'h')]);
    expect(validateDag(noUrl)).toEqual([expect.objectContaining({ code: 'INVALID_CONFIG', field: 'url' })]);
  });

  it('reports unknown kinds and kind/type mismatches', () => {
    expect(codes(graph([trig(), step('x', 'teleport', 'action')], [edge('t', 'x')]))).toEqual(['UNKNOWN_KIND']);
    expect(codes(graph([trig(), step('x', 'delay', 'condition', { duration: '1s' })], [edge('t', 'x')]))).toContain('KIND_TYPE_MISMATCH');
  });

  it('caps the number of steps', () => {
    const steps = [trig(), ...Array.from({ length: MAX_STEPS }, (_, i) => delay(`s${i}`))];
    const edges = steps.slice(1).map((s, i) => edge(steps[i]!.id, s.id));
    expect(codes(graph(steps, edges))).toEqual(['TOO_MANY_STEPS']);
    expect(validateDag(graph(steps.slice(0, MAX_STEPS), edges.slice(0, MAX_STEPS - 1)))).toEqual([]);
  });

  it('refuses a reference to an unknown step or one that does not run before, naming it (BAD_REFERENCE)', () => {
    // t → c; c yes→ a, c no→ b: b cannot read a (a sibling), c cannot read a (downstream), nobody can read "nosuch".
    const xf = (id: string, expression: string) => step(id, 'transform', 'action', { mapping: { v: expression } });
    const g = graph(
      [trig(), cond('c', 'steps.a.ok == true'), delay('a'), xf('b', 'steps.nosuch.score > 10 || steps.a.x == 1 || steps.t != null')],
      [edge('t', 'c'), edge('c', 'a', 'yes'), edge('c', 'b', 'no')],
    );
    const refs = validateDag(g).filter((i) => i.code === 'BAD_REFERENCE');
    expect(refs.map((i) => [i.stepId, i.field])).toEqual([
      ['c', 'expression'],
      ['b', 'mapping.v'],
      ['b', 'mapping.v'],
    ]);
    expect(refs[0]!.message).toBe('c: expression: Step "a" (a) does not run before this one, so steps.a is never set here');
    expect(refs[1]!.message).toBe('b: mapping.v: No step has the id "nosuch"');
  });

  it('accepts references to upstream steps, in either id form, and reports unknown names (CEL_TYPE_ERROR)', () => {
    const g = graph(
      [trig(), step('old-id', 'delay', 'action', { duration: '1s' }), cond('c', 'steps["old-id"].slept == "1s" && steps.t == null')],
      [edge('t', 'old-id'), edge('old-id', 'c'), edge('c', 'old-id', 'yes')].slice(0, 2),
    );
    expect(validateDag(g).filter((i) => i.code === 'BAD_REFERENCE' || i.code === 'CEL_TYPE_ERROR')).toEqual([]);
    const typo = graph([trig(), cond('c', 'evnt.data.x > 1')], [edge('t', 'c')]);
    expect(validateDag(typo).find((i) => i.code === 'CEL_TYPE_ERROR')?.message).toBe('c: expression: Unknown variable: evnt');
  });
});
