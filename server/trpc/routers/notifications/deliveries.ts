import { sql } from 'drizzle-orm';
import type { DeliveryAttempt, DeliveryStatus } from '../../../../shared/notifications/vocab.ts';
import { companyProcedure } from '../../init.ts';

/** The webhook's latest deliveries with every attempt, for admins checking that messages arrive. */
export const webhookDeliveriesProcedure = companyProcedure('manage_settings').query(async ({ ctx }) => {
  const rows = await ctx.tx.execute<{ id: string; kind: string; status: DeliveryStatus; attempts: DeliveryAttempt[]; text: string; created_at: string; delivered_at: string | null }>(sql`
    select id, kind, status, attempts, payload->>'text' as text, created_at, delivered_at from webhook_deliveries order by created_at desc, id desc limit 20`);
  return rows.map((r) => ({ id: r.id, kind: r.kind, status: r.status, attempts: r.attempts, text: r.text, createdAt: new Date(r.created_at).toISOString(), deliveredAt: r.delivered_at ? new Date(r.delivered_at).toISOString() : null }));
});
