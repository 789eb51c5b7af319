import { bigint, foreignKey, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { workflowRuns } from './runs.ts';

/**
 * Every status change of a run and of its steps, appended by the same triggers that number and announce the
 * change (run_step_announce / run_announce, migration 0013), so the run view can replay a run from what actually
 * happened. `seq` is the change's value of run_change_seq; a run's own status changes have step_id ''.
 * Append-only: the app may insert (through the trigger) and read, never rewrite.
 */
export const workflowRunStepEvents = pgTable(
  'workflow_run_step_events',
  {
    runId: uuid('run_id').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    companyId: uuid('company_id').notNull(),
    /** '' for the run's own status. */
    stepId: text('step_id').notNull(),
    status: text('status').notNull(),
    statusReason: text('status_reason'),
    attempts: integer('attempts').notNull().default(0),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.runId, t.seq] }),
    foreignKey({ columns: [t.runId, t.companyId], foreignColumns: [workflowRuns.id, workflowRuns.companyId] }).onDelete('cascade'),
  ],
);
