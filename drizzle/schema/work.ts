/**
 * Work routing (DOMAIN.md §1.1, §1.7): assignment rules, the activity log of each task and notification records.
 * The tasks table itself lives with the runs (gate tasks share it).
 */
import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { NOTIFICATION_KINDS, TASK_EVENT_TYPES } from '../../shared/tasks/vocab.ts';
import { tasks } from './runs.ts';
import { companies, roleEnum, users } from './tenancy.ts';

export const taskEventTypeEnum = pgEnum('task_event_type', TASK_EVENT_TYPES);
export const notificationKindEnum = pgEnum('notification_kind', NOTIFICATION_KINDS);

/** First matching rule (lowest sort) wins; null filters match anything. A rule names a person or one of our roles. */
export const assignmentRules = pgTable(
  'assignment_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: uuid('company_id').notNull().references(() => companies.id, { onDelete: 'cascade' }),
    taskType: text('task_type'),
    categoryId: uuid('category_id'),
    retailerId: uuid('retailer_id'),
    assigneeUserId: uuid('assignee_user_id').references(() => users.id, { onDelete: 'cascade' }),
    assigneeRole: roleEnum('assignee_role'),
    priorityOverride: text('priority_override'),
    sort: integer('sort').notNull().default(100),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('assignment_rules_company_idx').on(t.companyId, t.sort),
    check('assignment_rules_target_ck', sql`(${t.assigneeUserId} is null) <> (${t.assigneeRole} is null)`),
  ],
);

export const taskEvents = pgTable(
  'task_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: uuid('company_id').notNull(),
    taskId: uuid('task_id').notNull().references(() => tasks.id, { onDelete: 'cascade' }),
    type: taskEventTypeEnum('type').notNull(),
    actorType: text('actor_type').notNull().default('system'),
    actorId: text('actor_id'),
    /** The escalation level an `escalated` event reached: unique per task, so an escalation never repeats. */
    level: integer('level'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('task_events_task_idx').on(t.taskId, t.at),
    uniqueIndex('task_events_escalation_uq').on(t.taskId, t.level).where(sql`type = 'escalated'`),
  ],
);

export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: uuid('company_id').notNull().references(() => companies.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    taskId: uuid('task_id').references(() => tasks.id, { onDelete: 'cascade' }),
    kind: notificationKindEnum('kind').notNull(),
    message: text('message').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
    // A decider's notification about an approval (shared/notifications/vocab.ts): the run it links to, the chain
    // level, whom the recipient decides for as their delegate, and a dedupe key so a re-executed step writes once.
    runId: uuid('run_id'),
    workflowId: uuid('workflow_id'),
    level: integer('level'),
    onBehalfOf: uuid('on_behalf_of').references(() => users.id, { onDelete: 'cascade' }),
    dedupeKey: text('dedupe_key'),
  },
  (t) => [
    index('notifications_user_idx').on(t.companyId, t.userId, t.createdAt),
    uniqueIndex('notifications_dedupe_uq').on(t.companyId, t.userId, t.dedupeKey).where(sql`dedupe_key is not null`),
    index('notifications_unread_idx').on(t.companyId, t.userId).where(sql`read_at is null`),
  ],
);
