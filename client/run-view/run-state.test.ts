import { describe, expect, it } from 'vitest';
import { applyChanges, applySnapshot, branchOf, edgeState, EMPTY_LIVE, type LiveChange } from './run-state.ts';

const ch = (stepId: string, status: LiveChange['status'], seq: number, extra: Partial<LiveChange> = {}): LiveChange => ({ runId: 'r', stepId, status, seq, ...extra });

describe('the live status map', () => {
  it('applies newer changes per step and ignores older, repeated and other runs’ ones', () => {
    let s = applyChanges(EMPTY_LIVE, 'r', [ch('a', 'running', 5, { attempts: 1 }), ch('a', 'completed', 9), ch('b', 'running', 7), ch('x', 'failed', 20, { runId: 'other' })]);
    expect(s.steps).toEqual({ a: { status: 'completed', reason: null, attempts: 1, seq: 9 }, b: { status: 'running', reason: null, attempts: 0, seq: 7 } });
    const same = applyChanges(s, 'r', [ch('a', 'running', 5), ch('b', 'running', 7)]);
    expect(same).toBe(s);
    s = applyChanges(s, 'r', [ch('', 'run', 10, { runStatus: 'completed' }), ch('', 'run', 8, { runStatus: 'running' })]);
    expect(s.run).toEqual({ status: 'completed', seq: 10 });
  });

  it('a snapshot wins only where it is fresher, and brings branches from outputs', () => {
    const live = applyChanges(EMPTY_LIVE, 'r', [ch('c', 'completed', 12), ch('g', 'running', 3, { reason: 'waiting for a decision' })]);
    const s = applySnapshot(live, { status: 'running', changeSeq: 11 }, [
      { stepId: 'c', status: 'running', statusReason: null, attempts: 1, changeSeq: 10, output: null },
      { stepId: 'g', status: 'completed', statusReason: null, attempts: 1, changeSeq: 14, output: { decision: 'rejected' } },
      { stepId: 'k', status: 'completed', statusReason: null, attempts: 1, changeSeq: 6, output: { expression: 'x', value: true, branch: 'yes' }, startedAt: '2026-01-01T00:00:00Z', finishedAt: '2026-01-01T00:00:01.5Z' },
    ]);
    expect(s.evaluated).toEqual({ k: { expression: 'x', value: true } });
    expect(s.durations).toEqual({ k: 1500 });
    expect(s.steps.c!.status).toBe('completed');
    expect(s.steps.g!.status).toBe('completed');
    expect(s.branches).toEqual({ g: 'no', k: 'yes' });
    expect(s.run).toEqual({ status: 'running', seq: 11 });
  });

  it('branchOf reads conditions and approvals', () => {
    expect(branchOf({ branch: 'no' })).toBe('no');
    expect(branchOf({ decision: 'approved' })).toBe('yes');
    expect(branchOf({ decision: 'expired' })).toBeUndefined();
    expect(branchOf('x')).toBeUndefined();
  });

  it('edges are taken, not taken, or not decided yet', () => {
    const done = { status: 'completed', reason: null, attempts: 1, seq: 1 };
    expect(edgeState({ label: null }, done, undefined)).toBe('taken');
    expect(edgeState({ label: 'yes' }, done, 'yes')).toBe('taken');
    expect(edgeState({ label: 'no' }, done, 'yes')).toBe('not-taken');
    expect(edgeState({ label: 'no' }, done, undefined)).toBe('pending');
    expect(edgeState({ label: null }, { ...done, status: 'skipped' }, undefined)).toBe('not-taken');
    expect(edgeState({ label: null }, { ...done, status: 'running' }, undefined)).toBe('pending');
    expect(edgeState({ label: null }, undefined, undefined)).toBe('pending');
  });
});
