import { sql, type SQL } from 'drizzle-orm';
import type { Bucket } from '../../../shared/metrics/vocab.ts';

/** `case when v >= lo_n then n … else 0 end`: a value's bucket index, in SQL, with the same bounds the client draws. */
export function bucketCase(buckets: readonly Bucket[], value: SQL): SQL {
  const parts: SQL[] = [sql`case`];
  for (let i = buckets.length - 1; i >= 1; i--) parts.push(sql` when ${value} >= ${sql.raw(String(Number(buckets[i]!.lo)))} then ${sql.raw(String(i))}`);
  parts.push(sql` else 0 end`);
  return sql.join(parts, sql``);
}

/** The SQL bounds of bucket `i` over `value`: lo <= value (< hi). */
export function bucketBounds(buckets: readonly Bucket[], i: number, value: SQL): SQL {
  const b = buckets[i]!;
  const lo = sql.raw(String(Number(b.lo)));
  return b.hi === null ? sql`${value} >= ${lo}` : sql`${value} >= ${lo} and ${value} < ${sql.raw(String(Number(b.hi)))}`;
}
