import { sql } from 'drizzle-orm';
import type { Db } from './client.ts';

/** "Empty" means no user exists yet: the first start of a fresh database seeds the demo. */
export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const rows = await db.execute<{ any: boolean }>(sql`select exists(select 1 from users) as any`);
  return !rows[0]?.any;
}
