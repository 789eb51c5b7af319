/**
 * Approval chains (shared/approvals): the votes cast on a gate's task, level by level, and the delegations that let
 * one person decide for another while they are away. The chain itself (levels, deciders, counts) is stored on the
 * gate's task when it opens (tasks.gate_chain), so the record says what applied.
 */
import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { tasks } from './runs.ts';
import { companies, users } from './tenancy.ts';

export const gateVotes = pgTable(
  'gate_votes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: uuid('company_id').notNull().references(() => companies.id, { onDelete: 'cascade' }),
    taskId: uuid('task_id').notNull().references(() => tasks.id, { onDelete: 'cascade' }),
    /** The chain level (0-based) the vote counts for. */
    level: integer('level').notNull(),
    /** Whose vote it is: the decider it counts for, the delegator when a delegate cast it. */
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    /** Who cast it: `user_id` itself, or their delegate ("on behalf of"). */
    castBy: uuid('cast_by').notNull().references(() => users.id, { onDelete: 'cascade' }),
    decision: text('decision').notNull(),
    comment: text('comment'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One vote per person per level: two clicks at the same moment count once.
    unique('gate_votes_task_level_user_uq').on(t.taskId, t.level, t.userId),
    check('gate_votes_decision_ck', sql`${t.decision} in ('approved', 'rejected')`),
    index('gate_votes_company_idx').on(t.companyId, t.taskId),
  ],
);

export const approvalDelegations = pgTable(
  'approval_delegations',
  {
    companyId: uuid('company_id').notNull().references(() => companies.id, { onDelete: 'cascade' }),
    /** The person who is away. One delegation at a time per person and company. */
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    delegateUserId: uuid('delegate_user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull().defaultNow(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.userId] }),
    check('approval_delegations_other_ck', sql`${t.userId} <> ${t.delegateUserId}`),
    check('approval_delegations_period_ck', sql`${t.endsAt} > ${t.startsAt}`),
    index('approval_delegations_delegate_idx').on(t.companyId, t.delegateUserId),
  ],
);
