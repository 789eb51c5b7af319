/**
 * The dispatch loop: lease due items up to `concurrency` at a time, process them, and sleep until something is
 * due or someone wakes us (an enqueue in this process, or NOTIFY from another process sharing the database).
 * While the database is unreachable it backs off (100 ms doubling to 5 s) and retries, and once it is back it frees
 * the leases an outage cut short instead of letting them run out.
 */
import { isConnectionError } from '../db/health.ts';
import { claimItems, nextDueAt } from './claim.ts';
import type { Effects } from './context.ts';
import { processItem, type EngineDeps } from './process-item.ts';

export interface WorkerOptions {
  concurrency: number;
  /** Longest idle wait, so items enqueued by processes that cannot notify us are still picked up. */
  pollMs: number;
  onEffects: (fx: Effects) => void;
}

const FAILURE_BACKOFF_MS = 100;
const FAILURE_BACKOFF_MAX_MS = 5_000;

export class Worker {
  /** Items in hand, by queue item id. */
  private active = new Map<number, Promise<void>>();
  private stopping = false;
  private wakeUp: (() => void) | null = null;
  private pendingWake = false;
  private loop: Promise<void> | null = null;
  /** Consecutive failed claims: the backoff exponent. */
  private failures = 0;
  /**
   * A database error cut an item or a claim short, so leases of ours may be held by no one: free them once the
   * database answers (an outage would otherwise park those items until their leases ran out).
   */
  private stranded = false;
  private stopWaiter: (() => void) | null = null;

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
    this.stopWaiter?.();
    await this.loop;
    await Promise.allSettled([...this.active.values()]);
  }

  get inFlight(): number {
    return this.active.size;
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      this.pendingWake = false;
      if (this.stranded) await this.releaseStranded();
      const capacity = this.opts.concurrency - this.active.size;
      let claimed = 0;
      if (capacity > 0) {
        try {
          const items = await claimItems(this.deps.sql, this.deps.workerId, capacity, this.deps.leaseMs);
          this.failures = 0;
          claimed = items.length;
          for (const item of items) this.track(item);
        } catch (err) {
          if (this.stopping) break;
          // The claim may have committed before the connection died: its leases would be ours and nobody's.
          if (isConnectionError(err)) this.stranded = true;
          this.failures++;
          const delay = Math.min(FAILURE_BACKOFF_MS * 2 ** (this.failures - 1), FAILURE_BACKOFF_MAX_MS);
          this.deps.log(`executor: claim failed (${this.failures} in a row, retrying in ${delay} ms): ${(err as Error).message}`);
          await this.pause(delay);
          continue;
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
      .catch((err: unknown) => {
        this.active.delete(item.id);
        if (isConnectionError(err)) {
          // At-least-once: the app may have run the step, but nothing was recorded, so it runs again.
          this.stranded = true;
          this.deps.log(`executor: item ${item.kind} ${item.stepId} of ${item.runId} was cut short by the database: ${(err as Error).message}`);
        } else {
          this.deps.log(`executor: item ${item.kind} ${item.stepId} of ${item.runId} failed: ${(err as Error).stack ?? err}`);
        }
      })
      .finally(() => {
        this.active.delete(item.id);
        this.wake();
      });
    this.active.set(item.id, p);
  }

  /** Frees this worker's leases on items it no longer holds in hand; on failure, tries again next time round. */
  private async releaseStranded(): Promise<void> {
    this.stranded = false;
    try {
      const freed = await this.deps.sql`update ember_exec.queue set lease_owner = null, lease_until = null
        where lease_owner = ${this.deps.workerId} and not (id = any(${[...this.active.keys()]}::bigint[]))`;
      if (freed.count) this.deps.log(`executor: freed ${freed.count} lease(s) a database outage cut short`);
    } catch {
      this.stranded = true; // still unreachable: the claim below fails too and backs off
    }
  }

  /** Waits `ms`, cut short only by stop(): wake-ups during an outage must not turn the backoff into a busy loop. */
  private async pause(ms: number): Promise<void> {
    if (this.stopping) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.stopWaiter = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.stopWaiter = done;
    });
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
