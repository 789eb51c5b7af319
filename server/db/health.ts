/**
 * Database availability as the rest of the app sees it. The pools reconnect on their own once the server is back
 * (client.ts); meanwhile /healthz says why it is down, and background loops tell an outage (wait and retry) from a
 * bad query.
 */
import type postgres from 'postgres';

/**
 * postgres.js's `backoff`: seconds before reconnect attempt `retries` (failed connects since the last success).
 * Its default, 3^n/100 s up to 20 s, would keep a pool away for up to 20 s after the server came back; 50 ms
 * doubling to 1 s gets it (and its LISTEN connection) back within a second.
 */
export function reconnectDelayS(retries: number): number {
  return Math.min(0.05 * 2 ** retries, 1);
}

const reasons = new WeakMap<postgres.Sql, () => string | null>();

/** Registers who knows why the database behind `sql` is down (the embedded supervisor while it restarts it). */
export function reportDatabaseDownReason(sql: postgres.Sql, downReason: () => string | null): void {
  reasons.set(sql, downReason);
}

/** Why the database behind `sql` is known to be down, e.g. "database restarting (attempt 3)"; null when not known to be. */
export function databaseDownReason(sql: postgres.Sql): string | null {
  return reasons.get(sql)?.() ?? null;
}

// postgres.js's own connection errors and the socket's, by code.
const CONNECTION_CODES = new Set([
  'CONNECTION_CLOSED', 'CONNECTION_DESTROYED', 'CONNECTION_ENDED', 'CONNECT_TIMEOUT',
  'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN',
  // The server's: admin_shutdown, crash_shutdown, cannot_connect_now (starting up, in recovery).
  '57P01', '57P02', '57P03',
]);

/** The database is not there right now (the server died, restarts, or the network dropped), as opposed to a bad query. */
export function isConnectionError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return false;
  // SQLSTATE class 08: connection exception.
  return CONNECTION_CODES.has(code) || code.startsWith('08');
}
