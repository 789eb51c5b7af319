/**
 * The embedded, durable, Inngest-compatible executor: syncs an app's functions, takes events, and drives runs
 * through the app's serve handler, with all state in Postgres. See ARCHITECTURE.md beside this file.
 */
import { EventEmitter } from 'node:events';
import { hostname } from 'node:os';
import type postgres from 'postgres';
import { checkpointingFromEnv, recordCheckpoint, type CheckpointOutcome, type CheckpointRequest } from './checkpoint.ts';
import { Effects } from './context.ts';
import type { EngineDeps } from './process-item.ts';
import { ulid } from './ids.ts';
import { ingestEvents, type IncomingEvent } from './ingest.ts';
import type { GatewayConfig } from './ops/gateway.ts';
import { deliverSignal } from './ops/signal.ts';
import { SyncResponseSchema } from './protocol.ts';
import { syncProblems } from './options.ts';
import { FunctionRegistry } from './registry.ts';
import { fireDueSchedules, nextScheduleAt, syncSchedules } from './scheduler.ts';
import type { SdkTransport } from './transport.ts';
import { Worker } from './worker.ts';

export interface ExecutorOptions {
  sql: postgres.Sql;
  transport: SdkTransport;
  log?: (line: string) => void;
  concurrency?: number;
  leaseMs?: number;
  pollMs?: number;
  /** Base of the exponential retry backoff (default 1 s; tests use a few ms). */
  backoffBaseMs?: number;
  workerId?: string;
  /** LISTEN for wake-ups from other processes sharing the database (default true). */
  listen?: boolean;
  /** step.fetch / step.ai.infer: SSRF allowlist (default EMBER_HTTP_ALLOWLIST) and Claude key/base URL (default ANTHROPIC_*). */
  gateway?: GatewayConfig;
  /**
   * Let the SDK run consecutive steps in one call and checkpoint each (checkpoint.ts). Default: EMBER_EXEC_CHECKPOINTING
   * (`on`/`off`, on when unset; see checkpointingFromEnv). Off, every step is a call of its own.
   */
  checkpointing?: boolean;
}

export interface RunRecord {
  id: string;
  functionSlug: string;
  status: 'running' | 'completed' | 'failed' | 'cancelled';
  output: unknown;
  error: { name: string; message: string; stack?: string } | null;
  event: Record<string, unknown>;
}

export interface QueueStats {
  depth: { kind: string; state: 'due' | 'scheduled' | 'leased'; count: number }[];
  /** Age of the oldest due item nobody holds, in seconds (0 when keeping up). */
  lagSeconds: number;
}

const CHANNEL = 'ember_exec_wake';

export class Executor {
  readonly registry = new FunctionRegistry();
  private readonly bus = new EventEmitter();
  private readonly deps: EngineDeps;
  private readonly worker: Worker;
  private scheduleTimer: NodeJS.Timeout | null = null;
  private unlisten: (() => Promise<void>) | null = null;
  private notifyQueued = false;
  private started = false;

  constructor(private opts: ExecutorOptions) {
    this.bus.setMaxListeners(0);
    const base = opts.backoffBaseMs ?? 1000;
    this.deps = {
      sql: opts.sql,
      transport: opts.transport,
      registry: this.registry,
      now: () => Date.now(),
      log: opts.log ?? (() => {}),
      workerId: opts.workerId ?? `${hostname()}:${process.pid}:${ulid().slice(-6)}`,
      leaseMs: opts.leaseMs ?? 30_000,
      // Exponential with full jitter in [50%, 100%], capped at 10 minutes.
      backoffMs: (attempt) => Math.min(base * 2 ** (attempt - 1), 600_000) * (0.5 + Math.random() / 2),
      ...(opts.gateway ? { gateway: opts.gateway } : {}),
      checkpointing: opts.checkpointing ?? checkpointingFromEnv(process.env),
    };
    this.worker = new Worker(this.deps, { concurrency: opts.concurrency ?? 16, pollMs: opts.pollMs ?? 1000, onEffects: (fx) => this.afterCommit(fx) });
  }

  get workerId(): string {
    return this.deps.workerId;
  }

  /** In-band sync of the app's functions, then start dispatching. */
  async start(): Promise<void> {
    await this.sync();
    if (this.opts.listen !== false) {
      const sub = await this.opts.sql.listen(CHANNEL, () => this.worker.wake());
      this.unlisten = () => sub.unlisten();
    }
    this.started = true;
    this.worker.start();
    this.scheduleLoop();
  }

  async sync(): Promise<void> {
    const res = await this.opts.transport.sync();
    if (res.status !== 200) throw new Error(`could not sync the app at ${this.opts.transport.url}: ${res.status} ${res.body.slice(0, 500)}`);
    const body = JSON.parse(res.body) as { functions?: unknown };
    // Refuse the whole sync, loudly, rather than run a function with an option silently dropped.
    const problems = syncProblems(Array.isArray(body.functions) ? body.functions : []);
    if (problems.length) throw new Error(`could not sync the app at ${this.opts.transport.url}: ${problems.join('; ')}`);
    const parsed = SyncResponseSchema.parse(body);
    this.registry.replace(parsed.functions);
    const appId = parsed.app_id ?? 'app';
    await this.opts.sql.begin(async (tx) => {
      for (const f of parsed.functions) {
        await tx`insert into ember_exec.functions (slug, app_id, config) values (${f.id}, ${appId}, ${JSON.stringify(f)}::text::jsonb)
          on conflict (slug) do update set config = excluded.config, app_id = excluded.app_id, synced_at = now()`;
      }
    });
    await syncSchedules(this.opts.sql, this.deps);
  }

  /** Stop leasing work, finish what is in hand, and release the LISTEN connection. */
  async stop(): Promise<void> {
    this.started = false;
    if (this.scheduleTimer) clearTimeout(this.scheduleTimer);
    await this.worker.stop();
    await this.unlisten?.().catch(() => {});
  }

  /** `POST /v1/signals`: resumes the run waiting on `signal` with `data`; its id, or null when nothing waits. */
  async signal(signal: string, data: unknown): Promise<string | null> {
    const fx = new Effects();
    const runId = await deliverSignal(this.opts.sql, fx, signal, data);
    this.afterCommit(fx);
    return runId;
  }

  /** `POST /v1/checkpoint/:runId/async`: record the steps a call ran so far (checkpoint.ts). */
  async checkpoint(runId: string, req: CheckpointRequest): Promise<CheckpointOutcome> {
    const fx = new Effects();
    const outcome = await recordCheckpoint(this.deps, runId, req, fx);
    this.afterCommit(fx);
    return outcome;
  }

  /** The event API: store and route events; returns their ids (Inngest's `{ids}`). */
  async send(events: IncomingEvent | IncomingEvent[]): Promise<string[]> {
    const list = Array.isArray(events) ? events : [events];
    const fx = new Effects();
    const ids = await this.opts.sql.begin((tx) => ingestEvents(this.deps, tx, fx, list));
    this.afterCommit(fx);
    return ids;
  }

  async getRun(runId: string): Promise<RunRecord | null> {
    const [row] = await this.opts.sql<RunRecord[]>`
      select id, function_slug as "functionSlug", status, output, error, event from ember_exec.runs where id = ${runId}`;
    return row ?? null;
  }

  /** Runs started by an event (by event id), oldest first. */
  async runsForEvent(eventId: string): Promise<RunRecord[]> {
    return this.opts.sql<RunRecord[]>`
      select r.id, r.function_slug as "functionSlug", r.status, r.output, r.error, r.event from ember_exec.runs r
      join ember_exec.events e on e.internal_id = r.event_internal_id where e.id = ${eventId} order by r.created_at, r.id`;
  }

  /**
   * Of the given values of `data.<field>` in the trigger events of `functionSlug`'s runs, those whose latest run was
   * cancelled: lets the app repair its own rows for engine runs cancelled before it listened for that.
   */
  async cancelledRunsBy(functionSlug: string, field: string, values: string[]): Promise<string[]> {
    if (values.length === 0) return [];
    const rows = await this.opts.sql<{ value: string; status: string }[]>`
      select distinct on (value) value, status from (
        select event->'data'->>${field} as value, status, created_at, id from ember_exec.runs
        where function_slug = ${functionSlug} and event->'data'->>${field} = any(${values}::text[])) r
      order by value, created_at desc, id desc`;
    return rows.filter((r) => r.status === 'cancelled').map((r) => r.value);
  }

  /** Resolves once the run is no longer running. Woken by this process's completions, and polls for others'. */
  async waitForRun(runId: string, timeoutMs = 30_000): Promise<RunRecord> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const run = await this.getRun(runId);
      if (run && run.status !== 'running') return run;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`run ${runId} still ${run?.status ?? 'missing'} after ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const onEnd = (id: string) => id === runId && finish();
        const timer = setTimeout(finish, Math.min(left, 250));
        const bus = this.bus;
        function finish() {
          clearTimeout(timer);
          bus.off('ended', onEnd);
          resolve();
        }
        bus.on('ended', onEnd);
      });
    }
  }

  onRunEnded(listener: (runId: string, status: string) => void): () => void {
    this.bus.on('ended', listener);
    return () => this.bus.off('ended', listener);
  }

  /** Age of the oldest due item nobody holds: how far behind the executor is (0 when keeping up). */
  async lagMs(): Promise<number> {
    const [row] = await this.opts.sql<{ lag: number | null }[]>`
      select extract(epoch from now() - min(run_at)) * 1000 as lag from ember_exec.queue
      where run_at <= now() and (lease_until is null or lease_until < now())`;
    return Math.max(0, Number(row?.lag ?? 0));
  }

  /** Queue items by kind and state (due, scheduled, leased) and the lag, for the engine's Prometheus gauges. */
  async queueStats(): Promise<QueueStats> {
    const depth = await this.opts.sql<{ kind: string; state: QueueStats['depth'][number]['state']; count: number }[]>`
      select kind, case when lease_until is not null and lease_until >= now() then 'leased' when run_at <= now() then 'due' else 'scheduled' end as state,
        count(*)::int as count
      from ember_exec.queue group by 1, 2 order by 1, 2`;
    return { depth: [...depth], lagSeconds: (await this.lagMs()) / 1000 };
  }

  private afterCommit(fx: Effects): void {
    for (const e of fx.ended) this.bus.emit('ended', e.runId, e.status);
    if (fx.wake) {
      this.worker.wake();
      this.notifyOthers();
    }
  }

  /**
   * At most one NOTIFY per 20 ms: other processes only need to know "there is work" (and poll anyway), so a busy
   * executor does not pay a round trip per step for it.
   */
  private notifyOthers(): void {
    if (this.notifyQueued || this.opts.listen === false) return;
    this.notifyQueued = true;
    setTimeout(() => {
      this.notifyQueued = false;
      this.opts.sql.notify(CHANNEL, '').catch(() => {});
    }, 20).unref();
  }

  private scheduleLoop(): void {
    const tick = async () => {
      if (!this.started) return;
      let waitMs = 5_000;
      try {
        this.afterCommit(await fireDueSchedules(this.opts.sql, this.deps));
        const next = await nextScheduleAt(this.opts.sql);
        if (next) waitMs = Math.min(waitMs, Math.max(10, next.getTime() - Date.now()));
      } catch (err) {
        this.deps.log(`executor: scheduler: ${(err as Error).message}`);
      }
      if (this.started) this.scheduleTimer = setTimeout(tick, waitMs);
    };
    void tick();
  }
}
