import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from '../../drizzle/schema/index.ts';

export type Db = PostgresJsDatabase<typeof schema>;
/** A transaction handle as drizzle passes it to `db.transaction` callbacks. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface Database {
  db: Db;
  sql: postgres.Sql;
  close(): Promise<void>;
}

/** Seconds before reconnect attempt `retries` (postgres.js counts failed connects since the last success). */
export function reconnectDelayS(retries: number): number {
  return Math.min(0.05 * 2 ** retries, 1);
}

export function connect(url: string, opts: { max?: number } = {}): Database {
  const sql = postgres(url, {
    max: opts.max ?? 10,
    onnotice: () => {},
    // After the server went away (a restart, a dropped network), postgres.js delays each reconnect by 3^n/100 s
    // (up to 20 s); 50 ms doubling to 1 s gets the pool (and its LISTEN connection) back within a second.
    backoff: reconnectDelayS,
    // Each connection identifies itself in pg_stat_activity, which the crash and drain tests rely on.
    connection: { application_name: 'ember' },
  });
  const db = drizzle(sql, { schema });
  return { db, sql, close: () => sql.end({ timeout: 5 }) };
}
