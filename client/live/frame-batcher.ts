/**
 * Collects items as they arrive and hands them over at most once per animation frame, so a burst of live events
 * costs one store update and one render. A page in the background gets no frames; a slow timer flushes there so
 * the queue never grows without bound, and the page is current the moment it is shown again.
 */
export interface FrameBatcher<T> {
  push(item: T): void;
  /** Hands over what is queued now (tests, teardown). */
  flush(): void;
  dispose(): void;
}

export interface Scheduler {
  frame(fn: () => void): () => void;
  later(fn: () => void, ms: number): () => void;
}

const browserScheduler: Scheduler = {
  frame: (fn) => {
    const id = requestAnimationFrame(fn);
    return () => cancelAnimationFrame(id);
  },
  later: (fn, ms) => {
    const id = setTimeout(fn, ms);
    return () => clearTimeout(id);
  },
};

export function createFrameBatcher<T>(deliver: (items: T[]) => void, scheduler: Scheduler = browserScheduler, backgroundMs = 1000): FrameBatcher<T> {
  let queue: T[] = [];
  let cancel: (() => void)[] = [];
  let disposed = false;

  const flush = () => {
    cancel.forEach((c) => c());
    cancel = [];
    if (!queue.length) return;
    const items = queue;
    queue = [];
    deliver(items);
  };

  return {
    push(item) {
      if (disposed) return;
      queue.push(item);
      if (cancel.length) return;
      cancel = [scheduler.frame(flush), scheduler.later(flush, backgroundMs)];
    },
    flush,
    dispose() {
      disposed = true;
      cancel.forEach((c) => c());
      cancel = [];
      queue = [];
    },
  };
}
