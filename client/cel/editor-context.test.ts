import { describe, expect, it } from 'vitest';
import { edge } from '../../shared/graph/fixtures.ts';
import { buildCelContext, type ContextStep } from './editor-context.ts';
import { celDiagnostics } from './diagnostics.ts';

// trigger → xf (transform) → cond; "side" hangs off the trigger on its own branch.
const steps: ContextStep[] = [
  { id: 'trigger', name: 'Trigger', kind: 'trigger', config: {} },
  { id: 'xf_1', name: 'Shape', kind: 'transform', config: { mapping: { total: 'event.data.amount * 2' } } },
  { id: 'cond_1', name: 'Big?', kind: 'condition', config: { expression: '' } },
  { id: 'side-old', name: 'Old side', kind: 'delay', config: { duration: '1m' } },
];
const edges = [edge('trigger', 'xf_1'), edge('xf_1', 'cond_1'), edge('trigger', 'side-old')];
const base = { stepId: 'cond_1', steps, edges, trigger: { type: 'event' as const, event: 'product/uploaded' }, workflowId: 'w1' };

describe('buildCelContext', () => {
  it('without a run: the sample payload, the event schema and the upstream steps declared outputs', () => {
    const ctx = buildCelContext({ ...base, lastRun: null });
    expect(ctx.source).toBe('sample payload');
    expect([...ctx.scope.upstream].sort()).toEqual(['trigger', 'xf_1']);
    expect(Object.keys(ctx.tree.event!.children!.data!.children!)).toEqual(expect.arrayContaining(['productIds', 'source', 'example']));
    // Nearest first.
    expect(Object.keys(ctx.tree.steps!.children!)).toEqual(['xf_1', 'trigger']);
    expect(Object.keys(ctx.tree.steps!.children!.xf_1!.children!)).toEqual(['total']);
  });

  it('with a run: its payload and outputs feed the preview and completion', () => {
    const ctx = buildCelContext({ ...base, lastRun: { id: 'r1', eventName: 'product/uploaded', payload: { source: 'csv', productIds: [] }, outputs: { xf_1: { total: 240, extra: 'x' }, 'side-old': { slept: '1m' } } } });
    expect(ctx.source).toBe('last run');
    expect(ctx.vars).toMatchObject({ event: { name: 'product/uploaded', data: { source: 'csv' } }, steps: { xf_1: { total: 240 } }, data: { total: 240, extra: 'x' }, run: { id: 'r1', workflowId: 'w1' } });
    // Not upstream: its output is not offered, and reading it is an error naming it.
    expect((ctx.vars.steps as Record<string, unknown>)['side-old']).toBeUndefined();
    expect(Object.keys(ctx.tree.steps!.children!.xf_1!.children!)).toEqual(['total', 'extra']);
    expect(celDiagnostics('steps["side-old"].slept == "1m"', ctx.scope)[0]!.message).toMatch(/"side-old" \(Old side\) does not run before this one/);
  });

  it('lets a trigger filter read no step', () => {
    const ctx = buildCelContext({ ...base, stepId: 'trigger', lastRun: null });
    expect(ctx.scope.upstream.size).toBe(0);
    expect(celDiagnostics('steps.xf_1.total > 1', ctx.scope)).toHaveLength(1);
  });
});

describe('celDiagnostics', () => {
  const scope = buildCelContext({ ...base, lastRun: null }).scope;

  it('places a syntax error, an unknown step and an unknown name', () => {
    expect(celDiagnostics('event.data.x >', scope)).toEqual([{ from: 14, to: 14, message: 'Syntax error: Unexpected token: EOF' }]);
    expect(celDiagnostics('steps.transform-31libs.score > 10', scope)[0]!.message).toMatch(/^Syntax error/);
    expect(celDiagnostics('steps.nosuch.x > 1', scope)).toEqual([{ from: 0, to: 12, message: 'No step has the id "nosuch"' }]);
    expect(celDiagnostics('evnt.data.x', scope)[0]!.message).toBe('Unknown variable: evnt');
  });

  it('is empty for a good expression', () => {
    expect(celDiagnostics('steps.xf_1.total > 10 && event.data.source == "csv"', scope)).toEqual([]);
    expect(celDiagnostics('', scope)).toEqual([]);
  });
});
