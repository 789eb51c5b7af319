import type postgres from 'postgres';

/**
 * The engine's record of its own housekeeping runs (crons such as the task escalator, which fire on the minute while
 * a test's harness is up): no request writes them, so a "writes nothing" check must not depend on the clock.
 */
const HOUSEKEEPING = new Set(['system_function_runs', 'system_function_attempts']);

/** A digest of every row of every public table, read as the owner: equal fingerprints mean nothing was written. */
export async function databaseFingerprint(owner: postgres.Sql): Promise<Record<string, string>> {
  const tables = await owner<{ t: string }[]>`select tablename as t from pg_tables where schemaname = 'public' order by 1`;
  const out: Record<string, string> = {};
  for (const { t } of tables) {
    if (HOUSEKEEPING.has(t)) continue;
    const [row] = await owner.unsafe(`select count(*)::int n, coalesce(md5(string_agg(x::text, ',' order by x::text)), '') h from "${t}" x`);
    out[t] = `${row!.n}:${row!.h}`;
  }
  return out;
}
