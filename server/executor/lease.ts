/** Holding a leased queue item while work happens outside any transaction (an SDK call, a gateway request). */
import type postgres from 'postgres';
import type { QueueItem } from './state.ts';

export interface LeaseHolder {
  sql: postgres.Sql;
  leaseMs: number;
  workerId: string;
}

/** Keeps the item's lease alive while `fn` runs, so no other worker takes the item over meanwhile. */
export async function withHeartbeat<T>(deps: LeaseHolder, item: QueueItem, fn: () => Promise<T>): Promise<T> {
  const timer = setInterval(() => {
    deps.sql`update ember_exec.queue set lease_until = now() + ${`${deps.leaseMs} milliseconds`}::interval where id = ${item.id} and lease_owner = ${deps.workerId}`.catch(() => {});
  }, Math.max(100, deps.leaseMs / 3));
  try {
    return await fn();
  } finally {
    clearInterval(timer);
  }
}
