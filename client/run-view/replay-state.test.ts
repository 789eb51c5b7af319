import { describe, expect, it } from 'vitest';
import { countAt, replayState, timelineOf } from './replay-state.ts';

const at = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms).toISOString();
const T = [
  { seq: 1, stepId: '', status: 'pending', reason: null, attempts: 0, at: at(0) },
  { seq: 2, stepId: 'a', status: 'pending', reason: null, attempts: 0, at: at(0) },
  { seq: 4, stepId: 'a', status: 'running', reason: null, attempts: 1, at: at(100) },
  { seq: 3, stepId: '', status: 'running', reason: null, attempts: 0, at: at(50) },
  { seq: 5, stepId: 'a', status: 'running', reason: 'retrying in 1s', attempts: 2, at: at(400) },
  { seq: 6, stepId: 'a', status: 'completed', reason: null, attempts: 2, at: at(1500) },
  { seq: 7, stepId: '', status: 'completed', reason: null, attempts: 0, at: at(1600) },
];

describe('replay', () => {
  it('orders transitions by time, then sequence, and measures offsets from the first', () => {
    const tl = timelineOf(T);
    expect(tl.transitions.map((t) => t.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(tl.offsets).toEqual([0, 0, 50, 100, 400, 1500, 1600]);
    expect(tl.duration).toBe(1600);
    expect([countAt(tl, 0), countAt(tl, 99), countAt(tl, 100), countAt(tl, 5000)]).toEqual([2, 3, 4, 7]);
  });

  it('moves a step through its states and the run with it', () => {
    const tl = timelineOf(T);
    const s = (ms: number) => replayState(tl, countAt(tl, ms), { a: 'yes' });
    expect(s(0).steps.a!.status).toBe('pending');
    expect(s(0).run!.status).toBe('pending');
    expect(s(200).steps.a).toMatchObject({ status: 'running', attempts: 1 });
    expect(s(200).branches).toEqual({});
    expect(s(500).steps.a).toMatchObject({ status: 'running', reason: 'retrying in 1s', attempts: 2 });
    const end = s(1600);
    expect(end.steps.a!.status).toBe('completed');
    expect(end.run!.status).toBe('completed');
    expect(end.durations).toEqual({ a: 1400 });
    expect(end.branches).toEqual({ a: 'yes' });
  });

  it('a transition numbered later but timed earlier (a concurrent step) is in the moment it happened', () => {
    // Step b's transaction started (and took its time) at 480 but committed after a's at 500, so its seq is higher.
    const tl = timelineOf([
      { seq: 1, stepId: 'a', status: 'pending', reason: null, attempts: 0, at: at(0) },
      { seq: 2, stepId: 'b', status: 'pending', reason: null, attempts: 0, at: at(0) },
      { seq: 3, stepId: 'a', status: 'running', reason: null, attempts: 1, at: at(500) },
      { seq: 4, stepId: 'b', status: 'running', reason: null, attempts: 1, at: at(480) },
    ]);
    expect(tl.offsets).toEqual([0, 0, 480, 500]);
    const s = replayState(tl, countAt(tl, 480), {});
    expect(s.steps.b!.status).toBe('running');
    expect(s.steps.a!.status).toBe('pending');
  });

  it('an empty history is an empty map', () => {
    const tl = timelineOf([]);
    expect(tl.duration).toBe(0);
    expect(replayState(tl, 0, {}).steps).toEqual({});
  });
});
