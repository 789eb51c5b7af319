/**
 * The live feed of run-step transitions. Every transition is sent with pg_notify inside the transaction that wrote
 * it (so only committed changes are announced, from whichever process made them); one LISTEN per process turns
 * them into in-process events for subscribers (the run overlay, the run list).
 */
import { EventEmitter } from 'node:events';
import type postgres from 'postgres';
import { RUN_CHANGE_CHANNEL, RunStepChangeSchema, type RunStepChange } from '../../../shared/live/run-step-change.ts';

export { RunStepChangeSchema, type RunStepChange };

export class RunStepFeed {
  private readonly bus = new EventEmitter();
  private unlisten: (() => Promise<void>) | null = null;

  constructor() {
    this.bus.setMaxListeners(0);
  }

  async start(sql: postgres.Sql): Promise<void> {
    const sub = await sql.listen(RUN_CHANGE_CHANNEL, (payload) => {
      const parsed = RunStepChangeSchema.safeParse(JSON.parse(payload));
      if (parsed.success) this.bus.emit('change', parsed.data);
    });
    this.unlisten = () => sub.unlisten();
  }

  /** Subscribe to one company's changes (optionally one run's); returns the unsubscribe function. */
  subscribe(filter: { companyId: string; runId?: string }, listener: (change: RunStepChange) => void): () => void {
    const handler = (c: RunStepChange) => {
      if (c.companyId === filter.companyId && (!filter.runId || c.runId === filter.runId)) listener(c);
    };
    this.bus.on('change', handler);
    return () => this.bus.off('change', handler);
  }

  async stop(): Promise<void> {
    await this.unlisten?.().catch(() => {});
  }
}
