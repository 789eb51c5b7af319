import { describe, expect, it } from 'vitest';
import { createFrameBatcher, type Scheduler } from './frame-batcher.ts';

function fakeScheduler() {
  const frames: (() => void)[] = [];
  const timers: (() => void)[] = [];
  const s: Scheduler = {
    frame: (fn) => {
      frames.push(fn);
      return () => frames.splice(frames.indexOf(fn) >>> 0, 1);
    },
    later: (fn) => {
      timers.push(fn);
      return () => timers.splice(timers.indexOf(fn) >>> 0, 1);
    },
  };
  return { s, frames, timers };
}

describe('createFrameBatcher', () => {
  it('delivers everything pushed before a frame in one batch, in order', () => {
    const { s, frames } = fakeScheduler();
    const got: number[][] = [];
    const b = createFrameBatcher<number>((items) => got.push(items), s);
    b.push(1);
    b.push(2);
    b.push(3);
    expect(frames).toHaveLength(1);
    frames[0]!();
    expect(got).toEqual([[1, 2, 3]]);
    b.push(4);
    expect(frames).toHaveLength(1);
    frames[0]!();
    expect(got).toEqual([[1, 2, 3], [4]]);
  });

  it('flushes on the slow timer when no frame comes (a background tab), and cancels the other', () => {
    const { s, frames, timers } = fakeScheduler();
    const got: string[][] = [];
    const b = createFrameBatcher<string>((items) => got.push(items), s);
    b.push('a');
    timers[0]!();
    expect(got).toEqual([['a']]);
    expect(frames).toHaveLength(0);
    expect(timers).toHaveLength(0);
  });

  it('delivers nothing after dispose', () => {
    const { s, frames } = fakeScheduler();
    const got: number[][] = [];
    const b = createFrameBatcher<number>((items) => got.push(items), s);
    b.push(1);
    b.dispose();
    b.push(2);
    expect(frames).toHaveLength(0);
    expect(got).toEqual([]);
  });
});
