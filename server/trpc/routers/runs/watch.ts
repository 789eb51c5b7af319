/**
 * Live run changes over SSE. Each event is tracked with its change sequence; a client that reconnects with its last
 * event id first gets the run's current state (so a final state that happened while it was away is never missed),
 * then the live stream. Per step only newer changes are sent, so catch-up and live events never go backwards.
 */
import { tracked } from '@trpc/server';
import { z } from 'zod';
import { withCompany } from '../../../db/tx.ts';
import { runChangesSince, runSnapshot } from '../../../services/runs/changes.ts';
import type { RunStepChange } from '../../../services/runs/live-feed.ts';
import { companySubscriptionProcedure } from '../../init.ts';

export const watchRunsProcedure = companySubscriptionProcedure('read')
  .input(z.object({ runId: z.uuid().optional(), lastEventId: z.string().max(20).regex(/^\d+$/).nullish() }))
  .subscription(async function* ({ ctx, input, signal }) {
    if (!ctx.feed) throw new Error('live updates are not available in this process');
    const pending: RunStepChange[] = [];
    let wake: (() => void) | null = null;
    const unsubscribe = ctx.feed.subscribe({ companyId: ctx.company.id, ...(input.runId ? { runId: input.runId } : {}) }, (c) => {
      pending.push(c);
      wake?.();
    });
    const latest = new Map<string, number>();
    const fresh = (c: RunStepChange) => {
      const key = `${c.runId}/${c.stepId}`;
      if ((latest.get(key) ?? -1) >= c.seq) return false;
      latest.set(key, c.seq);
      return true;
    };
    try {
      // Subscribed first, then read: anything committed in between arrives twice and is dropped by `fresh`.
      const after = Number(input.lastEventId ?? -1);
      const catchUp = input.runId
        ? await withCompany(ctx.db, ctx.company.id, (tx) => runSnapshot(tx, ctx.company.id, input.runId!))
        : after >= 0 ? await withCompany(ctx.db, ctx.company.id, (tx) => runChangesSince(tx, ctx.company.id, after)) : [];
      for (const c of catchUp) if (fresh(c)) yield tracked(String(c.seq), c);
      // One abort listener for the whole stream (not one per wait, which would pile up on a busy run).
      const onAbort = () => wake?.();
      signal?.addEventListener('abort', onAbort, { once: true });
      try {
        while (!signal?.aborted) {
          while (pending.length) {
            const c = pending.shift()!;
            if (fresh(c)) yield tracked(String(c.seq), c);
          }
          if (signal?.aborted) break;
          await new Promise<void>((resolve) => {
            wake = resolve;
          });
          wake = null;
        }
      } finally {
        signal?.removeEventListener('abort', onAbort);
      }
    } finally {
      unsubscribe();
    }
  });
