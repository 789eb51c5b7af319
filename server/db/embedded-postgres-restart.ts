/**
 * Keeps the embedded PostgreSQL running: when the postmaster dies, start a new one on the same data directory and
 * port, with exponential backoff between attempts and no limit on their number, and say why the database is down
 * meanwhile (for /healthz). Pure logic over an injected `relaunch`, tested without postgres
 * (embedded-postgres-restart.unit.test.ts); embedded-postgres.ts supplies the real launch.
 */

export interface RestartPolicy {
  /** Delay before the first attempt after a crash. */
  initialDelayMs: number;
  /** The delay doubles with every attempt up to this. */
  maxDelayMs: number;
  /**
   * A postmaster that stayed up this long counts as recovered: the next crash starts again from initialDelayMs.
   * One that dies sooner continues the backoff where the previous outage left it, so a crash loop slows down.
   */
  stableMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = { initialDelayMs: 100, maxDelayMs: 5_000, stableMs: 30_000 };

/** The delay before attempt `level + 1` of a backoff that has already made `level` attempts. */
export function restartDelayMs(policy: RestartPolicy, level: number): number {
  return Math.min(policy.initialDelayMs * 2 ** level, policy.maxDelayMs);
}

/** One postmaster, as the supervisor sees it. */
export interface PostmasterInstance {
  /** Registers `cb` for an exit that stop() did not cause (called at most once). */
  onCrash(cb: (err: Error) => void): void;
  /** Stops it; for one that already died, waits until its leftover backends are gone. */
  stop(): Promise<void>;
}

export interface SupervisorDeps<I extends PostmasterInstance> {
  /** Starts a new postmaster on the same data directory and port, cleaning a crash's leftovers first. */
  relaunch: () => Promise<I>;
  /** null: report a crash and stay down (the caller decides what to do). */
  policy: RestartPolicy | null;
  log: (line: string) => void;
  now?: () => number;
  /** Resolves after `ms`, or early once `signal` aborts. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

export class PostgresSupervisor<I extends PostmasterInstance> {
  private current: I;
  private upSince = 0;
  /** Attempts made by the backoff since the last stable period. */
  private level = 0;
  private down: string | null = null;
  private lastCrash: Error | null = null;
  private stopping = false;
  private restarting: Promise<void> | null = null;
  private readonly abort = new AbortController();
  private readonly crashListeners: ((err: Error) => void)[] = [];
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;

  constructor(first: I, private readonly deps: SupervisorDeps<I>) {
    this.now = deps.now ?? Date.now;
    this.sleep = deps.sleep ?? abortableSleep;
    this.current = first;
    this.adopt(first);
  }

  /** null while postgres is up; otherwise why not, e.g. "database restarting (attempt 3)". */
  get downReason(): string | null {
    return this.down;
  }

  /** Called on every unexpected exit; registered after one while still down, it is called for that one too. */
  onCrash(cb: (err: Error) => void): void {
    this.crashListeners.push(cb);
    const err = this.lastCrash;
    if (err && this.down) queueMicrotask(() => cb(err));
  }

  /** Stops restarting and stops the current postmaster (or waits for a dead one's leftovers). Idempotent. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.abort.abort();
    await this.restarting;
    await this.current.stop();
  }

  private adopt(instance: I): void {
    this.current = instance;
    this.upSince = this.now();
    this.down = null;
    instance.onCrash((err) => this.crashed(err));
  }

  private crashed(err: Error): void {
    if (this.stopping) return;
    this.lastCrash = err;
    this.down = `database exited unexpectedly: ${err.message.split('\n')[0]}`;
    for (const cb of this.crashListeners) cb(err);
    if (!this.deps.policy) return;
    if (this.now() - this.upSince >= this.deps.policy.stableMs) this.level = 0;
    const loop = this.restartLoop(this.deps.policy).catch((e: unknown) => this.deps.log(`restart loop failed: ${(e as Error).message}`));
    this.restarting = loop;
    void loop.then(() => {
      if (this.restarting === loop) this.restarting = null;
    });
  }

  private async restartLoop(policy: RestartPolicy): Promise<void> {
    const downSince = this.now();
    for (let attempt = 1; !this.stopping; attempt++) {
      this.down = `database restarting (attempt ${attempt})`;
      const delay = restartDelayMs(policy, this.level++);
      this.deps.log(`restarting postgres in ${delay} ms (attempt ${attempt})`);
      await this.sleep(delay, this.abort.signal);
      if (this.stopping) return;
      let instance: I;
      try {
        instance = await this.deps.relaunch();
      } catch (err) {
        this.deps.log(`restart attempt ${attempt} failed: ${(err as Error).message}`);
        continue;
      }
      if (this.stopping) {
        await instance.stop();
        return;
      }
      this.adopt(instance);
      this.deps.log(`postgres is back after ${attempt} attempt${attempt === 1 ? '' : 's'} (${this.now() - downSince} ms down)`);
      return;
    }
  }
}
