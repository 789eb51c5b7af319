import { describe, expect, it } from 'vitest';
import { COALESCE_MS, emptyHistory, HISTORY_LIMIT, record, redo, undo } from './history.ts';

describe('history', () => {
  it('undoes and redoes in order', () => {
    let h = emptyHistory<number>();
    h = record(h, 0);
    h = record(h, 1);
    // current value is 2
    const u1 = undo(h, 2)!;
    expect(u1.value).toBe(1);
    const u2 = undo(u1.history, 1)!;
    expect(u2.value).toBe(0);
    expect(undo(u2.history, 0)).toBeNull();
    const r1 = redo(u2.history, 0)!;
    expect(r1.value).toBe(1);
    const r2 = redo(r1.history, 1)!;
    expect(r2.value).toBe(2);
    expect(redo(r2.history, 2)).toBeNull();
  });

  it('a new edit clears redo', () => {
    let h = record(emptyHistory<number>(), 0);
    h = undo(h, 1)!.history;
    expect(h.future).toEqual([1]);
    h = record(h, 0);
    expect(h.future).toEqual([]);
  });

  it('coalesces edits under one key within the window, not across keys or after it', () => {
    let h = emptyHistory<string>();
    h = record(h, '', 'name', 1000);
    h = record(h, 'a', 'name', 1000 + COALESCE_MS / 2);
    h = record(h, 'ab', 'name', 1000 + COALESCE_MS);
    expect(h.past).toEqual(['']);
    h = record(h, 'abc', 'other', 1000 + COALESCE_MS);
    expect(h.past).toEqual(['', 'abc']);
    h = record(h, 'abcd', 'other', 1000 + 3 * COALESCE_MS);
    expect(h.past).toEqual(['', 'abc', 'abcd']);
  });

  it('an undo breaks coalescing, so the next keystroke is its own step', () => {
    let h = record(emptyHistory<string>(), '', 'name', 0);
    h = undo(h, 'a')!.history;
    h = record(h, '', 'name', 1);
    expect(h.past).toEqual(['']);
    expect(h.lastKey).toBe('name');
  });

  it('keeps at most HISTORY_LIMIT steps', () => {
    let h = emptyHistory<number>();
    for (let i = 0; i < HISTORY_LIMIT + 10; i++) h = record(h, i);
    expect(h.past).toHaveLength(HISTORY_LIMIT);
    expect(h.past[0]).toBe(10);
  });
});
