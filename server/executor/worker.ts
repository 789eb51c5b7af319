/**
 * The dispatch loop: lease due items up to `concurrency` at a time, process them, and sleep until something is
 * due or someone wakes us (an enqueue in this process, or NOTIFY from another process sharing the database).
 */
import { claimItems, nextDueAt } from './claim.ts';
import type { Effects } from './context.ts';
import { processItem, type EngineDeps } from './engine.ts';

export interface WorkerOptions {
  concurrency: number;
  /** Longest idle wait, so items enqueued by processes that cannot notify us are still picked up. */
  pollMs: number;
  onEffects: (fx: Effects) => void;
}

export class Worker {
  private active = new Set<Promise<void>>();
  private stopping = false;
  private wakeUp: (() => void) | null = null;
  private pendingWake = false;
  private loop: Promise<void> | null = null;

  constructor(private deps: EngineDeps, private opts: WorkerOptions) {}

  start(): void {
    this.loop ??= this.run();
  }

  wake(): void {
    this.pendingWake = true;
    this.wakeUp?.();
  }

  /** Stops leasing new work and waits for the items in hand to finish (drain). */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake();
    await this.loop;
    await Promise.allSettled([...this.active]);
  }

  get inFlight(): number {
    return this.active.size;
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      this.pendingWake = false;
      const capacity = this.opts.concurrency - this.active.size;
      let claimed = 0;
      if (capacity > 0) {
        try {
          const items = await claimItems(this.deps.sql, this.deps.workerId, capacity, this.deps.leaseMs);
          claimed = items.length;
          for (const item of items) this.track(item);
        } catch (err) {
          if (this.stopping) break;
          this.deps.log(`executor: claim failed: ${(err as Error).message}`);
        }
      }
      if (this.stopping) break;
      if (claimed > 0 && claimed === capacity) continue;
      if (this.pendingWake) continue;
      await this.idle(capacity > 0);
    }
  }

  private track(item: Parameters<typeof processItem>[1]): void {
    const p = processItem(this.deps, item)
      .then((fx) => this.opts.onEffects(fx))
      .catch((err: unknown) => this.deps.log(`executor: item ${item.kind} ${item.stepId} of ${item.runId} failed: ${(err as Error).stack ?? err}`))
      .finally(() => {
        this.active.delete(p);
        this.wake();
      });
    this.active.add(p);
  }

  private async idle(hadCapacity: boolean): Promise<void> {
    let waitMs = this.opts.pollMs;
    if (hadCapacity) {
      try {
        const next = await nextDueAt(this.deps.sql);
        if (next) waitMs = Math.min(waitMs, Math.max(0, next.getTime() - Date.now()));
      } catch {
        /* a dropped connection: retry after the poll interval */
      }
    }
    if (this.pendingWake || this.stopping || waitMs === 0) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, waitMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = () => {
        this.wakeUp = null;
        done();
      };
    });
    this.wakeUp = null;
  }
}
