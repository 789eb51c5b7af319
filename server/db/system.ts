import { sql } from 'drizzle-orm';
import type { Db } from './client.ts';

/** Ids of every company, for system jobs that then work inside each company with `withCompany`. */
export async function listCompanyIds(db: Db): Promise<{ id: string; timezone: string }[]> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('role', 'ember_app', true), set_config('app.system', 'on', true)`);
    const rows = await tx.execute<{ id: string; timezone: string }>(sql`select id, timezone from companies order by id`);
    return [...rows];
  });
}
