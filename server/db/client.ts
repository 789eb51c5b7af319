import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from '../../drizzle/schema/index.ts';
import { reconnectDelayS } from './health.ts';

export type Db = PostgresJsDatabase<typeof schema>;
/** A transaction handle as drizzle passes it to `db.transaction` callbacks. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface Database {
  db: Db;
  sql: postgres.Sql;
  close(): Promise<void>;
}

export function connect(url: string, opts: { max?: number } = {}): Database {
  const sql = postgres(url, {
    max: opts.max ?? 10,
    onnotice: () => {},
    // Back within a second of the server's return after a restart or a dropped network (see health.ts).
    backoff: reconnectDelayS,
    // Each connection identifies itself in pg_stat_activity, which the crash and drain tests rely on.
    connection: { application_name: 'ember' },
  });
  const db = drizzle(sql, { schema });
  return { db, sql, close: () => sql.end({ timeout: 5 }) };
}
