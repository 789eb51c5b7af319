/**
 * The company webhook's outbox (shared/notifications/vocab.ts): one row per approval fact (a decision waiting, a
 * reminder, an escalation), written in the same transaction as the fact's audit entry and the deciders'
 * notifications (work.ts), once per dedupe key; delivered durably by the task orchestrator, each attempt recorded.
 */
import { sql } from 'drizzle-orm';
import { check, index, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import type { DeliveryAttempt } from '../../shared/notifications/vocab.ts';
import { tasks } from './runs.ts';
import { companies } from './tenancy.ts';

export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: uuid('company_id').notNull().references(() => companies.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    taskId: uuid('task_id').references(() => tasks.id, { onDelete: 'set null' }),
    /** The Slack-compatible body (`text` and `blocks`), built when the fact happened. */
    payload: jsonb('payload').$type<{ text: string; blocks: unknown[] }>().notNull(),
    status: text('status').notNull().default('pending'),
    attempts: jsonb('attempts').$type<DeliveryAttempt[]>().notNull().default(sql`'[]'::jsonb`),
    dedupeKey: text('dedupe_key').notNull(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('webhook_deliveries_dedupe_uq').on(t.companyId, t.dedupeKey),
    check('webhook_deliveries_status_ck', sql`${t.status} in ('pending', 'delivered', 'failed', 'refused', 'cancelled')`),
    index('webhook_deliveries_pending_idx').on(t.status, t.createdAt),
  ],
);
