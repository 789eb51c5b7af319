/**
 * An undo stack of immutable snapshots. Graphs are updated immutably, so a snapshot costs one array of shared
 * step and edge objects. Typing in one field coalesces: keystrokes within COALESCE_MS under the same key make one
 * undo step.
 */

export const HISTORY_LIMIT = 200;
export const COALESCE_MS = 1000;

export interface History<T> {
  past: T[];
  future: T[];
  /** The coalescing key and time of the last recorded edit. */
  lastKey: string | null;
  lastAt: number;
}

export function emptyHistory<T>(): History<T> {
  return { past: [], future: [], lastKey: null, lastAt: 0 };
}

/** Records `previous` (the value before an edit) as an undo step; clears redo. */
export function record<T>(h: History<T>, previous: T, key: string | null = null, now = Date.now()): History<T> {
  if (key !== null && key === h.lastKey && now - h.lastAt < COALESCE_MS) {
    return { ...h, future: [], lastAt: now };
  }
  const past = h.past.length >= HISTORY_LIMIT ? h.past.slice(h.past.length - HISTORY_LIMIT + 1) : h.past;
  return { past: [...past, previous], future: [], lastKey: key, lastAt: now };
}

/** The value to go back to, and the history with `current` pushed onto redo; null when there is nothing to undo. */
export function undo<T>(h: History<T>, current: T): { history: History<T>; value: T } | null {
  const value = h.past.at(-1);
  if (value === undefined) return null;
  return { history: { past: h.past.slice(0, -1), future: [...h.future, current], lastKey: null, lastAt: 0 }, value };
}

export function redo<T>(h: History<T>, current: T): { history: History<T>; value: T } | null {
  const value = h.future.at(-1);
  if (value === undefined) return null;
  return { history: { past: [...h.past, current], future: h.future.slice(0, -1), lastKey: null, lastAt: 0 }, value };
}
